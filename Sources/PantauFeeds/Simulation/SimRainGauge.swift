import PantauCore

/// A simulated rain gauge (ARG, or the AWS at the airport), reporting `rainfall` in mm/h.
struct SimRainGauge: Sendable {
    let id: String
    let name: String
    let district: String
    let location: GeoPoint

    /// Six gauges in six kecamatan.
    static let all: [SimRainGauge] = [
        SimRainGauge(id: "arg-periuk", name: "ARG Periuk", district: "Periuk",
                     location: GeoPoint(lat: -6.1690, lon: 106.5990)),
        SimRainGauge(id: "arg-ciledug", name: "ARG Ciledug", district: "Ciledug",
                     location: GeoPoint(lat: -6.2400, lon: 106.7040)),
        SimRainGauge(id: "arg-cipondoh", name: "ARG Cipondoh", district: "Cipondoh",
                     location: GeoPoint(lat: -6.1840, lon: 106.6830)),
        SimRainGauge(id: "aws-bandara-soetta", name: "AWS Bandara Soekarno-Hatta", district: "Benda",
                     location: GeoPoint(lat: -6.1250, lon: 106.6560)),
        SimRainGauge(id: "arg-karawaci", name: "ARG Karawaci", district: "Karawaci",
                     location: GeoPoint(lat: -6.1800, lon: 106.6130)),
        SimRainGauge(id: "arg-larangan", name: "ARG Larangan", district: "Larangan",
                     location: GeoPoint(lat: -6.2400, lon: 106.7330)),
    ]
}
