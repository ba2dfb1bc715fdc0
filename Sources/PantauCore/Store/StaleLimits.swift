/// How long data stays current without being refreshed. A traffic segment or a sensor reading
/// older than its limit at "now" (the wall clock live, the replay clock in a replay) is stale:
/// panes show it dimmed and marked (`stale 42m`), and counts of what is happening now (jammed
/// roads, sensor alerts) leave it out. Stale is worked out when a frame is drawn, so it
/// becomes true without any event arriving.
public struct StaleLimits: Sendable, Equatable {
    /// Seconds a traffic segment stays current (Waze refreshes every 2 minutes).
    public var traffic: Double = 600
    /// Seconds a sensor reading stays current (gauges report every 5–15 minutes).
    public var sensor: Double = 1800

    /// The defaults: traffic 10 minutes, sensors 30 minutes.
    public init() {}

    /// Limits of `traffic` and `sensor` seconds.
    public init(traffic: Double, sensor: Double) {
        self.traffic = traffic
        self.sensor = sensor
    }

    /// Seconds `segment` has gone without a refresh past its limit at `now`; nil when current.
    public func staleAge(of segment: TrafficSegment, now: Instant) -> Double? {
        Self.age(since: segment.updatedAt, now: now, limit: traffic)
    }

    /// Seconds since `station`'s latest reading, when that is past its limit at `now`; nil
    /// when current.
    public func staleAge(of station: SensorStation, now: Instant) -> Double? {
        Self.age(since: station.updatedAt, now: now, limit: sensor)
    }

    private static func age(since t: Instant, now: Instant, limit: Double) -> Double? {
        let age = Double(now.millis - t.millis) / 1000
        return age > limit ? age : nil
    }
}
