/// The latest state of one road segment.
public struct TrafficSegment: Sendable, Codable {
    public let id: String
    public var road: String
    public var district: String?
    public var speedKmh: Double?
    public var freeFlowKmh: Double?
    /// 0 free flow … 5 standstill (Waze's scale).
    public var jamLevel: Int
    public var delaySeconds: Double?
    public var lengthMeters: Double?
    public var location: GeoPoint?
    public var updatedAt: Instant
    /// The source of its latest update (the event's `src`): whose stale limit applies.
    public var source: String?
    /// The recent changes of its jam level with their times (what alert rules read).
    public var jamSeries = TimedSeries(capacity: 16)

    public init(id: String, road: String, jamLevel: Int, updatedAt: Instant) {
        self.id = id
        self.road = road
        self.jamLevel = jamLevel
        self.updatedAt = updatedAt
    }

    /// Speed as a fraction of free-flow speed (0…1), when both are known.
    public var speedRatio: Double? {
        guard let s = speedKmh, let f = freeFlowKmh, f > 0 else { return nil }
        return min(1, max(0, s / f))
    }

    /// Level of service A–F from the speed ratio.
    public var levelOfService: LevelOfService? { speedRatio.map(LevelOfService.init(speedRatio:)) }
}
