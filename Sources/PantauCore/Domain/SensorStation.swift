/// One sensor channel: a station and the quantity it measures, with its latest reading and a
/// bounded history. (A station that measures two things appears as two channels.)
public struct SensorStation: Sendable, Codable {
    /// The store key: `station` alone, or ``channelKey(station:kind:)`` for a station's second kind.
    public let key: String
    public let stationID: String
    public let kind: SensorKind
    public var name: String
    public var unit: String
    public var district: String?
    public var location: GeoPoint?
    public var value: Double
    public var updatedAt: Instant
    /// The source of its latest reading (the event's `src`): whose stale limit applies.
    public var source: String?
    public var history = ReadingHistory()
    /// The recent changes of its value with their times (what alert rules read).
    public var series = TimedSeries(capacity: ReadingHistory.capacity)
    /// The gauge's alert levels as its feed last gave them (nil: none given).
    public var thresholds: GaugeThresholds?

    /// The store key of `station`'s readings of `kind` when its first kind is another: `station/kind`.
    public static func channelKey(station: String, kind: SensorKind) -> String {
        station + "/" + kind.name
    }

    public init(key: String, stationID: String, kind: SensorKind, name: String, unit: String,
                value: Double, updatedAt: Instant) {
        self.key = key
        self.stationID = stationID
        self.kind = kind
        self.name = name
        self.unit = unit
        self.value = value
        self.updatedAt = updatedAt
    }
}
