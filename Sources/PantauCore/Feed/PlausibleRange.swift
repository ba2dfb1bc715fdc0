/// What a plausible value is for each numeric field of feed-format v1, decided once for the
/// decoder and every format: a value outside its range (NaN and infinities included) is not
/// data but a broken or hostile feed, and the event is skipped as `out_of_range` with the
/// field's name. The bounds are generous (no real reading comes near them) and keep every value
/// far inside what the panes can convert to `Int`.
public struct PlausibleRange: Sendable {
    /// The feed-format key of the field.
    public let field: String
    public let bounds: ClosedRange<Double>

    public init(_ field: String, _ bounds: ClosedRange<Double>) {
        self.field = field
        self.bounds = bounds
    }

    /// Whether `value` is within the range (false for NaN).
    @inline(__always) public func contains(_ value: Double) -> Bool { bounds.contains(value) }

    /// Road speeds, km/h (`speed_kmh`, `free_flow_kmh`).
    public static let speedKmh = PlausibleRange("speed_kmh", 0...400)
    public static let freeFlowKmh = PlausibleRange("free_flow_kmh", 0...400)
    /// Waze's jam scale, 0 free … 5 standstill.
    public static let jamLevel = PlausibleRange("jam_level", 0...5)
    /// Seconds lost on a segment: up to a week.
    public static let delaySeconds = PlausibleRange("delay_s", 0...604_800)
    /// A segment's length in metres: up to 1,000 km.
    public static let lengthMeters = PlausibleRange("length_m", 0...1_000_000)
    /// Incident severity, 1 minor … 5 critical.
    public static let severity = PlausibleRange("severity", 1...5)
    /// Hours a ticket may stay open: up to ten years.
    public static let slaHours = PlausibleRange("sla_h", 0...87_600)
    /// WGS84 decimal degrees.
    public static let latitude = PlausibleRange("lat", -90...90)
    public static let longitude = PlausibleRange("lon", -180...180)

    /// A sensor reading's `value`, by what it measures (in the kind's default unit; a
    /// gauge's level may sit below its datum).
    public static func sensorValue(_ kind: SensorKind) -> PlausibleRange {
        switch kind {
        case .waterLevel: return sensorWaterLevel
        case .rainfall: return sensorRainfall
        case .ispu: return sensorISPU
        case .pm25, .pm10: return sensorParticles
        case .temperature: return sensorTemperature
        case .humidity: return sensorHumidity
        case .noise: return sensorNoise
        case .other: return sensorOther
        }
    }

    private static let sensorWaterLevel = PlausibleRange("value", -100_000...100_000) // cm, ±1 km
    private static let sensorRainfall = PlausibleRange("value", 0...2_000) // mm/h
    private static let sensorISPU = PlausibleRange("value", 0...2_000) // the index ends at 500
    private static let sensorParticles = PlausibleRange("value", 0...100_000) // µg/m³
    private static let sensorTemperature = PlausibleRange("value", -100...200) // °C (or °F as sent)
    private static let sensorHumidity = PlausibleRange("value", 0...100) // %
    private static let sensorNoise = PlausibleRange("value", 0...250) // dB
    private static let sensorOther = PlausibleRange("value", -1e12...1e12) // any unit

    /// The first numeric field of `event` outside its range, or nil when every one is plausible.
    /// The formats check what they build with it; the decoder checks each field as it reads it.
    public static func violation(in event: FeedEvent) -> PlausibleRange? {
        func check(_ range: PlausibleRange, _ value: Double?) -> PlausibleRange? {
            guard let value, !range.contains(value) else { return nil }
            return range
        }
        func check(_ range: PlausibleRange, _ value: Int?) -> PlausibleRange? {
            check(range, value.map(Double.init))
        }
        func check(_ place: Place) -> PlausibleRange? {
            check(latitude, place.location?.lat) ?? check(longitude, place.location?.lon)
        }
        switch event.payload {
        case .traffic(let t):
            return check(speedKmh, t.speedKmh) ?? check(freeFlowKmh, t.freeFlowKmh) ?? check(jamLevel, t.jamLevel)
                ?? check(delaySeconds, t.delaySeconds) ?? check(lengthMeters, t.lengthMeters) ?? check(t.place)
        case .incident(let i):
            return check(severity, i.severity) ?? check(i.place)
        case .sensor(let s):
            return check(sensorValue(s.sensor), s.value) ?? check(s.place)
        case .ticket(let t):
            return check(slaHours, t.slaHours) ?? check(t.place)
        case .action(let a):
            return check(severity, a.fields.severity)
        case .alarm(let a):
            return check(severity, a.severity)
        }
    }
}
