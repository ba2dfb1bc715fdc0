import PantauCore

/// A simulated water-level gauge (sluice gate, river or lake), with the parameters of its
/// response to rain. Station ids are the ones `GaugeThresholds.defaults` knows.
struct SimWaterGauge: Sendable {
    let id: String
    let name: String
    let district: String
    let location: GeoPoint
    /// Level on a dry day, in cm.
    let baseCm: Double
    /// Rise above `baseCm` at the peak of the demo day's storm (strength 1, district factor 1).
    let riseCm: Double
    /// Hours from the storm's onset until the water starts to rise.
    let lagHours: Double
    /// Hours from the start of the rise to the peak.
    let peakHours: Double
    /// Whether it follows the Cisadane's upstream catchment rather than local rain.
    let followsCisadane: Bool
    /// Half the daily swing from sluice-gate operation, in cm.
    let gateSwingCm: Double
    /// Reading noise (standard deviation, cm).
    let noiseCm: Double

    /// Warning thresholds: the shared defaults for this id.
    var thresholds: GaugeThresholds { GaugeThresholds.defaults[id] ?? .fallback }

    /// The seven simulated gauges.
    static let all: [SimWaterGauge] = [
        SimWaterGauge(id: "pa-sepuluh", name: "Pintu Air Sepuluh", district: "Tangerang",
                      location: GeoPoint(lat: -6.1664, lon: 106.6358), baseCm: 228, riseCm: 205,
                      lagHours: 0.6, peakHours: 4.4, followsCisadane: true, gateSwingCm: 9, noiseCm: 2.5),
        SimWaterGauge(id: "pa-cisadane-karawaci", name: "Pos Duga Air Cisadane Karawaci", district: "Karawaci",
                      location: GeoPoint(lat: -6.1880, lon: 106.6300), baseCm: 242, riseCm: 150,
                      lagHours: 0.4, peakHours: 4.0, followsCisadane: true, gateSwingCm: 3, noiseCm: 2.5),
        SimWaterGauge(id: "situ-cipondoh", name: "Situ Cipondoh", district: "Cipondoh",
                      location: GeoPoint(lat: -6.1890, lon: 106.6780), baseCm: 148, riseCm: 42,
                      lagHours: 0.5, peakHours: 6.0, followsCisadane: false, gateSwingCm: 0, noiseCm: 0.8),
        SimWaterGauge(id: "kali-angke-ciledug", name: "Kali Angke Ciledug", district: "Ciledug",
                      location: GeoPoint(lat: -6.2380, lon: 106.7090), baseCm: 104, riseCm: 112,
                      lagHours: 0.3, peakHours: 2.0, followsCisadane: false, gateSwingCm: 0, noiseCm: 1.5),
        SimWaterGauge(id: "kali-sabi-cibodas", name: "Kali Sabi Cibodas", district: "Cibodas",
                      location: GeoPoint(lat: -6.2050, lon: 106.6050), baseCm: 66, riseCm: 68,
                      lagHours: 0.3, peakHours: 1.8, followsCisadane: false, gateSwingCm: 0, noiseCm: 1.2),
        SimWaterGauge(id: "kali-cirarab-periuk", name: "Kali Cirarab Periuk", district: "Periuk",
                      location: GeoPoint(lat: -6.1700, lon: 106.5880), baseCm: 86, riseCm: 98,
                      lagHours: 0.3, peakHours: 2.2, followsCisadane: false, gateSwingCm: 0, noiseCm: 1.5),
        SimWaterGauge(id: "kali-angke-larangan", name: "Kali Angke Larangan", district: "Larangan",
                      location: GeoPoint(lat: -6.2360, lon: 106.7300), baseCm: 98, riseCm: 78,
                      lagHours: 0.4, peakHours: 2.4, followsCisadane: false, gateSwingCm: 0, noiseCm: 1.5),
    ]
}
