import PantauCore

/// Coordinates shared by the converters: GeoJSON geometries and the nearest kecamatan.
enum FormatGeo {
    /// How far from a kecamatan centre a point may be and still be given its name.
    static let districtRadiusMeters = 5_000.0

    /// The kecamatan whose centre is nearest to `point`, if within `districtRadiusMeters`.
    static func district(near point: GeoPoint?) -> String? {
        guard let point else { return nil }
        // Cheap rejection first: 5 km is about 0.045°; nothing near Kota Tangerang is far outside.
        guard abs(point.lat + 6.19) < 0.2, abs(point.lon - 106.65) < 0.2 else { return nil }
        // Equirectangular distance: exact enough over a few kilometres, and cheap.
        let metresPerDegree = 111_195.0
        let cosLat = 0.99417 // cos(6.19°)
        var best: (String, Double)?
        for k in Kecamatan.all {
            let dy = (point.lat - k.centre.lat) * metresPerDegree
            let dx = (point.lon - k.centre.lon) * metresPerDegree * cosLat
            let d2 = dx * dx + dy * dy
            if d2 <= districtRadiusMeters * districtRadiusMeters, d2 < (best?.1 ?? .infinity) { best = (k.name, d2) }
        }
        return best?.0
    }

    /// A plausible point from latitude and longitude (nil for missing, out-of-range or 0,0).
    static func point(lat: Double?, lon: Double?) -> GeoPoint? {
        guard let lat, let lon else { return nil }
        let p = GeoPoint(lat: lat, lon: lon)
        return p.isPlausible ? p : nil
    }

    /// A representative point of a GeoJSON geometry or Feature: the Point itself, the middle
    /// vertex of a LineString or MultiPoint, the mean of a Polygon's outer ring.
    static func point(geoJSON v: JSONValue?) -> GeoPoint? {
        guard let v else { return nil }
        if v["type"]?.string == "Feature" { return point(geoJSON: v["geometry"]) }
        if let g = v["geometry"], v["coordinates"] == nil { return point(geoJSON: g) }
        guard let coords = v["coordinates"] else { return nil }
        func pos(_ c: JSONValue) -> GeoPoint? {
            guard let a = c.array, a.count >= 2 else { return nil }
            return point(lat: a[1].number, lon: a[0].number)
        }
        switch v["type"]?.string ?? "" {
        case "Point": return pos(coords)
        case "LineString", "MultiPoint":
            guard let a = coords.array, !a.isEmpty else { return nil }
            return pos(a[a.count / 2])
        case "Polygon":
            guard let ring = coords.array?.first?.array else { return nil }
            let pts = ring.compactMap(pos)
            guard !pts.isEmpty else { return nil }
            return point(lat: pts.map(\.lat).reduce(0, +) / Double(pts.count),
                         lon: pts.map(\.lon).reduce(0, +) / Double(pts.count))
        default:
            return pos(coords)
        }
    }
}
