import Foundation
import PantauCore

extension GeoJSONLayer {
    /// What the map draws when a layout names no base layers: a region around each of the 13
    /// kecamatan centres Pantau carries, labelled with its name. A region is the part of a disc
    /// (about 3 km across the radius) that is nearer to its own centre than to any other
    /// (a Voronoi cell cut to a disc), so neighbours share straight borders and the outer
    /// edge is round. These are derived shapes, not the official boundaries: a city supplies
    /// those as GeoJSON layers.
    public static let kecamatanRegions: GeoJSONLayer = {
        let radius = 0.028 // degrees of latitude, about 3.1 km
        let cosLat = cos(GeoBounds.kotaTangerang.centre.lat * .pi / 180)
        // Planar coordinates: x = lon · cos(lat), y = lat, so distances are alike both ways.
        let centres = Kecamatan.all.map { (x: $0.centre.lon * cosLat, y: $0.centre.lat) }
        var polygons: [(name: String, ring: [GeoPoint], labelAt: GeoPoint)] = []
        for (i, k) in Kecamatan.all.enumerated() {
            let c = centres[i]
            var ring: [(x: Double, y: Double)] = (0..<48).map { step in
                let a = Double(step) / 48 * 2 * .pi
                return (c.x + radius * cos(a), c.y + radius * sin(a))
            }
            for (j, o) in centres.enumerated() where j != i {
                // Keep the side of the bisector nearer to c: (p − m) · (o − c) ≤ 0.
                let n = (x: o.x - c.x, y: o.y - c.y), m = (x: (o.x + c.x) / 2, y: (o.y + c.y) / 2)
                ring = clip(ring) { p in (p.x - m.x) * n.x + (p.y - m.y) * n.y }
            }
            polygons.append((k.name, ring.map { GeoPoint(lat: $0.y, lon: $0.x / cosLat) }, k.centre))
        }
        return GeoJSONLayer(name: "kecamatan centres", polygons: polygons)
    }()

    /// Sutherland–Hodgman: the part of a convex polygon where `side` ≤ 0.
    private static func clip(_ ring: [(x: Double, y: Double)], side: ((x: Double, y: Double)) -> Double) -> [(x: Double, y: Double)] {
        guard var previous = ring.last else { return [] }
        var out: [(x: Double, y: Double)] = []
        var sp = side(previous)
        for p in ring {
            let s = side(p)
            if s <= 0 {
                if sp > 0 { out.append(cross(previous, sp, p, s)) }
                out.append(p)
            } else if sp <= 0 {
                out.append(cross(previous, sp, p, s))
            }
            previous = p
            sp = s
        }
        return out
    }

    private static func cross(_ a: (x: Double, y: Double), _ sa: Double, _ b: (x: Double, y: Double), _ sb: Double) -> (x: Double, y: Double) {
        let t = sa / (sa - sb)
        return (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
    }
}
