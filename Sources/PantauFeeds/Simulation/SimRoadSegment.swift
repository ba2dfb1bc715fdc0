import PantauCore

/// One simulated road segment on a real main road of Kota Tangerang, with a stable id such as
/// `daan-mogot-03`.
///
/// Positions are approximate points on the corridors named in domain.md, each checked to lie
/// in the kecamatan it names; they are good enough for a simulation, not a survey.
struct SimRoadSegment: Sendable {
    let id: String
    let road: String
    let district: String
    let location: GeoPoint
    let freeFlowKmh: Double
    let lengthMeters: Double
    /// How hard the daily peaks hit it: 1 ordinary, above 1 the city's known bottlenecks.
    let pressure: Double
    /// The Jakarta–Tangerang toll road.
    let isToll: Bool
    /// Whether it goes under water when the nearby drains and rivers overflow.
    let floodProne: Bool

    /// The simulated network: 50 segments on 16 roads.
    static let all: [SimRoadSegment] = {
        var s: [SimRoadSegment] = []
        func corridor(_ slug: String, _ road: String, freeFlow: Double, pressure: Double,
                      toll: Bool = false, _ points: [(String, Double, Double, Double, Bool)]) {
            for (i, p) in points.enumerated() {
                let n = i + 1
                s.append(SimRoadSegment(
                    id: "\(slug)-\(n < 10 ? "0" : "")\(n)", road: road, district: p.0,
                    location: GeoPoint(lat: p.1, lon: p.2), freeFlowKmh: freeFlow, lengthMeters: p.3,
                    pressure: pressure, isToll: toll, floodProne: p.4))
            }
        }
        corridor("daan-mogot", "Jl. Daan Mogot", freeFlow: 45, pressure: 1.12, [
            ("Batuceper", -6.1580, 106.6860, 1400, false),
            ("Batuceper", -6.1600, 106.6770, 1300, false),
            ("Batuceper", -6.1625, 106.6655, 1300, false),
            ("Tangerang", -6.1680, 106.6545, 1250, false),
            ("Tangerang", -6.1740, 106.6440, 1200, false),
        ])
        corridor("thamrin", "Jl. M.H. Thamrin", freeFlow: 50, pressure: 1.00, [
            ("Tangerang", -6.2000, 106.6430, 1300, false),
            ("Pinang", -6.2090, 106.6520, 1400, false),
            ("Pinang", -6.2180, 106.6600, 1300, false),
        ])
        corridor("sudirman", "Jl. Jenderal Sudirman", freeFlow: 50, pressure: 1.00, [
            ("Tangerang", -6.1800, 106.6380, 1100, false),
            ("Tangerang", -6.1895, 106.6400, 1100, false),
            ("Tangerang", -6.1985, 106.6385, 1000, false),
        ])
        corridor("gatot-subroto", "Jl. Gatot Subroto", freeFlow: 45, pressure: 1.05, [
            ("Karawaci", -6.1870, 106.6200, 1500, false),
            ("Cibodas", -6.1930, 106.6050, 1700, false),
            ("Cibodas", -6.1975, 106.5920, 1500, false),
            ("Jatiuwung", -6.2010, 106.5800, 1400, false),
        ])
        corridor("imam-bonjol", "Jl. Imam Bonjol", freeFlow: 40, pressure: 0.92, [
            ("Karawaci", -6.1790, 106.6260, 1000, false),
            ("Karawaci", -6.1815, 106.6150, 1200, false),
        ])
        corridor("perintis-kemerdekaan", "Jl. Perintis Kemerdekaan", freeFlow: 40, pressure: 0.85, [
            ("Tangerang", -6.1860, 106.6330, 900, false),
            ("Tangerang", -6.1930, 106.6310, 900, false),
        ])
        corridor("hasyim-ashari", "Jl. K.H. Hasyim Ashari", freeFlow: 40, pressure: 1.15, [
            ("Cipondoh", -6.1900, 106.6580, 1500, false),
            ("Cipondoh", -6.1940, 106.6720, 1600, false),
            ("Cipondoh", -6.2000, 106.6860, 1700, false),
            ("Karang Tengah", -6.2150, 106.6980, 2000, true),
            ("Ciledug", -6.2280, 106.7050, 1600, true),
        ])
        corridor("cokroaminoto", "Jl. H.O.S. Cokroaminoto", freeFlow: 35, pressure: 1.22, [
            ("Ciledug", -6.2340, 106.7150, 1100, true),
            ("Larangan", -6.2330, 106.7270, 1300, true),
            ("Larangan", -6.2310, 106.7400, 1400, false),
        ])
        corridor("raden-saleh", "Jl. Raden Saleh", freeFlow: 35, pressure: 1.00, [
            ("Karang Tengah", -6.2220, 106.7150, 1200, true),
            ("Karang Tengah", -6.2100, 106.7180, 1300, false),
        ])
        corridor("benteng-betawi", "Jl. Benteng Betawi", freeFlow: 40, pressure: 0.85, [
            ("Tangerang", -6.1760, 106.6560, 1300, false),
            ("Cipondoh", -6.1760, 106.6680, 1300, false),
        ])
        corridor("suryadarma", "Jl. Marsekal Suryadarma", freeFlow: 50, pressure: 0.90, [
            ("Neglasari", -6.1480, 106.6360, 1200, false),
            ("Benda", -6.1400, 106.6420, 1100, false),
        ])
        corridor("husein-sastranegara", "Jl. Husein Sastranegara", freeFlow: 50, pressure: 0.82, [
            ("Benda", -6.1320, 106.6650, 1500, false),
            ("Benda", -6.1350, 106.6780, 1500, false),
        ])
        corridor("raya-serang", "Jl. Raya Serang", freeFlow: 45, pressure: 0.95, [
            ("Jatiuwung", -6.1900, 106.5780, 1600, false),
            ("Jatiuwung", -6.1860, 106.5620, 1700, false),
        ])
        corridor("ki-samaun", "Jl. Ki Samaun", freeFlow: 30, pressure: 0.80, [
            ("Tangerang", -6.1760, 106.6345, 800, false),
            ("Tangerang", -6.1690, 106.6350, 800, true),
        ])
        corridor("veteran", "Jl. Veteran", freeFlow: 35, pressure: 0.78, [
            ("Tangerang", -6.1830, 106.6420, 800, false),
            ("Tangerang", -6.1870, 106.6480, 900, false),
        ])
        corridor("tol-jakarta-tangerang", "Tol Jakarta–Tangerang", freeFlow: 80, pressure: 1.22, toll: true, [
            ("Karang Tengah", -6.2130, 106.7150, 2200, false),
            ("Karang Tengah", -6.2110, 106.7040, 1800, false),
            ("Pinang", -6.2100, 106.6880, 1800, false),
            ("Pinang", -6.2100, 106.6720, 1800, false),
            ("Pinang", -6.2090, 106.6560, 1800, false),
            ("Tangerang", -6.2080, 106.6400, 1800, false),
            ("Tangerang", -6.2070, 106.6250, 1700, false),
            ("Cibodas", -6.2100, 106.6100, 1700, false),
            ("Jatiuwung", -6.2130, 106.5930, 1900, false),
        ])
        return s
    }()
}
