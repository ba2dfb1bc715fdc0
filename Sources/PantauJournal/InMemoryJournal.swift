import PantauCore

/// A journal held in memory: for tests, and for a session that must not leave a file behind.
/// Entries are hash-chained like any journal's. Set ``failure`` to make every write fail with
/// it (a full disk, a read-only file), as a test of what the session does then.
public final class InMemoryJournal: Journal {
    public private(set) var stored: [JournalEntry] = []
    public private(set) var checkpoints: [JournalCheckpoint] = []
    /// When set, every append and checkpoint throws it and stores nothing.
    public var failure: JournalError?

    public init() {}

    public func append(_ events: [FeedEvent], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        if let failure { throw failure }
        var made: [JournalEntry] = []
        made.reserveCapacity(events.count)
        var previous = stored.last?.hash ?? JournalChain.genesis
        var sequence = stored.last?.sequence ?? 0
        for event in events {
            sequence += 1
            let line = FeedEventEncoder.line(for: event)
            let hash = JournalChain.hash(previous: previous, sequence: sequence, recordedAt: recordedAt, line: line)
            made.append(JournalEntry(sequence: sequence, recordedAt: recordedAt, line: line, hash: hash))
            previous = hash
        }
        stored.append(contentsOf: made)
        return made
    }

    public func lastSequence() throws(JournalError) -> Int64 { stored.last?.sequence ?? 0 }

    public func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        // Sequences are 1, 2, 3 … so entry n sits at index n - 1.
        let from = Int(max(0, min(sequence, Int64(stored.count))))
        return Array(stored[from..<min(stored.count, from + max(0, limit))])
    }

    public func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) {
        if let failure { throw failure }
        checkpoints.append(checkpoint)
    }

    public func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? {
        checkpoints.filter { sequence == nil || $0.sequence <= sequence! }.max { $0.sequence < $1.sequence }
    }
}
