import Foundation
import PantauCore
import PantauUI
import XCTest

final class MapTests: XCTestCase {
    // MARK: - Projection and viewport

    func testProjectionFitsTheBoundsAndPutsAKnownPointInItsCell() throws {
        // A square degree at the equator on 20 × 10 cells = 40 × 40 dots: one dot per 1/40 degree.
        let square = GeoBounds(minLat: -0.5, maxLat: 0.5, minLon: -0.5, maxLon: 0.5)
        let p = MapProjection(fitting: square, columns: 20, rows: 10)
        XCTAssertEqual(p.cell(GeoPoint(lat: 0.49, lon: -0.49))?.x, 0)
        XCTAssertEqual(p.cell(GeoPoint(lat: 0.49, lon: -0.49))?.y, 0)
        XCTAssertEqual(p.cell(GeoPoint(lat: -0.49, lon: 0.49)).map { [$0.x, $0.y] }, [19, 9])
        XCTAssertEqual(p.cell(GeoPoint(lat: 0, lon: 0)).map { [$0.x, $0.y] }, [10, 5])
        // 0.1° east is 4 dots = 2 cells; 0.1° north is 4 dots = 1 cell up.
        XCTAssertEqual(p.cell(GeoPoint(lat: 0.1, lon: 0.1)).map { [$0.x, $0.y] }, [12, 4])
        XCTAssertNil(p.cell(GeoPoint(lat: 0, lon: 0.6)), "off the canvas")
    }

    func testProjectionShortensLongitudeByCosLatitude() {
        // At 60° a degree of longitude is half a degree of latitude on the ground.
        let b = GeoBounds(minLat: 59.5, maxLat: 60.5, minLon: 0, maxLon: 2)
        let p = MapProjection(fitting: b, columns: 100, rows: 100)
        let west = p.dot(GeoPoint(lat: 60, lon: 0)), east = p.dot(GeoPoint(lat: 60, lon: 1))
        let north = p.dot(GeoPoint(lat: 60.5, lon: 1)), south = p.dot(GeoPoint(lat: 59.5, lon: 1))
        XCTAssertEqual((east.x - west.x) / (south.y - north.y), cos(60 * Double.pi / 180), accuracy: 0.01)
    }

    func testKotaTangerangLiesTheRightWayRound() throws {
        let p = MapProjection(fitting: .kotaTangerang, columns: 80, rows: 30)
        let benda = try XCTUnwrap(p.cell(Kecamatan.named("Benda")!.centre))
        let larangan = try XCTUnwrap(p.cell(Kecamatan.named("Larangan")!.centre))
        let jatiuwung = try XCTUnwrap(p.cell(Kecamatan.named("Jatiuwung")!.centre))
        XCTAssertLessThan(benda.y, larangan.y, "north is up")
        XCTAssertLessThan(jatiuwung.x, larangan.x, "west is left")
        for k in Kecamatan.all { XCTAssertNotNil(p.cell(k.centre), "\(k.name) on the whole-city map") }
    }

    func testPanAndZoomMoveAPoint() throws {
        let square = GeoBounds(minLat: -0.5, maxLat: 0.5, minLon: -0.5, maxLon: 0.5)
        let point = GeoPoint(lat: 0.1, lon: 0.1)
        func cell(_ v: MapViewport) -> [Int]? { MapProjection(fitting: square, viewport: v, columns: 20, rows: 10).cell(point).map { [$0.x, $0.y] } }
        var v = MapViewport()
        XCTAssertEqual(cell(v), [12, 4])
        v.pan(dx: 1, dy: 0) // view moves east by 1/8 of 1° = 5 dots: the point moves 2.5 cells left
        XCTAssertEqual(cell(v), [9, 4])
        v.pan(dx: -1, dy: -1) // back west, and north: the point moves down
        XCTAssertEqual(cell(v), [12, 5])
        v.reset()
        v.zoomIn() // ×1.5 about the centre: 0.1° is now 6 dots = 3 cells across, 1.5 rows up
        XCTAssertEqual(v.zoom, 1.5)
        XCTAssertEqual(cell(v), [13, 3])
        v.zoomOut()
        XCTAssertTrue(v.isReset)
        v.zoomOut()
        XCTAssertEqual(v.zoom, 1, "never smaller than the whole map")
        for _ in 0..<40 { v.pan(dx: 1, dy: 0) }
        XCTAssertEqual(v.panX, 0.5, "the centre stays on the map")
    }

