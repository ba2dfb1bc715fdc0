import PantauCore
import PantauUI
import XCTest

/// "Now" is the runner's (wall clock live, replay clock, a snapshot's --at), never the newest
/// event's time; and the footer and help offer only the keys that work in the mode at hand.
final class NowTests: XCTestCase {
    let live = DashboardStatus(mode: .live)

    func row(_ grid: CellGrid, containing text: String) -> String? {
        (0..<grid.height).map(grid.row).first { $0.contains(text) }
    }

    /// The incident's row in the incidents pane: (id, age as shown).
    func age(of id: String, in grid: CellGrid) throws -> String {
        let line = try XCTUnwrap(row(grid, containing: id), grid.text)
        // Columns: marker, id, sev, category, status, age, district (the incidents pane is on the right).
        let pane = String(line.suffix(from: line.range(of: id)!.lowerBound))
        let words = pane.split(separator: " ").map(String.init)
        return try XCTUnwrap(words.first { $0.range(of: #"^\d+(s|m|h\d\dm|d\d\dh)$"#, options: .regularExpression) != nil }, pane)
    }

    func testAgesGrowWithNowAndNotWithEvents() throws {
        var state = Fixtures.state()
        var d = Dashboard(layout: Fixtures.layout())
        // The fire was reported at 15:03.
        d.now = Fixtures.at(30)
        XCTAssertEqual(try age(of: "INC-0120", in: d.render(state: state, status: live, width: 120, height: 40)), "27m")
        // Time passes with no event: the age grows.
        d.now = Fixtures.at(75)
        let later = d.render(state: state, status: live, width: 120, height: 40)
        XCTAssertEqual(try age(of: "INC-0120", in: later), "1h12m")
        XCTAssertTrue(later.row(0).contains("2026-11-23 16:15:00 WIB"), "the header shows now: \(later.row(0))")
        // An unrelated reading arrives, stamped a little later: now (and the age) do not follow it.
        state.apply(FeedEvent(time: Fixtures.at(80), payload: .sensor(SensorReading(station: "rain-x", sensor: .rainfall, value: 1))))
        XCTAssertEqual(try age(of: "INC-0120", in: d.render(state: state, status: live, width: 120, height: 40)), "1h12m")
    }

    func testAnEventStampedAheadMovesNeitherAgesNorOverdue() throws {
        var state = Fixtures.state()
        var d = Dashboard(layout: Fixtures.layout())
        d.now = Fixtures.at(30)
        let before = d.render(state: state, status: live, width: 120, height: 40)
        // A gauge whose clock runs five hours ahead.
        var r = SensorReading(station: "pa-baru", sensor: .waterLevel, value: 120)
        r.name = "Pintu Air Baru"
        state.apply(FeedEvent(time: Fixtures.at(30 + 5 * 60), source: "gauge", payload: .sensor(r)))
        let after = d.render(state: state, status: live, width: 120, height: 40)
        XCTAssertEqual(try age(of: "INC-0120", in: after), try age(of: "INC-0120", in: before))
        XCTAssertEqual(try age(of: "INC-0117", in: after), "30m")
        // The BPBD ticket (created 15:10, SLA 6 h) is due at 21:10: not overdue at 15:30, though
        // the reading is stamped 20:30 … and still not when the reading is stamped past it.
        let tickets = { (g: CellGrid) -> String in
            let line = try XCTUnwrap(self.row(g, containing: "Tickets"), g.text)
            return String(line[line.range(of: "Tickets")!.lowerBound...])
        }
        XCTAssertEqual(try tickets(after), try tickets(before))
        state.apply(FeedEvent(time: Fixtures.at(12 * 60), source: "gauge", payload: .sensor(r)))
        let muchLater = d.render(state: state, status: live, width: 120, height: 40)
        XCTAssertEqual(try tickets(muchLater), try tickets(before), "overdue is measured from now")
        XCTAssertTrue(muchLater.row(0).contains("15:30:00"), muchLater.row(0))
    }

    func testTheDetailViewMeasuresFromNow() throws {
        let state = Fixtures.state()
        var d = Dashboard(layout: Fixtures.layout())
        d.now = Fixtures.at(67)
        _ = d.perform(.focusPane(1), state: state)
        _ = d.perform(.moveDown, state: state) // the flood, dispatched at 15:07
        _ = d.perform(.open, state: state)
        let text = d.render(state: state, status: live, width: 120, height: 40).text
        XCTAssertTrue(text.contains("dispatched for 1h00m"), text)
        XCTAssertTrue(text.contains("15:00:00 WIB, 1h07m ago"), text)
    }

    func testASearchOnAgesFollowsNow() {
        let state = Fixtures.state()
        var d = Dashboard(layout: Fixtures.layout())
        _ = d.perform(.focusPane(1), state: state)
        d.now = Fixtures.at(30)
        _ = d.handle(.char("/"), state: state)
        for c in "27m" { _ = d.handle(.char(c), state: state) }
        _ = d.handle(.enter, state: state)
        XCTAssertTrue(d.render(state: state, status: live, width: 120, height: 40).text.contains("INC-0120"))
        d.now = Fixtures.at(31)
        let text = d.render(state: state, status: live, width: 120, height: 40).text
        XCTAssertFalse(text.contains("INC-0120"), "the fire is 28m old now: the kept search must be worked out again\n\(text)")
    }

    func testSourcesShowEventsStampedAhead() {
        var ahead = SourceHealth(name: "gauge", type: "mqtt", format: "ndjson", state: .live)
        ahead.aheadEvents = 3
        ahead.aheadBy = 5 * 3600 + 20
        let fine = SourceHealth(name: "city", type: "file", format: "ndjson", state: .live)
        var d = Dashboard(layout: Fixtures.layout())
        d.sources = [fine, ahead]
        _ = d.perform(.sources, state: Fixtures.state())
        let grid = d.render(state: Fixtures.state(), status: live, width: 120, height: 40)
        XCTAssertTrue(row(grid, containing: "gauge")?.contains("ahead 5h00m (3)") == true, grid.text)
        XCTAssertFalse(row(grid, containing: "city")?.contains("ahead") ?? true, grid.text)
    }

    func testFooterAndHelpOfferPauseAndSpeedOnlyInAReplay() {
        let state = Fixtures.state()
        let d = Dashboard(layout: Fixtures.layout())
        var help = d
        _ = help.perform(.help, state: state)
        let modes: [(DashboardStatus.Mode, Bool)] = [(.replay(speed: 60), true), (.live, false), (.snapshot, false)]
        for (mode, offered) in modes {
            let status = DashboardStatus(mode: mode)
            let footer = d.render(state: state, status: status, width: 120, height: 40).row(39)
            XCTAssertEqual(footer.contains("Space pause"), offered, "\(mode): \(footer)")
            XCTAssertEqual(footer.contains("+/- speed"), offered, "\(mode): \(footer)")
            XCTAssertTrue(footer.contains("q quit") && footer.contains("? help"), footer)
            let text = help.render(state: state, status: status, width: 120, height: 40).text
            XCTAssertEqual(text.contains("pause / resume the replay"), offered, "\(mode)\n\(text)")
            XCTAssertEqual(text.contains("replay faster / slower"), offered, "\(mode)\n\(text)")
            XCTAssertTrue(text.contains("focus the next pane"), text)
        }
    }
}
