import Foundation
import PantauCore

/// Reads a feed as a ``FeedReader`` does, decoding on worker threads: one thread frames lines
/// into chunks, `workers` threads decode them, and ``next(into:)`` hands the events on in the
/// stream's order, with the same arrivals and counts. For reading a whole recording fast (a
/// snapshot) where cores are free; memory stays bounded (a few chunks in flight).
///
/// ``stats`` counts a chunk (up to `chunkLines` lines) when its first event is handed on.
public final class ParallelFeedReader: FeedEventStream {
    public private(set) var lastArrival: Instant?
    public private(set) var stats = FeedStats()
    private let pipeline: Pipeline
    private var current: DecodedChunk?

    /// Reads `reader` (which must not have been read yet) from now on, on threads of its own.
    public init(_ reader: FeedReader, workers: Int = 2, chunkLines: Int = 2048) {
        pipeline = Pipeline(reader, workers: max(1, workers), chunkLines: max(1, chunkLines))
    }

    deinit { pipeline.cancel() }

    public func next(into slot: UnsafeMutablePointer<FeedEvent>) throws -> Bool {
        while true {
            if let chunk = current, !chunk.isEmpty {
                lastArrival = chunk.take(into: slot)
                return true
            }
            current = nil
            guard let chunk = try pipeline.nextChunk() else { return false }
            stats.merge(chunk.stats)
            current = chunk
        }
    }
}

/// The threads of a ``ParallelFeedReader`` (or ``ParallelScheduledReader``) and what passes
/// between them, guarded by `condition`.
final class Pipeline: @unchecked Sendable {
    private let condition = NSCondition()
    /// Framed, waiting for a worker, in order.
    private var framed: [(sequence: Int, chunk: LineChunk)] = []
    /// Decoded, waiting to be handed on, by sequence.
    private var decoded: [Int: DecodedChunk] = [:]
    /// Chunks being decoded now.
    private var decoding = 0
    private var nextToHand = 0
    /// How many chunks the stream made, once framing has ended.
    private var chunkTotal: Int?
    private var failure: (any Error)?
    private var cancelled = false
    /// Chunks decoded, for the framing thread to fill again.
    private var spare: [LineChunk] = []
    /// Decoded chunks their consumer is done with, for a worker to let go of (so their events
    /// are released there, not on the consumer's thread).
    private var done: [DecodedChunk] = []
    /// Chunks framed, decoding or decoded at most at once.
    private let depth: Int

    private static let chunkBytes = 1 << 20

    /// `depth`: chunks framed, decoding or decoded at most at once (default: two per worker).
    init(_ reader: FeedReader, workers: Int, chunkLines: Int, depth: Int? = nil) {
        self.depth = max(1, depth ?? workers * 2)
        // The reader is used by the framing thread only, from here on.
        nonisolated(unsafe) let reader = reader
        ReaderThread.start("pantau-frame") { [self] in frame(reader, chunkLines: chunkLines) }
        for _ in 0..<workers {
            ReaderThread.start("pantau-decode") { [self] in decode() }
        }
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Hands back a decoded chunk its consumer is done with (pass the last reference): a
    /// worker lets go of it, releasing its events, before it decodes its next chunk.
    func discard(_ chunk: consuming DecodedChunk) {
        condition.lock()
        done.append(chunk)
        condition.unlock()
    }

    /// The next decoded chunk in order, waiting for it; nil at the end of the stream (after
    /// which the framing error, if any, is thrown), and once cancelled (the threads that would
    /// decode it are gone).
    func nextChunk() throws -> DecodedChunk? {
        condition.lock()
        defer { condition.unlock() }
        while decoded[nextToHand] == nil {
            if cancelled { return nil }
            if let total = chunkTotal, nextToHand >= total {
                if let failure { throw failure }
                return nil
            }
            condition.wait()
        }
        let chunk = decoded.removeValue(forKey: nextToHand)
        nextToHand += 1
        condition.broadcast()
        return chunk
    }

    private func frame(_ reader: FeedReader, chunkLines: Int) {
        var sequence = 0
        var lines = 0
        while true {
            condition.lock()
            var chunk = spare.popLast() ?? LineChunk(firstLine: lines, capacity: Self.chunkBytes + FeedLineDecoder.maxLineLength)
            condition.unlock()
            chunk.reuse(firstLine: lines)
            var ended = false
            var error: (any Error)?
            do {
                ended = try reader.frameLines(into: &chunk, maxBytes: Self.chunkBytes, maxLines: chunkLines)
            } catch let e {
                error = e
                ended = true
            }
            lines += chunk.count
            condition.lock()
            while framed.count + decoding + decoded.count >= depth && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            if chunk.count > 0 {
                framed.append((sequence, chunk))
                sequence += 1
            }
            if ended {
                chunkTotal = sequence
                failure = error
            }
            condition.broadcast()
            condition.unlock()
            if ended { return }
        }
    }

    private func decode() {
        let decoder = FeedLineDecoder()
        while true {
            condition.lock()
            while framed.isEmpty && chunkTotal == nil && !cancelled { condition.wait() }
            if cancelled || framed.isEmpty {
                condition.unlock()
                return
            }
            let (sequence, chunk) = framed.removeFirst()
            decoding += 1
            var finished = done
            done = []
            condition.unlock()
            // Released here, outside the lock.
            finished.removeAll()
            let result = DecodedChunk(chunk, decoder: decoder)
            condition.lock()
            decoding -= 1
            decoded[sequence] = result
            if spare.count < depth { spare.append(consume chunk) }
            condition.broadcast()
            condition.unlock()
        }
    }
}
