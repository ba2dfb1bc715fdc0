import Foundation
import PantauCore

/// Why a GeoJSON file could not be used as a map layer.
public struct GeoJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, and where in the file (feature number and name) when it is known.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// A base layer of the map (boundaries, rivers, roads, places) read once from a GeoJSON file
/// (RFC 7946: `[lon, lat]` positions in WGS84) when the layout is loaded, and kept as flat
/// coordinate arrays so drawing a frame only projects and strokes them.
///
/// Accepted: a FeatureCollection, a Feature or a bare geometry; geometries Point, MultiPoint,
/// LineString, MultiLineString, Polygon, MultiPolygon and GeometryCollection. Polygons are drawn
/// as boundaries and lines as roads, both as water when the file's name says so (`sungai`,
/// `river`, `kali`, `situ`, …) or a feature has a `waterway` property. A polygon's or point's
/// `name` property (or `nama`, `NAME`, `WADMKC`) labels it on the map.
public struct GeoJSONLayer: Sendable {
    /// How a path or point is drawn.
    public enum Kind: UInt8, Sendable {
        /// Administrative or other area outlines (polygons).
        case boundary = 1
        /// Roads and other lines.
        case road = 2
        /// Rivers, canals, lakes.
        case water = 3
        /// Point features.
        case point = 4
    }

    /// One feature as read: its name, geometry type, extent and the point its label goes at.
    public struct Feature: Sendable {
        /// The label, from the feature's `name` property (or a common alternative).
        public var name: String?
        /// `Polygon`, `MultiLineString`, …
        public var geometryType: String
        /// How it is drawn.
        public var kind: Kind
        /// Its extent, nil for an empty geometry.
        public var bounds: GeoBounds?
        /// The area-weighted centroid of a polygon, the mean of points, the middle of a line's
        /// extent: where its label is drawn.
        public var centroid: GeoPoint?
    }

    /// A run of positions in the flat arrays: one ring, line or point.
    struct Path: Sendable {
        var start: Int
        var count: Int
        var closed: Bool
        var kind: Kind
        var bounds: GeoBounds
    }

    /// A label and where it goes.
    public struct Label: Sendable {
        /// The name shown.
        public var text: String
        /// Where its middle goes.
        public var at: GeoPoint
    }

    /// The file's name (for messages).
    public var name: String
    /// The features in file order.
    public private(set) var features: [Feature] = []
    /// The labels of named polygon and point features.
    public private(set) var labels: [Label] = []
    /// The extent of everything in the layer, nil when it is empty.
    public private(set) var bounds: GeoBounds?
    private(set) var paths: [Path] = []
    private(set) var lons: [Double] = []
    private(set) var lats: [Double] = []

    /// Properties that may hold a feature's name, in order of preference.
    static let nameKeys = ["name", "nama", "NAME", "Name", "WADMKC", "ADM3_EN"]
    /// Words in a file name that make its lines and areas water.
    static let waterWords = ["river", "sungai", "kali", "water", "situ", "canal", "kanal"]

