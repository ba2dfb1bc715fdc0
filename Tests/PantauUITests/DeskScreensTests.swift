import PantauCore
@testable import PantauUI
import XCTest

/// The desk's screens on a state that actions have changed: the units board, the dispatch and
/// unit-status pickers, response timers, who did what, refusals, and masked personal data.
final class DeskScreensTests: XCTestCase {
    static let fire = "INC-20261123-0120"
    static let flood = "INC-20261123-0117"
    static let call = "CALL-0001"

    /// The fixture city with a small roster and a morning of actions: a call taken, a fire
    /// acknowledged, a unit dispatched and on scene, a note, and a dispatch refused.
    static func deskState() -> CityState {
        var s = Fixtures.state()
        s.registerUnits([
            UnitDefinition(id: "DMK-01", name: "Damkar Jatiuwung 1", agency: "Damkar", kind: "fire_engine", station: "Pos Jatiuwung",
                           location: GeoPoint(lat: -6.200, lon: 106.578)),
            UnitDefinition(id: "DMK-02", name: "Damkar Cipondoh 1", agency: "Damkar", kind: "fire_engine", station: "Pos Cipondoh",
                           location: GeoPoint(lat: -6.185, lon: 106.680)),
            UnitDefinition(id: "BPBD-01", name: "BPBD Perahu Karet 1", agency: "BPBD", kind: "rescue", station: "Mako BPBD",
                           location: GeoPoint(lat: -6.170, lon: 106.600)),
            UnitDefinition(id: "AMB-01", name: "PSC 119 Ambulans 1", agency: "Dinkes", kind: "ambulance", station: "RSUD Kota Tangerang",
                           location: GeoPoint(lat: -6.178, lon: 106.632)),
        ])
        var n = 0
        func act(_ minutes: Double, _ verb: ActionVerb, _ target: String, by: String, _ role: Role = .supervisor,
                 _ build: (inout ActionFields) -> Void = { _ in }) {
            n += 1
            var f = ActionFields()
            build(&f)
            let a = ActionEvent(actionID: "test-\(n)", verb: verb, target: target, by: by, role: role, console: "desk-1", fields: f)
            s.apply(FeedEvent(time: Fixtures.at(minutes), source: "desk-1", payload: .action(a)))
        }
        act(21, .create, call, by: "siti", .operator) {
            $0.category = .medical; $0.severity = 4; $0.title = "Warga pingsan di rumah"
            $0.district = "Cipondoh"; $0.address = "Jl. Melati No. 12 RT 03/RW 05"
            $0.callerName = "Bu Siti Aminah"; $0.callerPhone = "081234567789"
        }
        act(22, .acknowledge, call, by: "siti", .operator)
        act(23, .dispatch, fire, by: "budi") { $0.unit = "DMK-01" }
        act(27, .unitStatus, "DMK-01", by: "budi") { $0.unitStatus = .onScene }
        act(28, .note, fire, by: "siti", .operator) { $0.note = "Api membesar, warga dievakuasi" }
        act(29, .dispatch, flood, by: "budi") { $0.unit = "DMK-01" }
        return s
    }

    let state = DeskScreensTests.deskState()

    func dashboard(_ role: Role, layout: String = "supervisor") -> Dashboard {
        var d = Dashboard(layout: try! ShippedLayouts.named(layout)!)
        d.role = role
        d.targets = .standard
        d.now = Fixtures.at(30)
        return d
    }

    func frame(_ d: Dashboard, mode: DashboardStatus.Mode = .replay(speed: 60)) -> String {
        d.render(state: state, status: DashboardStatus(mode: mode), width: 120, height: 40).text
    }

    func testTheFixtureActionsWereAcceptedAndTheLastRefused() {
        XCTAssertEqual((1...5).map { state.actionOutcomes["test-\($0)"] }, Array(repeating: .accepted, count: 5))
        XCTAssertEqual(state.actionOutcomes["test-6"], .rejected(reason: "DMK-01 is on \(Self.fire)"))
    }

