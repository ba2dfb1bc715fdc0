import PantauCore
import PantauUI
import XCTest

/// Every number a layout file carries is bounded at its line and column, and the layout engine
/// is total for whatever it is given (issue 7, point 3).
final class LayoutLimitsTests: XCTestCase {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try LayoutParser.parse(yaml, file: "l.yaml")
            return []
        } catch let e as LayoutErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testHugeWeightsAndMinimumSizesAreRefusedAtTheirLineAndColumn() {
        XCTAssertEqual(problems("""
        name: big
        layout:
          columns:
            - type: traffic
              weight: 300000000000000000
            - type: incidents
              min_width: 9223372036854775800
              min_height: 99999999999999999999
          weight: 1001
        """), [
            "l.yaml:5:15: `weight` must be a whole number from 1 to 1000, not `300000000000000000`",
            "l.yaml:7:18: `min_width` must be a whole number from 4 to 1000, not `9223372036854775800`",
            "l.yaml:8:19: `min_height` must be a whole number from 3 to 500, not `99999999999999999999`",
            "l.yaml:9:11: `weight` must be a whole number from 1 to 1000, not `1001`",
        ])
        XCTAssertEqual(problems("name: z\nlayout: {type: traffic, weight: 0, min_width: 3, min_height: -1}\n"), [
            "l.yaml:2:33: `weight` must be a whole number from 1 to 1000, not `0`",
            "l.yaml:2:47: `min_width` must be a whole number from 4 to 1000, not `3`",
            "l.yaml:2:62: `min_height` must be a whole number from 3 to 500, not `-1`",
        ])
        // The bounds themselves are accepted.
        XCTAssertEqual(problems("name: ok\nlayout: {type: traffic, weight: 1000, min_width: 1000, min_height: 500}\n"), [])
    }

    func testThresholdsOutOfRangeOrNotFiniteAreRefusedAtTheirLevel() {
        XCTAssertEqual(problems("""
        name: t
        layout:
          type: sensors
          thresholds:
            a: { waspada: 1e300, siaga: 2, awas: 3 }
            b: { waspada: 1, siaga: 2, awas: .inf }
            c: { waspada: .nan, siaga: 2, awas: 3 }
            d: { waspada: 100, siaga: 200, awas: 10000 }
        """), [
            "l.yaml:5:19: `waspada` must be a level in cm from -10000 to 10000, not `1e300`",
            "l.yaml:6:38: `awas` must be a level in cm from -10000 to 10000, not `.inf`",
            "l.yaml:7:19: `waspada` must be a level in cm from -10000 to 10000, not `.nan`",
        ])
    }

    func testDeeplyNestedYAMLIsReportedInPlainWords() {
        let yaml = "name: deep\nlayout: " + String(repeating: "[", count: 1200) + String(repeating: "]", count: 1200) + "\n"
        let found = problems(yaml)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("l.yaml:2:"), found[0])
        XCTAssertTrue(found[0].hasSuffix("YAML: lists and mappings nested more than 1000 deep"), found[0])
        XCTAssertFalse(found[0].contains("yaml_set_max_nest_level"), found[0])
    }

    func testPlacementIsTotalForExtremeWeightsAndMinimums() {
        let extremes = [Int.min, -1, 0, 1, 1000, Int.max / 2, Int.max - 1, Int.max]
        for w in extremes {
            for m in extremes {
                var huge = PaneSpec(type: .traffic, weight: w)
                huge.minWidth = m
                huge.minHeight = m
                let small = PaneSpec(type: .incidents, weight: 1)
                for axis in [LayoutNode.Axis.rows, .columns] {
                    let root = LayoutNode.split(axis, [.pane(huge), .pane(small), .split(axis, [.pane(huge)], weight: w)], weight: w)
                    let layout = Layout(name: "x", description: "", root: root)
                    let minimum = layout.minimumSize
                    XCTAssertGreaterThanOrEqual(minimum.width, 60)
                    for (width, height) in [(0, 0), (1, 1), (80, 24), (1000, 500)] {
                        let placed = root.place(in: Rect(x: 0, y: 0, width: width, height: height))
                        XCTAssertEqual(placed.count, 3)
                        // The panes tile the space whatever the weights: nothing lost, nothing overlapping.
                        let along = placed.map { axis == .rows ? $0.1.height : $0.1.width }
                        XCTAssertEqual(along.reduce(0, +), axis == .rows ? height : width, "weight \(w) min \(m) \(width)x\(height)")
                        XCTAssertTrue(along.allSatisfy { $0 >= 0 })
                        _ = layout.fitProblems(width: width, height: height)
                        let grid = Dashboard(layout: layout).render(state: CityState(), status: DashboardStatus(mode: .snapshot),
                                                                    width: width, height: height)
                        XCTAssertEqual(grid.width, width)
                    }
                }
            }
        }
    }

    func testSharesStillFollowWeightsNearTheLimit() {
        let root = LayoutNode.split(.columns, [.pane(PaneSpec(type: .traffic, weight: Int.max)),
                                               .pane(PaneSpec(type: .incidents, weight: Int.max))], weight: 1)
        var sized = root
        for i in 0..<2 { sized = sized.updatingPane(at: i) { $0.minWidth = 4 } }
        XCTAssertEqual(sized.place(in: Rect(x: 0, y: 0, width: 100, height: 10)).map(\.1.width), [50, 50])
        let uneven = LayoutNode.split(.columns, [.pane(PaneSpec(type: .traffic, weight: 1000)),
                                                 .pane(PaneSpec(type: .incidents, weight: 1))], weight: 1)
            .updatingPane(at: 0) { $0.minWidth = 4 }.updatingPane(at: 1) { $0.minWidth = 4 }
        XCTAssertEqual(uneven.place(in: Rect(x: 0, y: 0, width: 1001, height: 10)).map(\.1.width), [997, 4])
    }

    func testSizeProblemsNameThePaneLine() throws {
        let layout = try LayoutParser.parse("""
        name: wide
        layout:
          columns:
            - type: traffic
              min_width: 500
            - type: incidents
        """, file: "wide.yaml")
        let fit = layout.fitProblems(width: 100, height: 30)
        XCTAssertEqual(fit.map { $0.located(in: "wide.yaml") },
                       ["wide.yaml:4:7: pane \"Traffic\" (traffic, layout line 4) needs 430 more columns at 100x30"])
        let grid = Dashboard(layout: layout).render(state: CityState(), status: DashboardStatus(mode: .snapshot), width: 100, height: 30)
        XCTAssertTrue(grid.text.contains("Traffic · layout line 4: +430 columns"), grid.text)
    }

    func testTheSizeLimitsAreSaidAndTheWholeRangeRenders() throws {
        guard case .failure(let e) = Layout.parseSize("99999x99999") else { return XCTFail("accepted 99999x99999") }
        XCTAssertEqual(e.description, "--size 99999x99999 is out of range: columns 1…1000, rows 1…500")
        guard case .failure(let m) = Layout.parseSize("1x") else { return XCTFail("accepted 1x") }
        XCTAssertEqual(m.description, "--size takes COLSxROWS, e.g. 120x40, not '1x'")
        XCTAssertEqual(try Layout.parseSize("1x1").get().width, 1)
        let state = Fixtures.state()
        for (name, _) in ShippedLayouts.sources {
            let layout = try XCTUnwrap(ShippedLayouts.named(name))
            for (w, h) in [(1, 1), (1, 500), (1000, 1), (59, 23), (1000, 500)] {
                var d = Dashboard(layout: layout)
                d.observe(state)
                let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: w, height: h)
                XCTAssertEqual(grid.height, h, "\(name) \(w)x\(h)")
            }
        }
    }
}
