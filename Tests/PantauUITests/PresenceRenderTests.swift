import PantauCore
@testable import PantauUI
import XCTest

/// Presence on screen: the detail view's line of who else is on the incident (never this
/// console), the incidents pane's mark on their rows (ASCII `@`), names from other processes
/// shown without their control characters, and what this console publishes as open.
final class PresenceRenderTests: XCTestCase {
    let state = Fixtures.state()
    static let flood = "INC-20261123-0117"
    static let fire = "INC-20261123-0120"

    func record(_ id: String, _ user: String, _ console: String, on incident: String, _ activity: PresenceActivity,
                since minutes: Double) -> PresenceRecord {
        PresenceRecord(consoleID: id, user: user, console: console, role: .operator, target: .incident(incident),
                       activity: activity, since: Fixtures.at(minutes), lastSeen: Fixtures.at(25))
    }

    /// Budi writing a note on the flood since 15:20, Siti looking since 15:22, and this console
    /// (`me`) on the flood too: it must not list itself. Dewi is on the fire.
    func dashboard(ascii: Bool = false) -> Dashboard {
        var d = Dashboard(layout: Fixtures.layout())
        d.theme.ascii = ascii
        d.presenceConsoleID = "me"
        d.presence = PresenceBoard([
            record("b", "budi", "desk-2", on: Self.flood, .writingNote, since: 20),
            record("s", "siti", "wall", on: Self.flood, .viewing, since: 22),
            record("me", "ani", "desk-1", on: Self.flood, .viewing, since: 21),
            record("d", "dewi", "desk-3", on: Self.fire, .dispatching, since: 23),
        ])
        return d
    }

    func render(_ d: Dashboard) -> CellGrid {
        d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40)
    }

    func testTheDetailViewSaysWhoElseIsOnTheIncident() {
        var d = dashboard()
        d.stack.append(.incidentDetail(id: Self.flood))
        let grid = render(d)
        assertSnapshot(grid.text, named: "presence-detail-120x40")
        let rows = (0..<grid.height).map(grid.row)
        let line = rows.first { $0.contains("is writing a note") }
        XCTAssertNotNil(line, grid.text)
        XCTAssertTrue(line!.contains("◐ budi (desk-2) is writing a note · siti (wall) is looking"), line!)
        XCTAssertFalse(grid.text.contains("ani (desk-1)"), "never this console itself")
        XCTAssertFalse(grid.text.contains("dewi"), "dewi is on another incident")

        // Nobody else on it: no line.
        d.presence.remove(console: "b")
        d.presence.remove(console: "s")
        XCTAssertFalse(render(d).text.contains("◐"))
    }

    func testTheIncidentsListMarksRowsSomeoneElseIsOn() {
        var d = dashboard()
        d.observe(state) // nothing blinks as new
        let grid = render(d)
        assertSnapshot(grid.text, named: "presence-list-120x40")
        let rows = (0..<grid.height).map(grid.row)
        for id in ["INC-0117", "INC-0120"] {
            let row = rows.first { $0.contains(id) }
            XCTAssertTrue(row?.contains("◐ \(id)") ?? false, "\(id): \(row ?? "no row")")
        }
        XCTAssertEqual(rows.filter { $0.contains("◐") }.count, 2, "only the two incidents others are on")

        // ASCII (TERM=linux, --ascii): `@`.
        var ascii = dashboard(ascii: true)
        ascii.observe(state)
        let asciiRows = (0..<40).map(render(ascii).row)
        XCTAssertTrue(asciiRows.contains { $0.contains("@ INC-0117") }, asciiRows.joined(separator: "\n"))
        XCTAssertFalse(asciiRows.joined().contains("◐"))

        // Only this console on an incident: no mark.
        d.presence = PresenceBoard([record("me", "ani", "desk-1", on: Self.flood, .viewing, since: 21)])
        XCTAssertFalse(render(d).text.contains("◐"))
    }

    func testNamesFromOtherConsolesReachTheScreenWithoutControlCharacters() {
        var d = dashboard()
        d.presence = PresenceBoard([record("x", "bu\u{1B}]0;pwned\u{7}di", "desk\u{9B}2J", on: Self.flood, .dispatching, since: 20)])
        d.stack.append(.incidentDetail(id: Self.flood))
        let grid = render(d)
        let line = (0..<grid.height).map(grid.row).first { $0.contains("is dispatching") }
        XCTAssertEqual(line.map { $0.contains("bu\u{FFFD}]0;pwned\u{FFFD}di (desk\u{FFFD}2J) is dispatching") }, true, line ?? grid.text)
        XCTAssertFalse(grid.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }

    func testWhatThisConsoleHasOpenIsItsPresence() {
        var d = dashboard()
        d.role = .supervisor
        XCTAssertNil(d.presenceFocus(state: state), "the dashboard alone: nothing open")
        d.stack.append(.incidentDetail(id: Self.flood))
        XCTAssertEqual(d.presenceFocus(state: state), PresenceFocus(target: .incident(Self.flood), activity: .viewing))
        XCTAssertNil(d.handle(.char("i"), state: state))
        XCTAssertEqual(d.presenceFocus(state: state), PresenceFocus(target: .incident(Self.flood), activity: .writingNote))
        _ = d.handle(.escape, state: state)
        XCTAssertEqual(d.presenceFocus(state: state), PresenceFocus(target: .incident(Self.flood), activity: .viewing))
        XCTAssertNil(d.handle(.char("r"), state: state))
        XCTAssertEqual(d.presenceFocus(state: state), PresenceFocus(target: .incident(Self.flood), activity: .resolving))
        _ = d.handle(.escape, state: state)
        _ = d.handle(.escape, state: state)
        XCTAssertNil(d.presenceFocus(state: state), "back on the dashboard")
        d.stack.append(.alarmDetail(id: "ALM-1"))
        XCTAssertEqual(d.presenceFocus(state: state), PresenceFocus(target: .alarm("ALM-1"), activity: .viewing))
    }
}
