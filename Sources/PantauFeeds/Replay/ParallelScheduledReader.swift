import Foundation
import PantauCore

/// Reads a recording as a ``ScheduledReader`` over a ``ParallelFeedReader`` does (the same
/// events in the same order, with the same arrivals, start and counts), but hands the events
/// out where the workers decoded them, a chunk at a time, for a consumer that plays them in
/// place (a snapshot). No event is moved from its chunk into a ring, a batch and a player: each
/// is built once, given its arrival on a scheduling thread, played, and released by a worker.
///
/// Threads: one frames lines, `workers` decode them, one gives the decoded events their
/// arrivals in order and hands each chunk on once all its events have one, so the consumer's
/// thread only plays. At most `depth` chunks wait between the stages.
///
/// A run is valid until the next call to ``next()``. The consumer may change the events in a
/// run (``Session`` moves each out and back while it applies it) but must leave each initialized.
public final class ParallelScheduledReader {
    private let pipeline: Pipeline
    private let handoff: ScheduledChunks
    /// The chunk of the run handed out last, given back to the pipeline at the next call.
    private var current: DecodedChunk?

    /// Counts of lines, events and skips of the chunks read by the time the last run was
    /// scheduled (the scheduling thread reads a little ahead of the runs it hands on).
    public private(set) var stats = FeedStats()

    /// The recording's first arrival, once a run has been handed out.
    public private(set) var start: Instant?

    /// Events in the runs handed out so far that are stamped more than
    /// ``ScheduledReader/oldAfter`` before ``start`` (as ``ScheduledReader/olderThanStart``
    /// counts them; the scheduling thread decides it with each arrival).
    public private(set) var olderThanStart = 0

    /// Reads `reader` (which must not have been read yet) from now on, decoding on `workers`
    /// threads of its own, `chunkLines` lines (at most 1 MiB) at a time. The defaults were
    /// measured on a 1M-line realistic feed: 2,048 lines and a depth of 4 were slower.
    public init(_ reader: FeedReader, workers: Int = 2, chunkLines: Int = 4096, depth: Int = 8) {
        let pipeline = Pipeline(reader, workers: max(1, workers), chunkLines: max(1, chunkLines), depth: max(1, depth))
        let handoff = ScheduledChunks(depth: max(1, depth))
        self.pipeline = pipeline
        self.handoff = handoff
        ReaderThread.start("pantau-schedule") { Self.schedule(pipeline, into: handoff) }
    }

    deinit { cancel() }

    /// Stops reading (the threads end at their next chunk); a consumer that has what it needs
    /// (a snapshot at `--at T`, played up to T) need not wait for the rest to be decoded.
    public func cancel() {
        handoff.cancel()
        pipeline.cancel()
    }

    /// The next run of events in arrival order, each with its arrival, where it was decoded;
    /// nil at the end of the recording. A read error is thrown after the events read before it.
    public func next() throws -> UnsafeMutableBufferPointer<ScheduledEvent>? {
        if let played = current.take() { pipeline.discard(played) }
        guard let item = try handoff.next() else { return nil }
        stats = item.stats
        start = item.start
        guard let chunk = item.chunk else { return nil }
        olderThanStart += chunk.olderThanStart
        current = chunk
        return UnsafeMutableBufferPointer(start: chunk.events, count: chunk.count)
    }

    /// The scheduling thread: takes the decoded chunks in order, gives their events arrivals
    /// (an event's arrival is known once the lines it depends on are read, up to
    /// ``ScheduledReader/lookahead`` lines into the next chunk) and hands each chunk on once
    /// all its events have theirs.
    private static func schedule(_ pipeline: Pipeline, into handoff: ScheduledChunks) {
        let schedule = ArrivalSchedule()
        var stats = FeedStats()
        // Chunks read and not yet handed on, oldest first; arrivals are set up to event
        // `scheduled` of the first.
        var waiting: [DecodedChunk] = []
        var scheduled = 0
        // The schedule's count of old records, as far as it is noted in the chunks.
        var olderNoted = 0
        func assignKnownArrivals() -> Bool {
            while let arrival = schedule.next() {
                // Past the end of a chunk: it is complete (the schedule holds a line for every
                // event added, so a chunk with events not yet given an arrival is waiting).
                while scheduled == waiting[0].count {
                    guard handoff.put(waiting.removeFirst(), start: schedule.start, stats: stats) else { return false }
                    scheduled = 0
                }
                (waiting[0].events + scheduled).pointer(to: \.arrival)!.pointee = arrival
                waiting[0].olderThanStart += schedule.olderThanStart - olderNoted
                olderNoted = schedule.olderThanStart
                scheduled += 1
            }
            return true
        }
        var failure: (any Error)?
        while true {
            let chunk: DecodedChunk
            do {
                guard let next = try pipeline.nextChunk() else { break }
                chunk = next
            } catch {
                // The events read before the error are scheduled as at an end, then it is thrown.
                failure = error
                break
            }
            stats.merge(chunk.stats)
            guard chunk.count > 0 else {
                // Every line skipped: counted, nothing to schedule.
                pipeline.discard(chunk)
                continue
            }
            waiting.append(chunk)
            for i in 0..<chunk.count {
                schedule.add(time: (chunk.events + i).pointer(to: \ScheduledEvent.event.time)!.pointee,
                             recorded: chunk.arrivals[i])
                guard assignKnownArrivals() else { return }
            }
        }
        schedule.end()
        guard assignKnownArrivals() else { return }
        for chunk in waiting {
            guard handoff.put(chunk, start: schedule.start, stats: stats) else { return }
        }
        handoff.finish(start: schedule.start, stats: stats, failure: failure)
    }
}

/// The chunks a ``ParallelScheduledReader``'s scheduling thread hands to its consumer, and the
/// end of the recording; guarded by `condition`.
private final class ScheduledChunks: @unchecked Sendable {
    /// A chunk with every event's arrival set (nil: the end), with the recording's start and
    /// the counts as they stood when it was handed on.
    struct Item {
        var chunk: DecodedChunk?
        var start: Instant?
        var stats: FeedStats
    }

    private let condition = NSCondition()
    private var ready: [Item] = []
    private var failure: (any Error)?
    private var cancelled = false
    private let depth: Int

    init(depth: Int) { self.depth = depth }

    /// Hands on a chunk, waiting while `depth` wait; false once the consumer has cancelled.
    func put(_ chunk: DecodedChunk, start: Instant?, stats: FeedStats) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count >= depth && !cancelled { condition.wait() }
        if cancelled { return false }
        ready.append(Item(chunk: chunk, start: start, stats: stats))
        condition.broadcast()
        return true
    }

    /// The end of the recording, after the chunks handed on; `failure`, the read error.
    func finish(start: Instant?, stats: FeedStats, failure: (any Error)?) {
        condition.lock()
        ready.append(Item(chunk: nil, start: start, stats: stats))
        self.failure = failure
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk in order, waiting for it, or the end (rethrowing the read error there,
    /// at every call). Nil after a cancel.
    func next() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !cancelled { condition.wait() }
        if cancelled { return nil }
        // The end stays: every later call gets it too.
        guard ready[0].chunk != nil else {
            if let failure { throw failure }
            return ready[0]
        }
        let item = ready.removeFirst()
        condition.broadcast()
        return item
    }

    func cancel() {
        condition.lock()
        cancelled = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
