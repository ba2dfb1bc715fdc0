import Foundation
import PantauCore

/// Reads a recording on a thread of its own, a few batches ahead of its consumer, so decoding
/// (the reader's work) and applying (the store's) run side by side on two cores.
///
/// Memory stays bounded: at most `depth` batches of `batchSize` events wait at any time. Each
/// batch carries the reader's counts as they stood after its last event, so the consumer sees
/// what a plain ``ScheduledReader`` would have told it at that point.
public final class ReadAhead: @unchecked Sendable {
    /// Events read ahead, with the reader's state after the last of them.
    public struct Batch: Sendable {
        public var events: [ScheduledEvent]
        /// The recording's first arrival (``ScheduledReader/start``), once known.
        public var start: Instant?
        /// ``ScheduledReader/stats`` after the batch's last event.
        public var stats: FeedStats
    }

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var ready: [Batch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    /// Batches played and handed back (``recycle(_:)``): emptied on the reading thread, which
    /// then fills them again.
    private var spent: [[ScheduledEvent]] = []

    private let depth: Int

    /// Starts reading `reader` (which must not have been read yet) on a new thread.
    public init(_ reader: ScheduledReader, batchSize: Int = 4096, depth: Int = 4) {
        self.depth = max(1, depth)
        let size = max(1, batchSize)
        // The reader is used by the reading thread only, from here on.
        nonisolated(unsafe) let reader = reader
        let thread = Thread { [self] in self.produce(reader, batchSize: size) }
        thread.name = "pantau-read-ahead"
        thread.start()
    }

    deinit { cancel() }

    /// The next batch in order, waiting for it if need be; nil at the end of the recording.
    /// Rethrows the reader's error (after the batches read before it).
    public func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if !ready.isEmpty {
            let batch = ready.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Hands back a batch's events once played: the reading thread empties the array (releasing
    /// the events there, not on the consumer's thread) and fills it again, so no batch is
    /// allocated afresh. Pass the last reference (a copy still held elsewhere is left alone
    /// and the reading thread allocates a new array instead).
    public func recycle(_ events: consuming [ScheduledEvent]) {
        condition.lock()
        if spent.count < depth { spent.append(events) }
        condition.unlock()
    }

    /// Stops reading (the thread ends at its next batch); later calls to ``next()`` return what
    /// was read, then nil.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func produce(_ reader: ScheduledReader, batchSize: Int) {
        var events: [ScheduledEvent] = []
        events.reserveCapacity(batchSize)
        var error: (any Error)?
        while true {
            var end = false
            do {
                if let e = try reader.next() { events.append(e) } else { end = true }
            } catch let e {
                error = e
                end = true
            }
            guard end || events.count >= batchSize else { continue }
            let batch = Batch(events: events, start: reader.start, stats: reader.stats)
            events = []
            condition.lock()
            while ready.count >= depth && !cancelled { condition.wait() }
            var spare = spent.popLast()
            if cancelled {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            // The last batch goes even when empty: it carries the final counts.
            if !batch.events.isEmpty || end { ready.append(batch) }
            if end {
                finished = true
                failure = error
            }
            condition.broadcast()
            condition.unlock()
            if end { return }
            // Emptied here, outside the lock: the played events are released on this thread.
            if var kept = spare.take() {
                kept.removeAll(keepingCapacity: true)
                events = consume kept
            }
            events.reserveCapacity(batchSize)
        }
    }
}
