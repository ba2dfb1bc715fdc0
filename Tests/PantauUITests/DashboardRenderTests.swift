import PantauCore
import PantauUI
import XCTest

final class DashboardRenderTests: XCTestCase {
    let state = Fixtures.state()
    let status = DashboardStatus(mode: .replay(speed: 60), skippedLines: 3)

    func render(_ d: Dashboard, _ w: Int = 120, _ h: Int = 40, status: DashboardStatus? = nil) -> CellGrid {
        d.render(state: state, status: status ?? self.status, width: w, height: h)
    }

    func testCommandCenterFrame() {
        var d = Dashboard(layout: Fixtures.layout())
        d.observe(state)
        let grid = render(d)
        assertSnapshot(grid.text, named: "command-center-120x40")
        XCTAssertTrue(grid.row(0).contains("Pantau · Kota Tangerang"))
        XCTAssertTrue(grid.row(0).contains("2026-11-23 15:25:00 WIB"), grid.row(0))
        XCTAssertTrue(grid.row(0).contains("skipped 3"))
        XCTAssertTrue(grid.row(39).contains("Enter"), "footer hints for the focused incidents pane")
    }

    func testTrafficPaneShowsWorstFirstWithColouredJams() {
        let grid = render(Dashboard(layout: Fixtures.layout()))
        let rows = (0..<grid.height).map(grid.row)
        let daan = rows.firstIndex { $0.contains("Jl. Daan Mogot") }!
        let serang = rows.firstIndex { $0.contains("Jl. Raya Serang") }!
        let thamrin = rows.firstIndex { $0.contains("Jl. M.H. Thamrin") }!
        XCTAssertLessThan(daan, serang)
        XCTAssertLessThan(serang, thamrin)
        let x = rows[daan].distance(of: "4 severe")!
        XCTAssertEqual(grid[x, daan].style.fg, Theme.dark.style(for: .danger).fg)
    }

    func testIncidentsPaneOrdersBySeverityThenAgeAndMarksNew() {
        let d = Dashboard(layout: Fixtures.layout()) // focus starts on incidents, but nothing observed yet
        var unfocused = d
        _ = unfocused.perform(.focusPane(0), state: state)
        let grid = render(unfocused)
        let rows = (0..<grid.height).map(grid.row)
        let fire = rows.firstIndex { $0.contains("INC-0120") }!
        let flood = rows.firstIndex { $0.contains("INC-0117") }!
        let accident = rows.firstIndex { $0.contains("INC-0090") }!
        XCTAssertLessThan(fire, flood)
        XCTAssertLessThan(flood, accident)
        XCTAssertFalse(rows.contains { $0.contains("INC-0050") }, "closed incidents are not listed")
        XCTAssertTrue(rows[fire].contains("●"), "unseen incidents are marked")
        var focused = unfocused
        _ = focused.perform(.focusPane(1), state: state)
        let seen = render(focused)
        XCTAssertFalse(seen.row(fire).contains("●"), "focusing the pane marks them seen")
    }

    func testSensorsPaneShowsBandsAndSparklines() throws {
        let grid = render(Dashboard(layout: Fixtures.layout()))
        let rows = (0..<grid.height).map(grid.row)
        let gauge = try XCTUnwrap(rows.first { $0.contains("Pintu Air Sepuluh") }, grid.text)
        XCTAssertTrue(gauge.contains("410 cm"))
        XCTAssertTrue(gauge.contains("Siaga 2"))
        XCTAssertTrue(gauge.contains("▁") && gauge.contains("█"), gauge)
        XCTAssertTrue(rows.contains { $0.contains("ISPU Jatiuwung") && $0.contains("Tidak Sehat") })
        XCTAssertTrue(rows.contains { $0.contains("Hujan Periuk") && $0.contains("very heavy") })
    }