    // MARK: - Canvas

    func testBrailleDotsCombineIntoPatterns() {
        var c = BrailleCanvas(columns: 2, rows: 1)
        c.set(x: 0, y: 0, ink: 1)
        var grid = CellGrid(width: 2, height: 1)
        c.draw(into: &grid, x: 0, y: 0, styles: [.plain, .plain], ascii: false)
        XCTAssertEqual(grid.row(0), "⠁ ")
        for y in 0..<4 { c.set(x: 1, y: y, ink: 1) }
        c.set(x: 3, y: 3, ink: 1) // the second cell's bottom-right dot (dot 8)
        c.set(x: 99, y: 99, ink: 1) // off the canvas: ignored
        c.draw(into: &grid, x: 0, y: 0, styles: [.plain, .plain], ascii: false)
        XCTAssertEqual(grid.row(0), "⢹⢀") // dots 1, 4, 5, 6, 8 = 0xB9; dot 8 = 0x80
        XCTAssertEqual(BrailleCanvas.braille(0xFF), "⣿")
        XCTAssertTrue(c.isSet(x: 1, y: 2))
        XCTAssertFalse(c.isSet(x: 0, y: 1))
    }

    func testLinesAreContinuousAndClipped() {
        var c = BrailleCanvas(columns: 10, rows: 5)
        c.line(x0: 0, y0: 0, x1: 19, y1: 19, ink: 1) // a diagonal through every cell
        for i in 0..<20 { XCTAssertTrue(c.isSet(x: i, y: i), "dot \(i)") }
        var far = BrailleCanvas(columns: 10, rows: 5)
        far.line(x0: -1e6, y0: 2, x1: 1e6, y1: 2, ink: 1) // mostly off screen: drawn only across it
        XCTAssertEqual((0..<20).filter { far.isSet(x: $0, y: 2) }.count, 20)
        far.line(x0: -10, y0: -10, x1: -5, y1: -1, ink: 1) // wholly off screen: nothing
        XCTAssertEqual(far.bits.filter { $0 != 0 }.count, 10)
    }

    func testASCIIFallbackUsesOnlyASCII() {
        var c = BrailleCanvas(columns: 30, rows: 10)
        c.polyline([(2, 2), (50, 3), (40, 35), (3, 30)], closed: true, ink: 1)
        c.line(x0: 0, y0: 39, x1: 59, y1: 0, ink: 2)
        c.line(x0: 10, y0: 0, x1: 10, y1: 39, ink: 2)
        var grid = CellGrid(width: 30, height: 10)
        c.draw(into: &grid, x: 0, y: 0, styles: [.plain, .plain, .plain], ascii: true)
        XCTAssertTrue(grid.text.unicodeScalars.allSatisfy(\.isASCII), grid.text)
        XCTAssertTrue(grid.text.contains("|") && grid.text.contains("-") && grid.text.contains("/"), grid.text)
    }

    // MARK: - GeoJSON

