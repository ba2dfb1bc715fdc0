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

    public func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        if let failure { throw failure }
        precondition(times.count == events.count, "one time per event")
        var made: [JournalEntry] = []
        made.reserveCapacity(events.count)
        var previous = stored.last?.hash ?? JournalChain.genesis
        var sequence = stored.last?.sequence ?? 0
        var floor = stored.last?.at
        for (event, time) in zip(events, times) {
            sequence += 1
            let at = max(time, floor ?? time)
            floor = at
            let line = FeedEventEncoder.line(for: event)
            let hash = JournalChain.hash(previous: previous, sequence: sequence, recordedAt: recordedAt, at: at, line: line)
            made.append(JournalEntry(sequence: sequence, recordedAt: recordedAt, at: at, line: line, hash: hash))
            previous = hash
        }
        stored.append(contentsOf: made)
        return made
    }

    public func lastSequence() throws(JournalError) -> Int64 { stored.last?.sequence ?? 0 }

    public func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64 {
        // Entry times never decrease: the first entry past `time` ends the ones at or before it.
        var low = 0, high = stored.count
        while low < high {
            let mid = (low + high) / 2
            if stored[mid].at <= time { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? 0 : stored[low - 1].sequence
    }

    public func timeSpan() throws(JournalError) -> ClosedRange<Instant>? {
        guard let first = stored.first, let last = stored.last else { return nil }
        return first.at...last.at
    }

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

    public func checkpointMarks() throws(JournalError) -> [JournalCheckpointMark] {
        checkpoints.sorted { $0.sequence < $1.sequence }.compactMap { checkpoint in
            guard let at = checkpoint.at ?? stored.last(where: { $0.sequence <= checkpoint.sequence })?.at else { return nil }
            return JournalCheckpointMark(sequence: checkpoint.sequence, at: at)
        }
    }

    public func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint? {
        checkpoints.filter { checkpoint in
            guard let at = checkpoint.at ?? stored.last(where: { $0.sequence <= checkpoint.sequence })?.at else { return true }
            return at <= time
        }.max { $0.sequence < $1.sequence }
    }
}