    func testTicketsPaneShowsQueuesAndOverdue() {
        var d = Dashboard(layout: Fixtures.layout())
        _ = d.perform(.focusPane(3), state: state)
        let grid = render(d)
        let rows = (0..<grid.height).map(grid.row)
        let pupr = rows.first { $0.contains("Dinas PUPR") && !$0.contains("queue") }!
        XCTAssertTrue(pupr.contains(" 2 "), pupr)
        XCTAssertTrue(rows.contains { $0.contains("Dinas PUPR queue") })
        XCTAssertTrue(rows.contains { $0.contains("LAKSA-0042") && $0.contains("late") })
    }

    func testIncidentDetailSaysWhenAnAlertExpires() throws {
        var s = state
        let now = try XCTUnwrap(s.clock)
        var u = IncidentUpdate(id: "CAP-1")
        u.category = .weather
        u.severity = 5
        u.status = .new
        u.title = "Hujan lebat"
        u.expires = now.adding(seconds: 5400)
        // Reported before anything else at severity 5: the first row.
        s.apply(FeedEvent(time: try XCTUnwrap(s.startedAt).adding(seconds: -3600), source: "bmkg", payload: .incident(u)))
        var d = Dashboard(layout: Fixtures.layout())
        d.now = now
        _ = d.perform(.focusPane(1), state: s)
        _ = d.perform(.open, state: s)
        XCTAssertEqual(d.screen, .incidentDetail(id: "CAP-1"))
        let text = d.render(state: s, status: status, width: 120, height: 40).text
        XCTAssertTrue(text.contains("Expires      \(CivilTime(u.expires!).clockText) WIB, in 1h30m"), text)
    }

    func testIncidentDetailView() {
        var d = Dashboard(layout: Fixtures.layout())
        _ = d.perform(.focusPane(1), state: state)
        _ = d.perform(.moveDown, state: state) // second row: the flood
        _ = d.perform(.open, state: state)
        XCTAssertEqual(d.screen, .incidentDetail(id: "INC-20261123-0117"))
        let grid = render(d)
        assertSnapshot(grid.text, named: "incident-detail-120x40")
        let text = grid.text
        XCTAssertTrue(text.contains("Dashboard › Incident INC-20261123-0117"))
        XCTAssertTrue(text.contains("Genangan 40 cm di Perumahan"), "the title, wrapped")
        XCTAssertTrue(text.contains("Periuk Damai"), "the title's end, on the next line")
        XCTAssertTrue(text.contains("status → dispatched"))
        XCTAssertTrue(text.contains("note: Perahu karet dikirim"))
        XCTAssertTrue(text.contains("BPBD Unit 2"))
        // Nearby, nearest first: the gauge on Kali Cirarab, the ticket, the rain gauge …
        let rows = (0..<grid.height).map(grid.row)
        let ticket = rows.firstIndex { $0.contains("LAKSA-20261123-0042") }!
        let river = rows.firstIndex { $0.contains("Kali Cirarab Periuk") }!
        let sepuluh = rows.firstIndex { $0.contains("Pintu Air Sepuluh") }
        XCTAssertLessThan(river, ticket)
        XCTAssertNil(sepuluh, "Pintu Air Sepuluh is over 4 km away")
        XCTAssertFalse(text.contains("Jl. Daan Mogot"), "over 2 km away")
        _ = d.perform(.back, state: state)
        XCTAssertEqual(d.screen, .dashboard)
    }

    func testHelpOverlayIsGeneratedFromTheKeyTable() {
        var d = Dashboard(layout: Fixtures.layout())
        _ = d.handle(.char("?"), state: state)
        let text = render(d).text
        // A viewer's help (the default role): every key it has, none of the desk's.
        for b in KeyTable.standard.available(to: d.role).bindings { XCTAssertTrue(text.contains(b.description), b.description) }
        XCTAssertNil(d.handle(.char("x"), state: state))
        XCTAssertFalse(d.showHelp)
    }

    func testControlCharactersNeverReachTheGrid() throws {
        let grid = render(Dashboard(layout: Fixtures.layout()), 200, 60)
        XCTAssertFalse(grid.cells.contains { $0.scalar.isTerminalControl })
        // ESC and BEL each show as one visible replacement; the text around them stays.
        let row = try XCTUnwrap((0..<grid.height).map(grid.row).first { $0.contains("INC-0130") }, grid.text)
        XCTAssertTrue(row.contains("Kerumunan \u{FFFD}[2J\u{FFFD} pasar"), row)
    }

