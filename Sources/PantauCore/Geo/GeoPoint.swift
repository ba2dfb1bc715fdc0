import Foundation

/// A WGS84 position in decimal degrees.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Whether the values are usable coordinates (finite, in range, and not the 0,0 "null island"
    /// that broken feeds emit for a missing position).
    public var isPlausible: Bool {
        PlausibleRange.latitude.contains(lat) && PlausibleRange.longitude.contains(lon) && !(lat == 0 && lon == 0)
    }

    /// Great-circle distance in metres (haversine, mean Earth radius).
    public func distance(to other: GeoPoint) -> Double {
        let r = 6_371_008.8
        let dLat = (other.lat - lat) * .pi / 180
        let dLon = (other.lon - lon) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(lat * .pi / 180) * cos(other.lat * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}

/// Human text for a distance: `350 m`, `1.4 km`.
public func distanceText(meters: Double) -> String {
    meters < 1000 ? "\(Int(saturating: meters.rounded())) m" : String(format: "%.1f km", meters / 1000)
}
