import Foundation

/// One of the 13 kecamatan (districts) of Kota Tangerang, with its approximate centre.
public struct Kecamatan: Hashable, Sendable {
    public let name: String
    /// Kemendagri code, e.g. `36.71.08`.
    public let code: String
    public let centre: GeoPoint

    /// All 13 kecamatan, in code order (centroids of the BPS 2020 boundaries).
    public static let all: [Kecamatan] = [
        Kecamatan(name: "Tangerang", code: "36.71.01", centre: GeoPoint(lat: -6.189, lon: 106.641)),
        Kecamatan(name: "Jatiuwung", code: "36.71.02", centre: GeoPoint(lat: -6.198, lon: 106.575)),
        Kecamatan(name: "Batuceper", code: "36.71.03", centre: GeoPoint(lat: -6.162, lon: 106.671)),
        Kecamatan(name: "Benda", code: "36.71.04", centre: GeoPoint(lat: -6.129, lon: 106.666)),
        Kecamatan(name: "Cipondoh", code: "36.71.05", centre: GeoPoint(lat: -6.186, lon: 106.682)),
        Kecamatan(name: "Ciledug", code: "36.71.06", centre: GeoPoint(lat: -6.239, lon: 106.706)),
        Kecamatan(name: "Karawaci", code: "36.71.07", centre: GeoPoint(lat: -6.181, lon: 106.618)),
        Kecamatan(name: "Periuk", code: "36.71.08", centre: GeoPoint(lat: -6.167, lon: 106.594)),
        Kecamatan(name: "Cibodas", code: "36.71.09", centre: GeoPoint(lat: -6.206, lon: 106.608)),
        Kecamatan(name: "Neglasari", code: "36.71.10", centre: GeoPoint(lat: -6.142, lon: 106.631)),
        Kecamatan(name: "Pinang", code: "36.71.11", centre: GeoPoint(lat: -6.216, lon: 106.666)),
        Kecamatan(name: "Karang Tengah", code: "36.71.12", centre: GeoPoint(lat: -6.210, lon: 106.710)),
        Kecamatan(name: "Larangan", code: "36.71.13", centre: GeoPoint(lat: -6.239, lon: 106.733)),
    ]

    /// Looks a kecamatan up by name, ignoring case.
    public static func named(_ name: String) -> Kecamatan? {
        all.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}
