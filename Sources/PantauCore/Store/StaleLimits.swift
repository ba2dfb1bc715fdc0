/// How long data stays current without being refreshed. A traffic segment or a sensor reading
/// older than its limit at "now" (the wall clock live, the replay clock in a replay) is stale:
/// panes show it dimmed and marked (`stale 42m`), and counts of what is happening now (jammed
/// roads, sensor alerts) leave it out. Stale is worked out when a frame is drawn, so it
/// becomes true without any event arriving.
public struct StaleLimits: Sendable, Equatable, Codable {
    /// Seconds a traffic segment stays current (Waze refreshes every 2 minutes).
    public var traffic: Double = 600
    /// Seconds a sensor reading stays current (gauges report every 5–15 minutes).
    public var sensor: Double = 1800
    /// Seconds an item stays current, by the name of the source of its latest update (a
    /// sources file's `stale_after`): in place of ``traffic`` or ``sensor`` for that source.
    public var bySource: [String: Double] = [:]

    /// The defaults: traffic 10 minutes, sensors 30 minutes.
    public init() {}

    /// Limits of `traffic` and `sensor` seconds, and per source `bySource`.
    public init(traffic: Double, sensor: Double, bySource: [String: Double] = [:]) {
        self.traffic = traffic
        self.sensor = sensor
        self.bySource = bySource
    }

    /// Seconds `segment` has gone without a refresh past its limit at `now`; nil when current.
    public func staleAge(of segment: TrafficSegment, now: Instant) -> Double? {
        Self.age(since: segment.updatedAt, now: now, limit: trafficLimit(source: segment.source))
    }

    /// Seconds since `station`'s latest reading, when that is past its limit at `now`; nil
    /// when current.
    public func staleAge(of station: SensorStation, now: Instant) -> Double? {
        Self.age(since: station.updatedAt, now: now, limit: sensorLimit(source: station.source))
    }

    /// Seconds a traffic segment last updated by `source` stays current.
    public func trafficLimit(source: String?) -> Double { limit(for: source) ?? traffic }

    /// Seconds a sensor reading from `source` stays current.
    public func sensorLimit(source: String?) -> Double { limit(for: source) ?? sensor }

    /// The limit of items last updated by `source`, when one is set for it.
    private func limit(for source: String?) -> Double? {
        // No lookup at all in the common case of no per-source limits (counts run per frame).
        guard !bySource.isEmpty, let source else { return nil }
        return bySource[source]
    }

    private static func age(since t: Instant, now: Instant, limit: Double) -> Double? {
        let age = Double(now.millis - t.millis) / 1000
        return age > limit ? age : nil
    }
}
