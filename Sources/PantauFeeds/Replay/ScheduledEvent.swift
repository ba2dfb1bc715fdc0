import PantauCore

/// An event of a recording with the moment it arrived, which schedules it: a replay applies it
/// when its clock reaches `arrival`, a snapshot at `--at T` holds every event arrived by `T`,
/// so both build the same state at a moment, whatever the events' own timestamps say.
public struct ScheduledEvent: Sendable {
    public var event: FeedEvent
    /// When it arrived: the line's recorded `rx`, else an estimate from the lines around it
    /// (see ``ScheduledReader``). Never earlier than the previous line's.
    public var arrival: Instant

    public init(event: FeedEvent, arrival: Instant) {
        self.event = event
        self.arrival = arrival
    }

    /// How far ahead of its arrival the event is stamped, in seconds, when by more than
    /// `tolerance` (as a live source counts it); nil otherwise.
    public func aheadBy(tolerance: Double) -> Double? {
        let ahead = event.time.seconds(since: arrival)
        return ahead > tolerance ? ahead : nil
    }

    /// Applies it to `state` as played at its arrival: sweeps as of the arrival (never as of an
    /// event stamped ahead, which would let records go early), then applies the event.
    public func apply(to state: inout CityState) {
        state.sweep(asOf: arrival)
        state.apply(event)
    }
}
