import Foundation
import PantauCore

/// Equirectangular projection of longitude and latitude onto a braille canvas: 2 dots across
/// and 4 down per cell, and since a terminal cell is about twice as tall as it is wide, a dot
/// is square. Longitudes are shortened by cos(latitude) of the map's centre so that distances
/// east–west and north–south look alike. North is up.
public struct MapProjection: Sendable {
    /// Cells across.
    public let columns: Int
    /// Cells down.
    public let rows: Int
    /// `dotX = ax · lon + bx`, `dotY = ay · lat + by`.
    let ax: Double, bx: Double, ay: Double, by: Double

    /// Dots across (2 per cell).
    public var dotWidth: Int { columns * 2 }
    /// Dots down (4 per cell).
    public var dotHeight: Int { rows * 4 }

    /// Fits `bounds` to `columns` × `rows` cells as `viewport` asks (zoom 1: the whole bounds,
    /// centred, the longer side filling the pane).
    public init(fitting bounds: GeoBounds, viewport: MapViewport = MapViewport(), columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        let w = Double(max(1, columns * 2)), h = Double(max(1, rows * 4))
        let cosLat = cos(bounds.centre.lat * .pi / 180)
        let spanLon = max(1e-9, bounds.maxLon - bounds.minLon), spanLat = max(1e-9, bounds.maxLat - bounds.minLat)
        // Dots per degree of latitude.
        let k = min(w / (spanLon * cosLat), h / spanLat) * viewport.zoom
        let centreLon = bounds.centre.lon + viewport.panX * spanLon
        let centreLat = bounds.centre.lat - viewport.panY * spanLat
        ax = k * cosLat
        bx = w / 2 - ax * centreLon
        ay = -k
        by = h / 2 + k * centreLat
    }

    /// The dot position of a longitude and latitude (may lie outside the canvas).
    @inline(__always)
    public func dot(lon: Double, lat: Double) -> (x: Double, y: Double) { (ax * lon + bx, ay * lat + by) }

    /// The dot position of `p` (may lie outside the canvas).
    public func dot(_ p: GeoPoint) -> (x: Double, y: Double) { dot(lon: p.lon, lat: p.lat) }

    /// The cell holding `p`, or nil when it is off the canvas.
    @inline(__always)
    public func cell(lon: Double, lat: Double) -> (x: Int, y: Int)? {
        let dx = ax * lon + bx, dy = ay * lat + by
        guard dx >= 0, dy >= 0 else { return nil }
        let cx = Int(saturating: dx) >> 1, cy = Int(saturating: dy) >> 2
        guard cx < columns, cy < rows else { return nil }
        return (cx, cy)
    }

    /// The cell holding `p`, or nil when it is off the canvas.
    public func cell(_ p: GeoPoint) -> (x: Int, y: Int)? { cell(lon: p.lon, lat: p.lat) }

    /// The longitude and latitude at a dot position.
    public func geo(dotX x: Double, dotY y: Double) -> GeoPoint { GeoPoint(lat: (y - by) / ay, lon: (x - bx) / ax) }

    /// What the canvas shows, for skipping what lies outside it.
    public var visibleBounds: GeoBounds {
        let a = geo(dotX: 0, dotY: 0), b = geo(dotX: Double(dotWidth), dotY: Double(dotHeight))
        return GeoBounds(minLat: min(a.lat, b.lat), maxLat: max(a.lat, b.lat), minLon: min(a.lon, b.lon), maxLon: max(a.lon, b.lon))
    }

    /// Ground distance one cell spans across, in metres.
    public var metresPerCell: Double { 2 / -ay * 111_320 }
}