    func testGeoJSONFeaturesNamesAndCentroids() throws {
        let json = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "Kotak"},
           "geometry": {"type": "Polygon", "coordinates": [[[106.60, -6.20], [106.62, -6.20], [106.62, -6.18], [106.60, -6.18], [106.60, -6.20]]]}},
          {"type": "Feature", "properties": {"name": "Jl. Contoh"},
           "geometry": {"type": "MultiLineString", "coordinates": [[[106.60, -6.21], [106.64, -6.21]], [[106.61, -6.22], [106.61, -6.17]]]}},
          {"type": "Feature", "properties": {"nama": "Titik"}, "geometry": {"type": "Point", "coordinates": [106.65, -6.15]}},
          {"type": "Feature", "properties": {}, "geometry": null}
        ]}
        """
        let layer = try GeoJSONLayer(data: Data(json.utf8), name: "test.geojson")
        XCTAssertEqual(layer.features.map(\.name), ["Kotak", "Jl. Contoh", "Titik"], "a feature without geometry has nothing to draw")
        XCTAssertEqual(layer.features.map(\.geometryType), ["Polygon", "MultiLineString", "Point"])
        XCTAssertEqual(layer.features[0].kind, .boundary)
        XCTAssertEqual(layer.features[1].kind, .road)
        let c = try XCTUnwrap(layer.features[0].centroid)
        XCTAssertEqual(c.lat, -6.19, accuracy: 1e-9)
        XCTAssertEqual(c.lon, 106.61, accuracy: 1e-9)
        XCTAssertEqual(layer.labels.map(\.text), ["Kotak", "Titik"], "areas and places are labelled, lines are not")
        let b = try XCTUnwrap(layer.bounds)
        XCTAssertEqual([b.minLon, b.maxLon, b.minLat, b.maxLat], [106.60, 106.65, -6.22, -6.15])
        let rivers = try GeoJSONLayer(data: Data(#"{"type": "LineString", "coordinates": [[106.6, -6.1], [106.6, -6.2]]}"#.utf8),
                                      name: "sungai.geojson")
        XCTAssertEqual(rivers.features.first?.kind, .water, "a bare geometry; water by the file's name")
    }

    func testGeoJSONErrorsSayWhatIsWrong() {
        func message(_ json: String) -> String {
            do {
                _ = try GeoJSONLayer(data: Data(json.utf8), name: "x.geojson")
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(message(#"{"type": "FeatureCollection", "features": [}"#).hasPrefix("not valid JSON"), message("{"))
        XCTAssertTrue(message("[1, 2]").contains("expected a GeoJSON object"))
        XCTAssertEqual(message(#"{"type": "Topology"}"#).prefix(28), "unknown GeoJSON type `Topolo")
        XCTAssertEqual(message(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Bulat"}, "geometry": {"type": "Circle", "coordinates": [106.6, -6.2]}}]}"#),
                       "feature 1 (Bulat): geometry type `Circle` is not supported; expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection")
        XCTAssertEqual(message(#"{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[106.6, -6.2], [106.7, -6.2]]]}}"#),
                       "feature 1: a Polygon ring needs at least 4 positions, found 2")
        XCTAssertTrue(message(#"{"type": "Point", "coordinates": ["106.6", -6.2]}"#).contains("must be [lon, lat] numbers"))
        XCTAssertTrue(message(#"{"type": "Point", "coordinates": [-6.2, 106.6]}"#).contains("not a WGS84 longitude and latitude"),
                      "latitude and longitude swapped")
    }

    /// The official kecamatan boundaries (third-party data, read in place from ../shared/geo).
    static var sharedGeo: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/geo")
    }

    func testTheBPSKecamatanBoundariesMatchTheCentresWeCarry() throws {
        let url = Self.sharedGeo.appendingPathComponent("kota_tangerang_kecamatan_hdx_bps2020.geojson")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the shared geodata is not shipped with Pantau")
        }
        let layer = try GeoJSONLayer.load(path: url.path)
        XCTAssertEqual(layer.features.count, 13)
        XCTAssertEqual(Set(layer.features.compactMap(\.name)), Set(Kecamatan.all.map(\.name)))
        for f in layer.features {
            let k = try XCTUnwrap(f.name.flatMap(Kecamatan.named), "\(f.name ?? "?")")
            let c = try XCTUnwrap(f.centroid)
            XCTAssertLessThan(c.distance(to: k.centre), 500, "\(k.name): centroid \(c) vs centre \(k.centre)")
        }
        let bounds = try XCTUnwrap(layer.bounds)
        XCTAssertTrue(GeoBounds.kotaTangerang.intersects(bounds))
    }

    func testDerivedRegionsSurroundEachCentre() {
        let regions = GeoJSONLayer.kecamatanRegions
        XCTAssertEqual(regions.features.map(\.name), Kecamatan.all.map(\.name))
        for (f, k) in zip(regions.features, Kecamatan.all) {
            XCTAssertTrue(f.bounds?.contains(k.centre) == true, k.name)
        }
    }

    // MARK: - Layouts

    func testLayoutLayersResolveAgainstTheLayoutFileAndReportProblems() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-map-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("geo"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"type": "LineString", "coordinates": [[106.6, -6.1], [106.7, -6.2]]}"#
            .write(to: dir.appendingPathComponent("geo/roads.geojson"), atomically: true, encoding: .utf8)
        try #"{"type": "Polygon", "coordinates": [[[106.6, -6.1]]]}"#
            .write(to: dir.appendingPathComponent("geo/bad.geojson"), atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("desk.yaml").path
        let layout = try LayoutParser.parse("""
        name: desk
        layout:
          columns:
            - type: map
              layers: [geo/roads.geojson]
        """, file: file)
        XCTAssertEqual(layout.panes.first?.mapLayers.count, 1)
        XCTAssertEqual(layout.panes.first?.mapLayers.first?.features.first?.kind, .road)

        XCTAssertThrowsError(try LayoutParser.parse("""
        name: desk
        layout:
          columns:
            - type: map
              layers:
                - geo/missing.geojson
                - geo/bad.geojson
            - type: incidents
              layers: geo/roads.geojson
            - type: map
              layrs: []
        """, file: file)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("\(file):6:11: cannot read map layer `geo/missing.geojson`"), text)
            XCTAssertTrue(text.contains("\(file):7:11: map layer `geo/bad.geojson`: feature 1: a Polygon ring needs at least 4 positions"), text)
            XCTAssertTrue(text.contains("\(file):9:15: `layers` applies to map panes only"), text)
            XCTAssertTrue(text.contains("\(file):11:7: unknown key `layrs`; did you mean `layers`?"), text)
        }
    }

    func testShippedMapLayoutsFitEightyByTwentyFour() throws {
        for name in ["flood-watch", "wallboard"] {
            let layout = try XCTUnwrap(ShippedLayouts.named(name))
            XCTAssertTrue(layout.panes.contains { $0.type == .map }, name)
            XCTAssertEqual(layout.fitProblems(width: 80, height: 24), [], name)
        }
    }

    // MARK: - The pane

    let state = Fixtures.state()

    /// Incidents on the left, the map on the right.
    func mapLayout() throws -> Layout {
        try LayoutParser.parse("""
        name: map-test
        layout:
          columns:
            - type: incidents
              weight: 1
            - type: map
              weight: 2
        """, file: "map-test.yaml")
    }

    /// The map pane's rectangle of a 120 × 34 frame, as text.
    func mapText(_ grid: CellGrid) -> String {
        (1..<33).map { y in
            String(String.UnicodeScalarView((40..<120).compactMap { x in grid[x, y].width == 0 ? nil : grid[x, y].scalar }))
        }.joined(separator: "\n")
    }

    func testMapPaneSnapshot() throws {
        var d = Dashboard(layout: try mapLayout())
        d.observe(state)
        let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: 120, height: 34)
        assertSnapshot(mapText(grid), named: "map-pane-80x32")
        let text = mapText(grid)
        XCTAssertTrue(text.contains("Periuk") && text.contains("Benda") && text.contains("Larangan"), text)
        XCTAssertTrue(text.contains("▲") && text.contains("◆") && text.contains("●"), text)
        XCTAssertTrue(text.contains("2 gauges ≥ Siaga 3") && text.contains("3 jams"), text)
    }

    /// Jams and flooded gauges are markers of what is happening now: from stale data, none.
    func testStaleSegmentsAndGaugesDrawNoMarker() throws {
        var stale = state
        stale.staleLimits = StaleLimits(traffic: 1, sensor: 1)
        var d = Dashboard(layout: try mapLayout())
        d.observe(stale)
        let text = mapText(d.render(state: stale, status: DashboardStatus(mode: .snapshot), width: 120, height: 34))
        // Only the gauge whose reading is the frame's now is still current.
        XCTAssertTrue(text.contains("1 gauge ≥ Siaga 3") && text.contains("0 jams"), text)
        XCTAssertTrue(text.contains("●"), "incidents are not stale data: \(text)")
        // A longer limit for their source (the fixture's readings name none) brings them back.
        stale.staleLimits = StaleLimits(traffic: 86_400, sensor: 86_400)
        let again = mapText(d.render(state: stale, status: DashboardStatus(mode: .snapshot), width: 120, height: 34))
        XCTAssertTrue(again.contains("2 gauges ≥ Siaga 3") && again.contains("3 jams"), again)
    }

    func testSelectedIncidentIsHighlighted() throws {
        var d = Dashboard(layout: try mapLayout())
        d.observe(state)
        XCTAssertEqual(d.selectedIncidentID(in: state), "INC-20261123-0120")
        func marker(_ d: Dashboard) -> (x: Int, y: Int, row: String)? {
            let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: 120, height: 34)
            for y in 2..<31 { // the map, not its legend
                for x in 40..<grid.width where grid[x, y].scalar == "◉" {
                    XCTAssertEqual(grid[x, y].style, Theme.dark.selection.with(.bold))
                    return (x, y, grid.row(y))
                }
            }
            return nil
        }
        let fire = try XCTUnwrap(marker(d))
        XCTAssertTrue(fire.row.contains("◉ INC-0120"), fire.row)
        _ = d.perform(.moveDown, state: state) // the flood in Periuk, north-east of the fire
        let flood = try XCTUnwrap(marker(d))
        XCTAssertTrue(flood.row.contains("INC-0117"), flood.row)
        XCTAssertLessThan(flood.y, fire.y)
        XCTAssertGreaterThan(flood.x, fire.x)
        _ = d.perform(.moveDown, state: state) // the accident has no position
        XCTAssertNil(marker(d))
        let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: 120, height: 34)
        XCTAssertTrue(grid.text.contains("INC-0090 has no position"), grid.text)
    }

    func testNewIncidentsBlinkAndOldOnesDoNot() throws {
        var d = Dashboard(layout: try mapLayout())
        _ = d.perform(.focusPane(1), state: state) // the map: nothing seen yet, so both are new
        func dots(_ on: Bool) -> Int {
            let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot, blinkOn: on), width: 120, height: 34)
            return (2..<31).map { y in (40..<119).filter { grid[$0, y].scalar == "●" }.count }.reduce(0, +)
        }
        // Two incidents have a position; the selected one (the fire) is drawn as ◉ whatever the phase.
        XCTAssertEqual(dots(true), 1)
        XCTAssertEqual(dots(false), 0)
        d.observe(state) // not seen while the map has focus
        XCTAssertEqual(dots(false), 0)
        _ = d.perform(.focusPane(0), state: state) // the incidents pane marks them seen
        XCTAssertEqual(dots(false), 1)
    }

    func testMapKeysPanAndZoomInsteadOfReplaySpeed() throws {
        var d = Dashboard(layout: try mapLayout())
        XCTAssertEqual(d.handle(.char("+"), state: state), .faster, "incidents focused: + is replay speed")
        _ = d.perform(.focusPane(1), state: state)
        XCTAssertEqual(d.contexts.first, .map)
        XCTAssertNil(d.handle(.char("+"), state: state))
        XCTAssertEqual(d.mapViews[1]?.zoom, MapViewport.zoomStep)
        XCTAssertNil(d.handle(.char("l"), state: state))
        XCTAssertNil(d.handle(.right, state: state))
        XCTAssertEqual(d.mapViews[1]?.panX ?? 0, 2 * MapViewport.panStep / MapViewport.zoomStep, accuracy: 1e-9)
        XCTAssertNil(d.handle(.up, state: state))
        XCTAssertLessThan(d.mapViews[1]?.panY ?? 0, 0)
        XCTAssertNil(d.handle(.char("-"), state: state))
        XCTAssertTrue(d.mapViews[1]?.isReset == true)
        _ = d.handle(.char("+"), state: state)
        _ = d.handle(.char("0"), state: state)
        XCTAssertTrue(d.mapViews[1]?.isReset == true)
        XCTAssertEqual(d.handle(.char("q"), state: state), .quit)
        let footer = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: 120, height: 34).row(33)
        XCTAssertTrue(footer.contains("zoom map") && footer.contains("pan"), footer)
        XCTAssertFalse(footer.contains("speed"), "+ and - zoom the map here: " + footer)
    }

    func testZoomedInMapShowsLessAndSaysSo() throws {
        var d = Dashboard(layout: try mapLayout())
        _ = d.perform(.focusPane(1), state: state)
        for _ in 0..<4 { _ = d.perform(.mapZoomIn, state: state) }
        let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: 120, height: 34)
        XCTAssertTrue(grid.row(1).contains("zoom ×5.1"), grid.row(1))
        XCTAssertTrue(mapText(grid).contains("500 m") || mapText(grid).contains("1 km"), mapText(grid))
    }

    func testASCIIMapHasNoBrailleOrMarkersOutsideASCII() throws {
        var d = Dashboard(layout: try mapLayout())
        d.theme.ascii = true
        d.observe(state)
        let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: 120, height: 34)
        // The map's inside (its border belongs to the box widget).
        let inside = (2..<32).map { y in String(String.UnicodeScalarView((41..<119).map { grid[$0, y].scalar })) }.joined(separator: "\n")
        XCTAssertTrue(inside.unicodeScalars.allSatisfy(\.isASCII), inside)
        XCTAssertTrue(inside.contains("X INC-0120") && inside.contains("^") && inside.contains("#"), inside)
    }
}
