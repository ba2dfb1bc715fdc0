import PantauCore
import PantauUI
import XCTest

/// A layout's `keys:` section: actions rebound, help and footer follow, mistakes are reported
/// with their position.
final class LayoutKeysTests: XCTestCase {
    let body = "layout:\n  columns:\n    - type: incidents\n    - type: sensors\n"

    func problems(_ yaml: String) -> [String] {
        do {
            _ = try LayoutParser.parse(yaml, file: "desk.yaml")
            return []
        } catch let e as LayoutErrors {
            return e.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testAnOverrideRebindsTheActionEverywhereAndShowsInHelpAndFooter() throws {
        let layout = try LayoutParser.parse("name: desk\nkeys:\n  quit: Q\n  zoom: [Z, Enter]\n  cycle_layout: F\n" + body, file: "desk.yaml")
        var d = Dashboard(layout: layout)
        let state = CityState()
        XCTAssertNil(d.handle(.char("q"), state: state), "q no longer quits")
        XCTAssertEqual(d.handle(.char("F"), state: state), .cycleLayout)
        XCTAssertEqual(d.handle(.char("Q"), state: state), .quit)
        // Enter opens an incident in the incidents pane (more specific), zooms elsewhere.
        _ = d.perform(.focusPane(1), state: state)
        _ = d.handle(.enter, state: state)
        XCTAssertTrue(d.zoomed)
        let grid = d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 30)
        XCTAssertTrue(grid.row(29).contains("Q quit"), grid.row(29))
        _ = d.handle(.char("?"), state: state)
        let help = d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40).text
        XCTAssertTrue(help.contains("Z/Enter"), help)
    }

    func testMistakesInKeysAreReportedWithTheirPosition() {
        XCTAssertEqual(problems("name: d\nkeys:\n  qiut: Q\n" + body),
                       ["desk.yaml:3:3: unknown action `qiut` in `keys`; did you mean `quit`?"])
        XCTAssertEqual(problems("name: d\nkeys:\n  quit: Ctrl-Q\n" + body),
                       ["desk.yaml:3:9: `Ctrl-Q` is not a key: a single character or one of Space, Tab, S-Tab, Enter, Esc, Backspace, Delete, Up, Down, Left, Right, PgUp, PgDn, Home, End"])
        XCTAssertEqual(problems("name: d\nkeys:\n  quit: z\n" + body),
                       ["desk.yaml:3:9: key `z` already does \"zoom the focused pane / back\"; rebind that action too or pick another key"])
        XCTAssertEqual(problems("name: d\nkeys: Q\n" + body).first?.hasPrefix("desk.yaml:2:7: `keys` maps an action"), true)
    }
}

/// YAML mistakes get their place too, a key given twice included.
final class LayoutYAMLProblemTests: XCTestCase {
    func testADuplicatedKeyIsReportedWhereItIs() {
        do {
            _ = try LayoutParser.parse("name: d\nlayout:\n  columns:\n    - type: traffic\n      title: A\n      title: B\n",
                                       file: "desk.yaml")
            XCTFail("a key given twice must be refused")
        } catch let e as LayoutErrors {
            XCTAssertEqual(e.errors.map(\.description), ["desk.yaml:5:7: YAML: `title` given twice in one mapping; keep one"])
        } catch {
            XCTFail("\(error)")
        }
    }
}