    func testSmallTerminalGetsAMessage() {
        let grid = render(Dashboard(layout: Fixtures.layout()), 50, 12)
        XCTAssertTrue(grid.text.contains("Terminal too small: 50x12"))
        XCTAssertTrue(grid.text.contains("Enlarge it to at least"))
    }

    func testEveryFrameSizeLaysOutWithinTheFrame() {
        let d = Dashboard(layout: Fixtures.layout())
        let minimum = d.layout.minimumSize
        var laidOut = 0, refused = 0
        for w in stride(from: 1, through: 220, by: 7) {
            for h in stride(from: 1, through: 70, by: 5) {
                let grid = render(d, w, h)
                let size = "\(w)x\(h)"
                XCTAssertEqual(grid.width, w, size)
                XCTAssertEqual(grid.height, h, size)
                XCTAssertFalse(grid.cells.contains { $0.scalar.isTerminalControl }, size)
                let text = grid.text
                if w >= minimum.width, h >= minimum.height {
                    laidOut += 1
                    XCTAssertTrue(grid.row(0).hasPrefix(" Pantau"), "\(size): header: \(grid.row(0))")
                    XCTAssertTrue(grid.row(h - 1).contains("quit"), "\(size): footer: \(grid.row(h - 1))")
                    for n in 1...d.layout.panes.count {
                        XCTAssertTrue(text.contains("─ \(n) ") || text.contains("━ \(n) "), "\(size): pane \(n)\n\(text)")
                    }
                } else if w >= 30, h >= 3 {
                    refused += 1
                    XCTAssertTrue(text.contains("Terminal too small: \(size)"), "\(size)\n\(text)")
                }
            }
        }
        XCTAssertGreaterThan(laidOut, 50, "sizes at or above the minimum \(minimum)")
        XCTAssertGreaterThan(refused, 50)
    }

    func testAClickFocusesThePaneAndSelectsTheRow() {
        var d = Dashboard(layout: Fixtures.layout())
        d.screenSize = (120, 40)
        // Traffic is top left: its third data row is at y = 1 (header) + 1 (border) + 1 (columns) + 2.
        _ = d.handle(.mouse(MouseEvent(kind: .press, x: 10, y: 5)), state: state)
        XCTAssertEqual(d.focusedPane?.type, .traffic)
        XCTAssertEqual(d.selections[0], 2)
        _ = d.handle(.mouse(MouseEvent(kind: .press, x: 100, y: 30)), state: state)
        XCTAssertEqual(d.focusedPane?.type, .tickets)
    }

    func testKeysMoveFocusAndQuit() {
        var d = Dashboard(layout: Fixtures.layout())
        XCTAssertEqual(d.focusedPane?.type, .incidents)
        _ = d.handle(.tab, state: state)
        XCTAssertEqual(d.focusedPane?.type, .sensors)
        _ = d.handle(.backTab, state: state)
        XCTAssertEqual(d.focusedPane?.type, .incidents, "Shift-Tab goes back")
        _ = d.handle(.backTab, state: state)
        XCTAssertEqual(d.focusedPane?.type, .traffic)
        _ = d.handle(.backTab, state: state)
        XCTAssertEqual(d.focusedPane?.type, .alarms, "from the first pane to the last")
        _ = d.handle(.char("1"), state: state)
        XCTAssertEqual(d.focusedPane?.type, .traffic)
        XCTAssertEqual(d.handle(.char(" "), state: state), .togglePause)
        XCTAssertEqual(d.handle(.char("+"), state: state), .faster)
        XCTAssertEqual(d.handle(.char("-"), state: state), .slower)
        XCTAssertEqual(d.handle(.char("q"), state: state), .quit)
    }
}

extension String {
    /// Column of the first occurrence of `s` (counting scalars, as the grid does for narrow text).
    func distance(of s: String) -> Int? {
        guard let r = range(of: s) else { return nil }
        return unicodeScalars.distance(from: unicodeScalars.startIndex, to: r.lowerBound.samePosition(in: unicodeScalars)!)
    }
}