    func testTheDispatchPickerOffersAvailableUnitsFirstAndRefusesBusyOnes() {
        var d = dashboard(.supervisor)
        let items = d.dispatchItems(incident: Self.flood, state: state)
        XCTAssertEqual(items.map(\.value), ["BPBD-01", "AMB-01", "DMK-02", "DMK-01"],
                       "the responding agency (BPBD) first, then nearest first, the busy unit last")
        XCTAssertEqual(items.first?.section, "BPBD (responding)")
        XCTAssertTrue(items[1].detail.contains("km"), items[1].detail)
        XCTAssertEqual(items.last?.refusal, "DMK-01 is on \(Self.fire)")
        // Through the keys: Enter on the busy unit says why and picks nothing.
        _ = d.handle(.enter, state: state) // the flood incident's detail? no: select it first
        d = dashboard(.supervisor)
        d.stack.append(.incidentDetail(id: Self.flood))
        XCTAssertNil(d.handle(.char("d"), state: state))
        for c in "DMK-01" { _ = d.handle(.char(c), state: state) }
        XCTAssertNil(d.handle(.enter, state: state))
        XCTAssertTrue(frame(d).contains("DMK-01 is on \(Self.fire)"), frame(d))
        _ = d.handle(.char("\u{15}"), state: state)
        var fields = ActionFields()
        fields.unit = "BPBD-01"
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .dispatch, target: Self.flood, fields: fields,
                                                                          seenVersion: state.incidents[Self.flood]?.version)))
    }

    /// Another console's dispatch applied while the picker is open changes the incident; the
    /// request still carries the version the user chose on, so the journal rejects it.
    func testTheDispatchPickerKeepsTheVersionSeenWhenItOpened() throws {
        var d = dashboard(.supervisor)
        d.stack.append(.incidentDetail(id: Self.fire))
        XCTAssertNil(d.handle(.char("d"), state: state))
        let seen = try XCTUnwrap(state.incidents[Self.fire]?.version)
        var changed = state
        let other = ActionEvent(actionID: "other-1", verb: .dispatch, target: Self.fire, by: "ani", role: .supervisor,
                                console: "desk-2", seenVersion: seen, fields: { var f = ActionFields(); f.unit = "DMK-02"; return f }())
        changed.apply(FeedEvent(time: Fixtures.at(30), source: "desk-2", payload: .action(other)))
        XCTAssertEqual(changed.actionOutcomes["other-1"], .accepted)
        XCTAssertNotEqual(changed.incidents[Self.fire]?.version, seen)
        for c in "AMB-01" { _ = d.handle(.char(c), state: changed) }
        var fields = ActionFields()
        fields.unit = "AMB-01"
        XCTAssertEqual(d.handle(.enter, state: changed), .act(ActionRequest(verb: .dispatch, target: Self.fire, fields: fields, seenVersion: seen)))
    }

    func testTheUnitStatusPickerListsTheIncidentsUnits() {
        var d = dashboard(.operator)
        d.stack.append(.incidentDetail(id: Self.fire))
        XCTAssertNil(d.handle(.char("u"), state: state))
        guard case .picker(let p, _, _) = d.desk else { return XCTFail("no picker") }
        XCTAssertEqual(p.items.map(\.label), ["en route", "available", "out of service"], "on scene already: left out")
        _ = d.handle(.down, state: state)
        var fields = ActionFields()
        fields.unitStatus = .available
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .unitStatus, target: "DMK-01", fields: fields)))
        // An incident with no unit says so.
        var e = dashboard(.operator)
        e.stack.append(.incidentDetail(id: Self.flood))
        XCTAssertEqual(e.handle(.char("u"), state: state), .message("no unit is on \(Self.flood): dispatch one first (d)"))
    }

    func testTheSupervisorLayoutWithTheUnitsBoardAndTimers() {
        let d = dashboard(.supervisor)
        let text = frame(d)
        assertSnapshot(text, named: "desk-supervisor-units-120x40")
        XCTAssertTrue(text.contains("DMK-01") && text.contains("on scene"), text)
        XCTAssertTrue(text.contains("3 available / 4"), text)
        let missed = state.missedTargetCount(now: Fixtures.at(30), targets: .standard)
        XCTAssertGreaterThan(missed, 0)
        XCTAssertTrue(text.contains("open · \(missed) late)"), text)
        // A filtered pane counts its own.
        var fires = d
        var filter = PaneFilter()
        filter.categories = ["fire"]
        fires.setFilter(filter, ofPane: 0)
        XCTAssertTrue(frame(fires).contains("(1 open · 1 late)"), frame(fires))
        // No targets (no desk): no response column, no count.
        var plain = d
        plain.targets = nil
        XCTAssertFalse(frame(plain).contains("Resp"))
        XCTAssertFalse(frame(plain).contains("late)"))
    }

    func testTheDetailViewShowsStepsWhoDidThemAndWhyTheLastActionWasRefused() {
        var d = dashboard(.supervisor, layout: "command-center")
        d.stack.append(.incidentDetail(id: Self.fire))
        d.noteRefusal("DMK-01 is on \(Self.fire)", of: ActionRequest(verb: .dispatch, target: Self.fire))
        let text = frame(d)
        assertSnapshot(text, named: "desk-detail-timers-120x40")
        XCTAssertTrue(text.contains("dispatched DMK-01 · budi"), text)
        XCTAssertTrue(text.contains("note: Api membesar, warga dievakuasi · siti"), text)
        XCTAssertTrue(text.contains("refused: DMK-01 is on"), text)
        XCTAssertTrue(text.contains("Dispatch") && text.contains("(target 3m)"), text)
        d.noteRefusal(nil, of: ActionRequest(verb: .dispatch, target: Self.fire))
        XCTAssertFalse(frame(d).contains("refused:"))
    }

    func testPersonalDataIsShownToASupervisorsLiveDetailViewOnly() {
        var d = dashboard(.supervisor, layout: "command-center")
        d.stack.append(.incidentDetail(id: Self.call))
        let supervisor = frame(d)
        XCTAssertTrue(supervisor.contains("Bu Siti Aminah") && supervisor.contains("081234567789"), supervisor)
        XCTAssertTrue(supervisor.contains("Jl. Melati No. 12"), supervisor)
        for (role, mode) in [(Role.operator, DashboardStatus.Mode.replay(speed: 60)), (.viewer, .live),
                             (.supervisor, .snapshot)] {
            d.role = role
            let text = frame(d, mode: mode)
            XCTAssertFalse(text.contains("Siti Aminah"), "\(role) \(mode)")
            XCTAssertFalse(text.contains("081234567789") || text.contains("3456"), "\(role) \(mode)")
            XCTAssertFalse(text.contains("No. 12"), "\(role) \(mode)")
            XCTAssertTrue(text.contains(PersonalData.maskName("Bu Siti Aminah")), text)
            XCTAssertTrue(text.contains(PersonalData.maskPhone("081234567789")), text)
        }
        // A detail pane in a layout follows the same rule.
        var pane = dashboard(.operator)
        let i = pane.layout.panes.firstIndex { $0.type == .incidents }!
        for _ in 0..<10 where pane.selectedIncidentID(in: state) != Self.call { _ = pane.perform(.moveDown, state: state) }
        XCTAssertEqual(pane.selectedIncidentID(in: state), Self.call)
        XCTAssertEqual(pane.focus, i)
        XCTAssertFalse(frame(pane).contains("Siti Aminah"))
    }
}
