import PantauCore

/// A simulated air-quality station (SPKU). It reports its headline value either as `ispu`
/// directly or as `pm25` (the dashboard derives ISPU), plus `pm10`, `temperature` and
/// `humidity`.
struct SimAirStation: Sendable {
    let id: String
    let name: String
    let district: String
    let location: GeoPoint
    /// `.ispu` or `.pm25`.
    let headline: SensorKind
    /// Typical PM2.5 in µg/m³ over a day, before the daily pattern.
    let basePM25: Double
    /// Next to an industrial estate: worse during factory hours.
    let industrial: Bool

    /// Six stations; the industrial Jatiuwung one and the toll-gate one run the dirtiest.
    static let all: [SimAirStation] = [
        SimAirStation(id: "spku-jatiuwung", name: "SPKU Jatiuwung (Kawasan Industri)", district: "Jatiuwung",
                      location: GeoPoint(lat: -6.2050, lon: 106.5720), headline: .ispu, basePM25: 41, industrial: true),
        SimAirStation(id: "spku-karang-tengah", name: "SPKU Gerbang Tol Karang Tengah", district: "Karang Tengah",
                      location: GeoPoint(lat: -6.2160, lon: 106.7120), headline: .pm25, basePM25: 39, industrial: false),
        SimAirStation(id: "spku-pusat-pemerintahan", name: "SPKU Pusat Pemerintahan", district: "Tangerang",
                      location: GeoPoint(lat: -6.1930, lon: 106.6390), headline: .ispu, basePM25: 29, industrial: false),
        SimAirStation(id: "spku-cipondoh", name: "SPKU Situ Cipondoh", district: "Cipondoh",
                      location: GeoPoint(lat: -6.1850, lon: 106.6760), headline: .pm25, basePM25: 24, industrial: false),
        SimAirStation(id: "spku-cibodas", name: "SPKU Cibodas", district: "Cibodas",
                      location: GeoPoint(lat: -6.2120, lon: 106.6130), headline: .ispu, basePM25: 32, industrial: false),
        SimAirStation(id: "spku-batuceper", name: "SPKU Batuceper (Daan Mogot)", district: "Batuceper",
                      location: GeoPoint(lat: -6.1620, lon: 106.6750), headline: .pm25, basePM25: 33, industrial: false),
    ]
}
