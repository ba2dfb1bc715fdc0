import PantauCore

/// Reads a recording in arrival order (the order `pantau record` writes) and gives each event
/// the moment it arrived, so a replay and a snapshot play it as it was seen live: an old record
/// (a 2012 CAP alert) neither sets the start nor waits, and one stamped ahead neither holds
/// back the lines after it nor moves the clock.
///
/// A line's arrival is its recorded `rx` (see ``ArrivalStamp``) when it has one. Otherwise it is
/// estimated: its own time, but never before the previous line's arrival (a late or old line
/// arrived after the lines before it) and never after the earliest of the next
/// ``lookahead`` lines that are not old (it arrived before them): so a line stamped ahead
/// arrives with its neighbours. A last line with nothing after it to bound it arrives at most
/// ``oldAfter`` after the one before.
///
/// The recording's start is its first arrival. Without `rx`, the first lines stamped more than
/// ``oldAfter`` before the median of the first ``startWindow`` events are old records: they
/// arrive with the first plausible line, which is the start.
public final class ScheduledReader {
    /// How many lines ahead an estimate looks for a bound.
    public static let lookahead = 32
    /// How many events at the beginning decide where a recording without `rx` starts.
    public static let startWindow = 256
    /// How much older than the recording a record must be to be old (and its start not).
    public static let oldAfter: Double = 6 * 3600

    private let reader: FeedReader
    /// Read but not yet given out, from `head` on, with their recorded arrivals.
    private var queue: [(event: FeedEvent, rx: Instant?)] = []
    private var head = 0
    private var lineArrival: Instant?
    private var ended = false
    private var previous: Instant?

    /// The first arrival; nil until the first ``next()`` (and for an empty recording).
    public private(set) var start: Instant?
    /// Events given out so far that are stamped more than ``oldAfter`` before ``start``.
    public private(set) var olderThanStart = 0

    /// Whether `event` is stamped more than ``oldAfter`` before the recording's `start` (an old
    /// record, counted in ``olderThanStart``).
    public static func isOld(_ event: FeedEvent, start: Instant) -> Bool {
        event.time.seconds(since: start) < -oldAfter
    }

    /// Reads `reader`'s events (it must not have been read yet).
    public init(_ reader: FeedReader) {
        self.reader = reader
        reader.lineObserver = { [unowned self] line in self.lineArrival = ArrivalStamp.find(in: line) }
    }

    /// The reader's counts of lines, events and skips, so far.
    public var stats: FeedStats { reader.stats }

    /// The next event with its arrival, or nil at the end of the recording.
    public func next() throws -> ScheduledEvent? {
        if start == nil {
            try fill(Self.startWindow)
            guard head < queue.count else { return nil }
            start = findStart()
            previous = start
        }
        try fill(Self.lookahead + 1)
        guard head < queue.count, let start, let previous else { return nil }
        let (event, rx) = queue[head]
        head += 1
        if head >= 4096 {
            queue.removeFirst(head)
            head = 0
        }
        let arrival = max(previous, rx ?? min(event.time, bound(after: head - 1, notBefore: previous)))
        self.previous = arrival
        if Self.isOld(event, start: start) { olderThanStart += 1 }
        return ScheduledEvent(event: event, arrival: arrival)
    }

    /// Reads until `count` events wait past `head`, or the recording ends.
    private func fill(_ count: Int) throws {
        while !ended, queue.count - head < count {
            lineArrival = nil
            guard let event = try reader.next() else {
                ended = true
                return
            }
            queue.append((event, lineArrival))
        }
    }

    /// The latest the event at `index` can have arrived, if it arrived no earlier than
    /// `floor`: the earliest arrival bound (`rx`, else time) of the next lines that are not
    /// before `floor`, or `floor` plus ``oldAfter`` when none is.
    private func bound(after index: Int, notBefore floor: Instant) -> Instant {
        var earliest: Instant?
        for i in (index + 1)..<min(queue.count, index + 1 + Self.lookahead) {
            let b = queue[i].rx ?? queue[i].event.time
            if b >= floor, earliest.map({ b < $0 }) ?? true { earliest = b }
        }
        return earliest ?? floor.adding(seconds: Self.oldAfter)
    }

    /// The first arrival, from the events waiting in the queue (at least one).
    private func findStart() -> Instant {
        if let rx = queue[head].rx { return rx }
        let window = queue[head...].prefix(Self.startWindow).map(\.event.time).sorted()
        let floor = window[window.count / 2].adding(seconds: -Self.oldAfter)
        let first = queue[head...].firstIndex { $0.event.time >= floor }!
        return min(queue[first].event.time, bound(after: first, notBefore: floor))
    }
}