    /// Reads a layer from GeoJSON `data`; `name` names it in messages and suggests whether its
    /// lines are water (a file called `rivers.geojson` or `sungai.geojson`).
    public init(data: Data, name: String) throws {
        self.name = name
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw GeoJSONError("not valid JSON: \(reason)")
        }
        guard let object = json as? [String: Any] else {
            throw GeoJSONError("expected a GeoJSON object (FeatureCollection, Feature or geometry), found \(Self.describe(json))")
        }
        let lowered = name.lowercased()
        let waterHint = Self.waterWords.contains { lowered.contains($0) }
        guard let type = object["type"] as? String else { throw GeoJSONError("the top-level object has no `type`") }
        switch type {
        case "FeatureCollection":
            guard let list = object["features"] as? [Any] else {
                throw GeoJSONError("a FeatureCollection needs a `features` list")
            }
            for (i, f) in list.enumerated() {
                try addFeature(f, number: i + 1, waterHint: waterHint)
            }
        case "Feature":
            try addFeature(object, number: 1, waterHint: waterHint)
        default:
            guard Self.geometryTypes.contains(type) else {
                throw GeoJSONError("unknown GeoJSON type `\(type)`; expected FeatureCollection, Feature or a geometry (\(Self.geometryTypes.joined(separator: ", ")))")
            }
            try addFeature(["type": "Feature", "geometry": object], number: 1, waterHint: waterHint)
        }
    }

    /// Reads a layer from the GeoJSON file at `path`.
    public static func load(path: String) throws -> GeoJSONLayer {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GeoJSONError("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        return try GeoJSONLayer(data: data, name: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// A layer built from paths already in memory (the derived kecamatan regions).
    init(name: String, polygons: [(name: String, ring: [GeoPoint], labelAt: GeoPoint)]) {
        self.name = name
        for p in polygons {
            let first = paths.count
            appendPath(p.ring, closed: true, kind: .boundary)
            features.append(Feature(name: p.name, geometryType: "Polygon", kind: .boundary,
                                    bounds: Self.union(paths[first...].map(\.bounds)),
                                    centroid: p.labelAt))
            labels.append(Label(text: p.name, at: p.labelAt))
        }
    }

    static let geometryTypes = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                                "GeometryCollection"]

    private mutating func addFeature(_ value: Any, number: Int, waterHint: Bool) throws {
        guard let f = value as? [String: Any], f["type"] as? String == "Feature" else {
            throw GeoJSONError("feature \(number): expected an object with \"type\": \"Feature\", found \(Self.describe(value))")
        }
        let properties = f["properties"] as? [String: Any] ?? [:]
        let name = Self.nameKeys.lazy.compactMap { properties[$0] as? String }.first { !$0.isEmpty }
        let place = "feature \(number)" + (name.map { " (\($0))" } ?? "")
        guard let geometry = f["geometry"] as? [String: Any] else {
            if f["geometry"] is NSNull { return } // an unlocated feature: allowed, nothing to draw
            throw GeoJSONError("\(place): `geometry` must be a GeoJSON geometry object")
        }
        let water = waterHint || properties["waterway"] != nil || (properties["natural"] as? String) == "water"
        let firstPath = paths.count
        var area = 0.0, cx = 0.0, cy = 0.0
        var pointSum = (lat: 0.0, lon: 0.0, n: 0)
        let type = try addGeometry(geometry, place: place, water: water,
                                   area: &area, cx: &cx, cy: &cy, points: &pointSum)
        let added = paths[firstPath...]
        let bounds = Self.union(added.map(\.bounds))
        var centroid: GeoPoint?
        if area > 0 {
            centroid = GeoPoint(lat: cy / area, lon: cx / area)
        } else if pointSum.n > 0 {
            centroid = GeoPoint(lat: pointSum.lat / Double(pointSum.n), lon: pointSum.lon / Double(pointSum.n))
        } else {
            centroid = bounds?.centre
        }
        let kind = added.first?.kind ?? .point
        features.append(Feature(name: name, geometryType: type, kind: kind, bounds: bounds, centroid: centroid))
        if let name, let centroid, kind == .boundary || kind == .point || area > 0 {
            labels.append(Label(text: name, at: centroid))
        }
    }

    /// Adds a geometry's paths; returns its type.
    private mutating func addGeometry(_ g: [String: Any], place: String, water: Bool,
                                      area: inout Double, cx: inout Double, cy: inout Double,
                                      points: inout (lat: Double, lon: Double, n: Int)) throws -> String {
        guard let type = g["type"] as? String else { throw GeoJSONError("\(place): the geometry has no `type`") }
        let lineKind: Kind = water ? .water : .road
        let areaKind: Kind = water ? .water : .boundary
        func coordinates() throws -> Any {
            guard let c = g["coordinates"] else { throw GeoJSONError("\(place): a \(type) needs `coordinates`") }
            return c
        }
        switch type {
        case "Point":
            let p = try Self.position(try coordinates(), place: place, type: type)
            appendPath([p], closed: false, kind: .point)
            points.lat += p.lat; points.lon += p.lon; points.n += 1
        case "MultiPoint":
            for p in try Self.positions(try coordinates(), place: place, type: type, minimum: 0) {
                appendPath([p], closed: false, kind: .point)
                points.lat += p.lat; points.lon += p.lon; points.n += 1
            }
        case "LineString":
            appendPath(try Self.positions(try coordinates(), place: place, type: type, minimum: 2), closed: false, kind: lineKind)
        case "MultiLineString":
            for line in try Self.list(try coordinates(), place: place, type: type, of: "lines") {
                appendPath(try Self.positions(line, place: place, type: type, minimum: 2), closed: false, kind: lineKind)
            }
        case "Polygon":
            try addPolygon(try coordinates(), place: place, type: type, kind: areaKind, area: &area, cx: &cx, cy: &cy)
        case "MultiPolygon":
            for polygon in try Self.list(try coordinates(), place: place, type: type, of: "polygons") {
                try addPolygon(polygon, place: place, type: type, kind: areaKind, area: &area, cx: &cx, cy: &cy)
            }
        case "GeometryCollection":
            guard let list = g["geometries"] as? [Any] else {
                throw GeoJSONError("\(place): a GeometryCollection needs a `geometries` list")
            }
            for item in list {
                guard let sub = item as? [String: Any] else {
                    throw GeoJSONError("\(place): a GeometryCollection holds geometry objects, found \(Self.describe(item))")
                }
                _ = try addGeometry(sub, place: place, water: water, area: &area, cx: &cx, cy: &cy, points: &points)
            }
        default:
            throw GeoJSONError("\(place): geometry type `\(type)` is not supported; expected one of \(Self.geometryTypes.joined(separator: ", "))")
        }
        return type
    }

    private mutating func addPolygon(_ value: Any, place: String, type: String, kind: Kind,
                                     area: inout Double, cx: inout Double, cy: inout Double) throws {
        let rings = try Self.list(value, place: place, type: type, of: "rings")
        for (r, ringValue) in rings.enumerated() {
            let ring = try Self.positions(ringValue, place: place, type: type, minimum: 4)
            appendPath(ring, closed: true, kind: kind)
            // Shoelace over the ring: the outer ring adds, holes subtract.
            var a = 0.0, x = 0.0, y = 0.0
            let origin = ring[0]
            for i in 0..<(ring.count - 1) {
                let (x0, y0) = (ring[i].lon - origin.lon, ring[i].lat - origin.lat)
                let (x1, y1) = (ring[i + 1].lon - origin.lon, ring[i + 1].lat - origin.lat)
                let cross = x0 * y1 - x1 * y0
                a += cross
                x += (x0 + x1) * cross
                y += (y0 + y1) * cross
            }
            guard a != 0 else { continue }
            let ringArea = abs(a / 2)
            let ringCx = origin.lon + x / (3 * a), ringCy = origin.lat + y / (3 * a)
            let sign = r == 0 ? 1.0 : -1.0
            area += sign * ringArea
            cx += sign * ringArea * ringCx
            cy += sign * ringArea * ringCy
        }
    }

    private static func union(_ list: [GeoBounds]) -> GeoBounds? {
        guard var b = list.first else { return nil }
        for o in list.dropFirst() { b = b.union(o) }
        return b
    }

    private mutating func appendPath(_ points: [GeoPoint], closed: Bool, kind: Kind) {
        guard let first = points.first else { return }
        var b = GeoBounds(first)
        for p in points { b.include(p) }
        paths.append(Path(start: lons.count, count: points.count, closed: closed, kind: kind, bounds: b))
        lons.append(contentsOf: points.lazy.map(\.lon))
        lats.append(contentsOf: points.lazy.map(\.lat))
        bounds = bounds?.union(b) ?? b
    }

    private static func list(_ value: Any, place: String, type: String, of what: String) throws -> [Any] {
        guard let list = value as? [Any] else {
            throw GeoJSONError("\(place): the coordinates of a \(type) must be a list of \(what), found \(describe(value))")
        }
        return list
    }

    private static func positions(_ value: Any, place: String, type: String, minimum: Int) throws -> [GeoPoint] {
        guard let list = value as? [Any] else {
            throw GeoJSONError("\(place): a \(type) needs a list of [lon, lat] positions, found \(describe(value))")
        }
        guard list.count >= minimum else {
            throw GeoJSONError("\(place): a \(type) \(minimum == 4 ? "ring" : "line") needs at least \(minimum) positions, found \(list.count)")
        }
        return try list.map { try position($0, place: place, type: type) }
    }

    private static func position(_ value: Any, place: String, type: String) throws -> GeoPoint {
        guard let pair = value as? [Any], pair.count >= 2, let lon = number(pair[0]), let lat = number(pair[1]) else {
            throw GeoJSONError("\(place): a position in a \(type) must be [lon, lat] numbers, found \(describe(value))")
        }
        guard lon.isFinite, lat.isFinite, abs(lon) <= 180, abs(lat) <= 90 else {
            throw GeoJSONError("\(place): position [\(lon), \(lat)] is not a WGS84 longitude and latitude")
        }
        return GeoPoint(lat: lat, lon: lon)
    }

    private static func number(_ v: Any) -> Double? {
        (v as? NSNumber)?.doubleValue
    }

    /// A short description of a JSON value for messages.
    private static func describe(_ v: Any) -> String {
        switch v {
        case is [String: Any]: return "an object"
        case is [Any]: return "a list"
        case is String: return "text"
        case is NSNull: return "null"
        case is NSNumber: return "a number"
        default: return "\(type(of: v))"
        }
    }
}
