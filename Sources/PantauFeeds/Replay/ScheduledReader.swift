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

    private let reader: any FeedEventStream
    // Read but not yet given out: a ring of events from `head` to `tail` (counters that only
    // grow; `& mask` is the slot), each built in place by the decoder and moved out once, with
    // its recorded arrival, its time and its bound (`rx`, else time) beside it so the
    // estimates read small values, not whole events.
    private static let capacity = 512
    private static let mask = capacity - 1
    private let events = UnsafeMutablePointer<FeedEvent>.allocate(capacity: capacity)
    private let recorded = UnsafeMutablePointer<Instant?>.allocate(capacity: capacity)
    private let times = UnsafeMutablePointer<Instant>.allocate(capacity: capacity)
    private let bounds = UnsafeMutablePointer<Instant>.allocate(capacity: capacity)
    @exclusivity(unchecked) private var head = 0
    @exclusivity(unchecked) private var tail = 0
    @exclusivity(unchecked) private var ended = false
    @exclusivity(unchecked) private var previous: Instant?
    /// The latest event (ring counter) whose bound is earlier than the one before it: the
    /// bounds after it are in order, so a bound found among them is the first that qualifies.
    @exclusivity(unchecked) private var lastDescent = 0
    /// The last answer of ``bound(after:notBefore:)``'s scan, reused by the next scan while
    /// it is still in the window and qualifies (see there).
    @exclusivity(unchecked) private var lastScan = EarliestBound()

    /// The earliest bound not before `floor` among the lines after `index` up to `end`
    /// (`value` is `Int64.max` when none was), and the latest line that has it.
    private struct EarliestBound {
        var index = Int.max
        var floor = Int64.max
        var end = 0
        var value = Int64.max
        var line = 0
    }

    /// The first arrival; nil until the first ``next()`` (and for an empty recording).
    public private(set) var start: Instant?
    /// Events given out so far that are stamped more than ``oldAfter`` before ``start``.
    public private(set) var olderThanStart = 0

    /// Whether `event` is stamped more than ``oldAfter`` before the recording's `start` (an old
    /// record, counted in ``olderThanStart``).
    public static func isOld(_ event: FeedEvent, start: Instant) -> Bool {
        isOld(time: event.time, start: start)
    }

    /// Whether an event stamped `time` is old (see ``isOld(_:start:)``).
    public static func isOld(time: Instant, start: Instant) -> Bool {
        time.seconds(since: start) < -oldAfter
    }

    /// Reads `reader`'s events (it must not have been read yet).
    public init(_ reader: any FeedEventStream) {
        self.reader = reader
        recorded.initialize(repeating: nil, count: Self.capacity)
        times.initialize(repeating: Instant(millis: 0), count: Self.capacity)
        bounds.initialize(repeating: Instant(millis: 0), count: Self.capacity)
    }

    deinit {
        for i in head..<tail { (events + (i & Self.mask)).deinitialize(count: 1) }
        events.deallocate()
        recorded.deallocate()
        times.deallocate()
        bounds.deallocate()
    }

    /// The reader's counts of lines, events and skips, so far.
    public var stats: FeedStats { reader.stats }

    /// The next event with its arrival, or nil at the end of the recording.
    public func next() throws -> ScheduledEvent? {
        if start == nil {
            try fill(Self.startWindow)
            guard head < tail else { return nil }
            start = findStart()
            previous = start
        }
        try fill(Self.lookahead + 1)
        guard head < tail, let start, let previous else { return nil }
        let slot = head & Self.mask
        let time = times[slot]
        head += 1
        // An event stamped no later than the one before arrives with it; no bound needed.
        let arrival = recorded[slot].map { max(previous, $0) }
            ?? (time <= previous ? previous : min(time, bound(after: head - 1, notBefore: previous)))
        self.previous = arrival
        if time.seconds(since: start) < -Self.oldAfter { olderThanStart += 1 }
        // Moved out of the ring: no copy, no reference counting.
        return ScheduledEvent(event: (events + slot).move(), arrival: arrival)
    }

    /// Reads until `count` events wait past `head`, or the recording ends.
    private func fill(_ count: Int) throws {
        while !ended, tail - head < count {
            let slot = tail & Self.mask
            guard try reader.next(into: events + slot) else {
                ended = true
                return
            }
            let rx = reader.lastArrival, time = events[slot].time
            recorded[slot] = rx
            times[slot] = time
            let bound = rx ?? time
            if tail > 0, bound < bounds[(tail - 1) & Self.mask] { lastDescent = tail }
            bounds[slot] = bound
            tail += 1
        }
    }

    /// The latest the event at `index` can have arrived, if it arrived no earlier than
    /// `floor`: the earliest arrival bound (`rx`, else time) of the next lines that are not
    /// before `floor`, or `floor` plus ``oldAfter`` when none is.
    private func bound(after index: Int, notBefore floor: Instant) -> Instant {
        var earliest = Int64.max
        let lowest = floor.millis
        let end = min(tail, index + 1 + Self.lookahead)
        if lastDescent <= index + 1 {
            // In order (the usual case): the first bound not before `floor` is the earliest.
            for i in (index + 1)..<end {
                let b = bounds[i & Self.mask].millis
                if b >= lowest { return Instant(millis: b) }
            }
            return floor.adding(seconds: Self.oldAfter)
        }
        // Out of order (a feed with jitter, where this runs for most lines): the last scan's
        // answer, when it is still ahead and qualifies, is the earliest of the lines both
        // windows share (a higher floor only drops lines, and the window only lost lines from
        // its front), so only the lines that came into the window since are read.
        var from = index + 1
        var line = 0
        let last = lastScan
        if index > last.index, lowest >= last.floor, last.value != .max, last.line > index, last.value >= lowest {
            earliest = last.value
            line = last.line
            from = last.end
        }
        for i in from..<end {
            let b = bounds[i & Self.mask].millis
            // `<=`: the latest line with the earliest bound stays in the window longest.
            if b >= lowest, b <= earliest {
                earliest = b
                line = i
            }
        }
        lastScan = EarliestBound(index: index, floor: lowest, end: end, value: earliest, line: line)
        return earliest == .max ? floor.adding(seconds: Self.oldAfter) : Instant(millis: earliest)
    }

    /// The first arrival, from the events waiting in the ring (at least one).
    private func findStart() -> Instant {
        if let rx = recorded[head & Self.mask] { return rx }
        let window = (head..<min(tail, head + Self.startWindow)).map { times[$0 & Self.mask] }.sorted()
        let floor = window[window.count / 2].adding(seconds: -Self.oldAfter)
        let first = (head..<tail).first { times[$0 & Self.mask] >= floor }!
        return min(times[first & Self.mask], bound(after: first, notBefore: floor))
    }
}
