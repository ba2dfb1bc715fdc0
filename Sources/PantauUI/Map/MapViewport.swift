import Foundation
import PantauCore

/// A rectangle of longitude and latitude (WGS84 degrees).
public struct GeoBounds: Hashable, Sendable {
    /// The southern edge.
    public var minLat: Double
    /// The northern edge.
    public var maxLat: Double
    /// The western edge.
    public var minLon: Double
    /// The eastern edge.
    public var maxLon: Double

    /// The rectangle between these edges.
    public init(minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) {
        self.minLat = minLat
        self.maxLat = maxLat
        self.minLon = minLon
        self.maxLon = maxLon
    }

    /// The bounds of one point.
    public init(_ p: GeoPoint) { self.init(minLat: p.lat, maxLat: p.lat, minLon: p.lon, maxLon: p.lon) }

    /// The middle of the rectangle.
    public var centre: GeoPoint { GeoPoint(lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2) }

    /// These bounds grown to include `p`.
    public mutating func include(_ p: GeoPoint) {
        minLat = min(minLat, p.lat)
        maxLat = max(maxLat, p.lat)
        minLon = min(minLon, p.lon)
        maxLon = max(maxLon, p.lon)
    }

    /// The smallest bounds holding both.
    public func union(_ o: GeoBounds) -> GeoBounds {
        GeoBounds(minLat: min(minLat, o.minLat), maxLat: max(maxLat, o.maxLat),
                  minLon: min(minLon, o.minLon), maxLon: max(maxLon, o.maxLon))
    }

    /// These bounds grown by `degrees` on every side.
    public func expanded(by degrees: Double) -> GeoBounds {
        GeoBounds(minLat: minLat - degrees, maxLat: maxLat + degrees, minLon: minLon - degrees, maxLon: maxLon + degrees)
    }

    /// Whether the two rectangles share any point.
    public func intersects(_ o: GeoBounds) -> Bool {
        minLat <= o.maxLat && o.minLat <= maxLat && minLon <= o.maxLon && o.minLon <= maxLon
    }

    /// Whether `p` lies inside (edges included).
    public func contains(_ p: GeoPoint) -> Bool {
        p.lat >= minLat && p.lat <= maxLat && p.lon >= minLon && p.lon <= maxLon
    }

    /// Kota Tangerang as the kecamatan centres Pantau carries span it, with a margin of about
    /// 2.5 km: what a map without base layers fits to.
    public static let kotaTangerang: GeoBounds = {
        var b = GeoBounds(Kecamatan.all[0].centre)
        for k in Kecamatan.all { b.include(k.centre) }
        return b.expanded(by: 0.024)
    }()
}

/// What part of the map a map pane shows: a zoom factor over the fitted view (1 shows all of
/// the map's bounds) and a pan offset of the centre, in fractions of the fitted view's width and
/// height (east and south positive). Kept per pane by the dashboard; arrow keys and `+`/`-` change it.
public struct MapViewport: Hashable, Sendable {
    /// 1 fits the bounds to the pane; larger shows less, magnified.
    public private(set) var zoom: Double
    /// Centre offset eastwards, in widths of the fitted view (−0.5 … 0.5 keeps the centre on the map).
    public private(set) var panX: Double
    /// Centre offset southwards, in heights of the fitted view.
    public private(set) var panY: Double

    /// The smallest and largest zoom factors.
    public static let zoomRange: ClosedRange<Double> = 1...64
    /// How much one `+` or `-` magnifies or shrinks.
    public static let zoomStep = 1.5
    /// One pan step, as a fraction of what is on screen.
    public static let panStep = 0.125

    /// The whole map, centred.
    public init(zoom: Double = 1, panX: Double = 0, panY: Double = 0) {
        self.zoom = min(Self.zoomRange.upperBound, max(Self.zoomRange.lowerBound, zoom))
        self.panX = min(0.5, max(-0.5, panX))
        self.panY = min(0.5, max(-0.5, panY))
    }

    /// Whether this is the initial, whole-map view.
    public var isReset: Bool { self == MapViewport() }

    /// Moves the view by `dx` steps east (negative: west) and `dy` steps south (negative: north).
    /// A step is an eighth of what is on screen, so panning feels the same at every zoom.
    public mutating func pan(dx: Int, dy: Int) {
        self = MapViewport(zoom: zoom, panX: panX + Double(dx) * Self.panStep / zoom,
                           panY: panY + Double(dy) * Self.panStep / zoom)
    }

    /// Magnifies by one step, keeping the centre.
    public mutating func zoomIn() { self = MapViewport(zoom: zoom * Self.zoomStep, panX: panX, panY: panY) }

    /// Shrinks by one step, keeping the centre (back to the whole map at most).
    public mutating func zoomOut() {
        let z = zoom / Self.zoomStep
        self = z <= 1.0001 ? MapViewport() : MapViewport(zoom: z, panX: panX, panY: panY)
    }

    /// Back to the whole map.
    public mutating func reset() { self = MapViewport() }
}
