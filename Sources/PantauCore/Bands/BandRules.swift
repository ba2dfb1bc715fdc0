/// Derives the band of a sensor reading. Gauge thresholds are configuration, with defaults for
/// the simulated gauges; a layout may override them. A gauge neither names takes the levels
/// its feed carries (`SensorStation.thresholds`), else the fallback.
public struct BandRules: Sendable {
    public var gaugeThresholds: [String: GaugeThresholds]
    public var fallbackGauge: GaugeThresholds

    public init(gaugeThresholds: [String: GaugeThresholds] = GaugeThresholds.defaults,
                fallbackGauge: GaugeThresholds = .fallback) {
        self.gaugeThresholds = gaugeThresholds
        self.fallbackGauge = fallbackGauge
    }

    public static let standard = BandRules()

    /// The levels for station `id`: configured ones first, then `fed` (what the feed carries).
    public func thresholds(forStation id: String, fed: GaugeThresholds? = nil) -> GaugeThresholds {
        gaugeThresholds[id] ?? fed ?? fallbackGauge
    }

    /// The levels for `station`: configured ones first, then those its feed carries.
    public func thresholds(for station: SensorStation) -> GaugeThresholds {
        thresholds(forStation: station.stationID, fed: station.thresholds)
    }

    /// The band of `station`'s latest value, or nil for a kind with no band.
    public func band(of station: SensorStation) -> Band? {
        band(kind: station.kind, stationID: station.stationID, value: station.value, fed: station.thresholds)
    }

    /// The band of `value`; `fed` are the gauge levels the feed carries, if any.
    public func band(kind: SensorKind, stationID: String, value: Double, fed: GaugeThresholds? = nil) -> Band? {
        switch kind {
        case .ispu:
            let c = ISPUCategory(ispu: value)
            return Band(c.label, c.tone)
        case .pm25:
            let c = ISPUCategory(ispu: ISPUCategory.ispu(fromPM25: value))
            return Band(c.label, c.tone)
        case .waterLevel:
            let l = thresholds(forStation: stationID, fed: fed).level(for: value)
            return Band(l.label, l.tone)
        case .rainfall:
            let b = RainfallBand(mmPerHour: value)
            return Band(b.label, b.tone)
        default:
            return nil
        }
    }
}
