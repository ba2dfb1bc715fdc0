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
    /// The arrivals, worked out from the lines' times as they are read.
    private let schedule = ArrivalSchedule()
    // Read but not yet given out: a ring from `head` to `tail` (counters that only grow;
    // `& mask` is the slot), each event built in place by the decoder and moved out once, in
    // step with the schedule's lines.
    private static let mask = ArrivalSchedule.capacity - 1
    private let events = UnsafeMutablePointer<FeedEvent>.allocate(capacity: ArrivalSchedule.capacity)
    @exclusivity(unchecked) private var head = 0
    @exclusivity(unchecked) private var tail = 0

    /// The first arrival; nil until the first ``next()`` (and for an empty recording).
    public var start: Instant? { schedule.start }
    /// Events given out so far that are stamped more than ``oldAfter`` before ``start``.
    public var olderThanStart: Int { schedule.olderThanStart }

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
    }

    deinit {
        for i in head..<tail { (events + (i & Self.mask)).deinitialize(count: 1) }
        events.deallocate()
    }

    /// The reader's counts of lines, events and skips, so far.
    public var stats: FeedStats { reader.stats }

    /// The next event with its arrival, or nil at the end of the recording.
    public func next() throws -> ScheduledEvent? {
        // Lines are read until the next one's arrival is known (the lines it depends on are
        // in), so the reader is never further ahead than the rule needs.
        while !schedule.nextIsKnown {
            if schedule.ended { return nil }
            let slot = tail & Self.mask
            guard try reader.next(into: events + slot) else {
                schedule.end()
                continue
            }
            schedule.add(time: events[slot].time, recorded: reader.lastArrival)
            tail += 1
        }
        let arrival = schedule.next()!
        let slot = head & Self.mask
        head += 1
        // Moved out of the ring: no copy, no reference counting.
        return ScheduledEvent(event: (events + slot).move(), arrival: arrival)
    }
}
