import Foundation
import PantauCore

/// The one place every running source hands its events to, drained in arrival order by the
/// main loop.
///
/// Thread-safe and bounded: when the reader falls behind and more than ``capacity`` events
/// wait, the oldest are dropped and counted in ``dropped``, so memory cannot grow without
/// limit. The inbox owns a pipe whose read end, ``wakeFD``, becomes readable whenever events
/// arrive (one byte per empty-to-non-empty transition, or per ``wake()``), so a loop sleeping
/// in `poll` — such as `TerminalScreen.waitForKeys(timeout:wakeFD:)` — wakes at once.
/// ``drain(max:)`` empties the pipe as well as the queue.
///
/// ```swift
/// let inbox = EventInbox(capacity: 100_000)
/// // sources call inbox.post(events) from their own threads
/// let keys = screen.waitForKeys(timeout: 1, wakeFD: inbox.wakeFD)
/// let batch = inbox.drain()
/// for event in batch.events { state.apply(event) }
/// ```
public final class EventInbox: @unchecked Sendable {
    /// What one ``drain(max:)`` returns.
    public struct Batch: Sendable {
        /// Events in arrival order.
        public var events: [FeedEvent]
        /// Events dropped (oldest first) since the previous drain because the inbox was full.
        public var dropped: Int
        /// Where sources had read to (``mark(source:position:)``) once every event they posted
        /// before marking has been taken, by source name: the latest such mark of each.
        public var positions: [String: SourcePosition] = [:]
    }

    /// The most events held at once.
    public let capacity: Int
    /// Readable while events (or a ``wake()``) are waiting; for `poll`. Never read it yourself.
    public let wakeFD: Int32

    private let writeFD: Int32
    private let lock = NSLock()
    // A ring buffer: `head` is the oldest event, `count` the number held.
    private var ring: [FeedEvent?]
    private var head = 0
    private var count = 0
    private var droppedSinceDrain = 0
    private var droppedTotal = 0
    private var deliveredTotal = 0
    private var signalled = false
    /// Events ever put in the ring, and taken from it (drained or dropped): counters that only grow.
    private var postedTotal = 0
    private var takenTotal = 0
    /// Marks waiting for the events posted before them to be taken, oldest first.
    private var marks: [(after: Int, source: String, position: SourcePosition)] = []

    /// An inbox holding at most `capacity` events.
    public init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
        ring = Array(repeating: nil, count: self.capacity)
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            }
        }
        wakeFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(wakeFD)
        close(writeFD)
    }

    /// Appends events (from any thread), dropping the oldest when full, and wakes the reader.
    public func post(_ events: [FeedEvent]) {
        guard !events.isEmpty else { return }
        lock.lock()
        for e in events {
            if count == capacity {
                ring[head] = nil
                head = (head + 1) % capacity
                count -= 1
                droppedSinceDrain += 1
                droppedTotal += 1
                takenTotal += 1
            }
            ring[(head + count) % capacity] = e
            count += 1
            postedTotal += 1
        }
        deliveredTotal += events.count
        let mustSignal = !signalled
        signalled = true
        lock.unlock()
        if mustSignal { signalPipe() }
    }

    /// Appends one event.
    public func post(_ event: FeedEvent) { post([event]) }

    /// Notes that `source` has read up to `position`, with every event it read before it
    /// posted: the mark comes out of ``drain(max:)`` (in ``Batch/positions``) once those
    /// events have all been taken, so a reader that stores it after handling them never skips
    /// an event it has not handled. Does not wake the reader.
    public func mark(source: String, position: SourcePosition) {
        lock.lock()
        if let last = marks.last, last.after == postedTotal, last.source == source {
            marks[marks.count - 1].position = position
        } else {
            marks.append((postedTotal, source, position))
        }
        lock.unlock()
    }

    /// Makes ``wakeFD`` readable without an event (e.g. a signal asked the loop to stop).
    public func wake() {
        lock.lock()
        signalled = true
        lock.unlock()
        signalPipe()
    }

    /// Takes up to `max` of the waiting events, oldest first, and empties the wake pipe.
    /// When events remain (more than `max` were waiting) the pipe is signalled again.
    public func drain(max limit: Int = .max) -> Batch {
        var buf = [UInt8](repeating: 0, count: 256)
        while read(wakeFD, &buf, buf.count) > 0 {}
        lock.lock()
        let n = min(limit, count)
        var out: [FeedEvent] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            out.append(ring[head]!)
            ring[head] = nil
            head = (head + 1) % capacity
        }
        count -= n
        takenTotal += n
        var positions: [String: SourcePosition] = [:]
        var reached = 0
        while reached < marks.count, marks[reached].after <= takenTotal {
            positions[marks[reached].source] = marks[reached].position
            reached += 1
        }
        marks.removeFirst(reached)
        let dropped = droppedSinceDrain
        droppedSinceDrain = 0
        let more = count > 0
        signalled = more
        lock.unlock()
        if more { signalPipe() }
        return Batch(events: out, dropped: dropped, positions: positions)
    }

    /// Events waiting now.
    public var pending: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    /// Events dropped since the inbox was made.
    public var dropped: Int {
        lock.lock()
        defer { lock.unlock() }
        return droppedTotal
    }

    /// Events posted since the inbox was made (including dropped ones).
    public var delivered: Int {
        lock.lock()
        defer { lock.unlock() }
        return deliveredTotal
    }

    private func signalPipe() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }
}
