import PantauCore
@testable import PantauUI
import XCTest

/// The desk's keys on the dashboard, per role: what a viewer lacks, what an operator is
/// refused, and the request each verb hands the runner after its dialogs.
final class DeskKeysTests: XCTestCase {
    let state = Fixtures.state()
    let replay = DashboardStatus(mode: .replay(speed: 60))

    func dashboard(_ role: Role, layout: Layout = Fixtures.layout()) -> Dashboard {
        var d = Dashboard(layout: layout)
        d.role = role
        d.now = Fixtures.at(30)
        return d
    }

    func selectedIncident(_ d: Dashboard) -> String {
        d.deskIncidentID(state) ?? "none"
    }

    func type(_ text: String, into d: inout Dashboard) {
        for c in text { XCTAssertNil(d.handle(.char(c), state: state)) }
    }

    func frame(_ d: Dashboard, height: Int = 40) -> String {
        d.render(state: state, status: replay, width: 120, height: height).text
    }

    func testAViewerHasNoDeskKeysAnywhere() {
        var d = dashboard(.viewer)
        for key in ["a", "d", "u", ">", "<", "i", "r", "C", "R", "M", "n"] {
            XCTAssertNil(d.handle(.char(Character(key)), state: state), key)
            XCTAssertNil(d.desk, key)
        }
        XCTAssertFalse(frame(d).contains(" ack "), "no desk keys in the footer")
        _ = d.handle(.char("?"), state: state)
        let help = frame(d, height: 60)
        XCTAssertFalse(help.contains("acknowledge"), help)
        XCTAssertFalse(help.contains("new incident from a call"), help)
        XCTAssertTrue(help.contains("show / hide this help"), help)
    }

    func testAnOperatorSeesTheKeysAndIsRefusedASupervisorsVerbWithTheRoleItNeeds() {
        var d = dashboard(.operator)
        XCTAssertTrue(frame(d).contains("a ack"), frame(d))
        XCTAssertEqual(d.handle(.char("d"), state: state), .message("dispatch needs the supervisor role"))
        XCTAssertEqual(d.handle(.char("r"), state: state), .message("resolve needs the supervisor role"))
        XCTAssertEqual(d.handle(.char("M"), state: state), .message("merge needs the supervisor role"))
        XCTAssertNil(d.desk, "a refused verb opens no dialog")
        let id = selectedIncident(d)
        XCTAssertTrue(id.hasPrefix("INC-"), id)
        XCTAssertEqual(d.handle(.char("a"), state: state), .act(ActionRequest(verb: .acknowledge, target: id)))
        _ = d.handle(.char("?"), state: state)
        XCTAssertTrue(frame(d, height: 60).contains("dispatch a unit (picker)"), "the help lists the keys it has")
    }

    func testANoteIsTypedWithNonASCIITextAndHandedOver() {
        var d = dashboard(.operator)
        let id = selectedIncident(d)
        XCTAssertNil(d.handle(.char("i"), state: state))
        type("Air naik 50 cm — warga mengungsi ke masjid", into: &d)
        XCTAssertTrue(frame(d).contains("Note on \(id)"), frame(d))
        var fields = ActionFields()
        fields.note = "Air naik 50 cm — warga mengungsi ke masjid"
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .note, target: id, fields: fields,
                                                                               seenVersion: state.incidents[id]?.version)))
        XCTAssertNil(d.desk)
        // Esc cancels with nothing handed over.
        _ = d.handle(.char("i"), state: state)
        type("x", into: &d)
        XCTAssertNil(d.handle(.escape, state: state))
        XCTAssertNil(d.desk)
    }

    func testResolvePicksADispositionThenConfirms() {
        var d = dashboard(.supervisor)
        let id = selectedIncident(d)
        _ = d.handle(.char("r"), state: state)
        type("false", into: &d)
        XCTAssertNil(d.handle(.enter, state: state), "not yet: the confirmation comes first")
        guard case .confirm(let c, _) = d.desk else { return XCTFail("no confirmation: \(String(describing: d.desk))") }
        XCTAssertTrue(c.message.contains("Resolve \(id)") && c.message.contains("“False alarm”"), c.message)
        XCTAssertNil(d.handle(.char("x"), state: state), "other keys do nothing")
        var fields = ActionFields()
        fields.disposition = "false_alarm"
        XCTAssertEqual(d.handle(.char("y"), state: state), .act(ActionRequest(verb: .resolve, target: id, fields: fields,
                                                                               seenVersion: state.incidents[id]?.version)))
        // n cancels.
        _ = d.handle(.char("C"), state: state)
        XCTAssertNil(d.handle(.char("n"), state: state))
        XCTAssertNil(d.desk)
    }

    func testMergeOffersTheSameCategoryFirstAndConfirms() {
        var d = dashboard(.supervisor)
        let id = selectedIncident(d)
        _ = d.handle(.char("M"), state: state)
        guard case .picker(let p, _, _) = d.desk else { return XCTFail("no picker") }
        XCTAssertFalse(p.items.contains { $0.value == id }, "not itself")
        XCTAssertFalse(p.items.contains { $0.value == "INC-20261123-0050" }, "open incidents only")
        let category = state.incidents[id]!.category
        let firstOther = p.items.firstIndex { state.incidents[$0.value]!.category != category } ?? p.items.count
        XCTAssertTrue(p.items.prefix(firstOther).allSatisfy { state.incidents[$0.value]!.category == category })
        let chosen = p.highlighted!.value
        _ = d.handle(.enter, state: state)
        var fields = ActionFields()
        fields.duplicateOf = chosen
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .merge, target: id, fields: fields,
                                                                            seenVersion: state.incidents[id]?.version)))
    }

    func testEscalateDeescalateAndReopenGoStraightThrough() {
        var d = dashboard(.supervisor)
        let id = selectedIncident(d)
        XCTAssertEqual(d.handle(.char(">"), state: state), .act(ActionRequest(verb: .escalate, target: id)))
        XCTAssertEqual(d.handle(.char("<"), state: state), .act(ActionRequest(verb: .deescalate, target: id)))
        XCTAssertEqual(d.handle(.char("R"), state: state), .act(ActionRequest(verb: .reopen, target: id)))
    }

    func testTheDetailViewActsOnItsIncident() {
        var d = dashboard(.supervisor)
        let id = selectedIncident(d)
        _ = d.handle(.enter, state: state)
        XCTAssertEqual(d.screen, .incidentDetail(id: id))
        XCTAssertEqual(d.handle(.char("a"), state: state), .act(ActionRequest(verb: .acknowledge, target: id)))
        XCTAssertTrue(frame(d).contains("a ack"), "the detail view's footer has the desk keys")
    }

    func testANewIncidentFromACall() {
        var d = dashboard(.operator)
        XCTAssertNil(d.handle(.char("n"), state: state))
        type("fl", into: &d)         // category picker, filtered
        _ = d.handle(.enter, state: state)
        _ = d.handle(.right, state: state) // severity 3 → 4
        _ = d.handle(.tab, state: state)
        type("Banjir 60 cm, warga terjebak", into: &d)
        _ = d.handle(.tab, state: state) // district left empty
        _ = d.handle(.tab, state: state)
        _ = d.handle(.tab, state: state)
        type("Bu Siti Aminah", into: &d)
        _ = d.handle(.tab, state: state)
        type("0812-3456-7789", into: &d)
        _ = d.handle(.tab, state: state) // to the exercise choice, the last field: no
        XCTAssertNil(d.handle(.enter, state: state), "district or address is needed")
        guard case .form(let form) = d.desk else { return XCTFail("the form stays open") }
        XCTAssertEqual(form.error, "District or address is required")
        type("Peri", into: &d)      // district picker
        _ = d.handle(.enter, state: state)
        for _ in 0..<3 { _ = d.handle(.tab, state: state) } // to the exercise choice, the last field
        var fields = ActionFields()
        fields.category = .flood
        fields.severity = 4
        fields.title = "Banjir 60 cm, warga terjebak"
        fields.district = "Periuk"
        fields.callerName = "Bu Siti Aminah"
        fields.callerPhone = "0812-3456-7789"
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .create, target: "", fields: fields)))
    }

    func testANewIncidentMarkedAsAnExercise() {
        var d = dashboard(.operator)
        _ = d.handle(.char("n"), state: state)
        type("fi", into: &d)
        _ = d.handle(.enter, state: state)
        _ = d.handle(.tab, state: state)
        type("Latihan kebakaran", into: &d)
        _ = d.handle(.tab, state: state)
        type("Tangerang", into: &d)
        _ = d.handle(.enter, state: state)
        for _ in 0..<3 { _ = d.handle(.tab, state: state) } // address, name, phone left empty
        _ = d.handle(.right, state: state) // exercise: no → yes
        var fields = ActionFields()
        fields.category = .fire
        fields.severity = 3
        fields.title = "Latihan kebakaran"
        fields.district = "Tangerang"
        fields.exercise = true
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .create, target: "", fields: fields)))
    }

    func testTicketVerbsPickATicketOfTheSelectedOffice() {
        var d = dashboard(.supervisor)
        let tickets = d.layout.panes.firstIndex { $0.type == .tickets }!
        _ = d.perform(.focusPane(tickets), state: state)
        _ = d.handle(.char("v"), state: state)
        guard case .picker(let p, _, _) = d.desk else { return XCTFail("no ticket picker") }
        let agency = state.tickets[p.items[0].value]!.agency
        XCTAssertTrue(p.items.allSatisfy { state.tickets[$0.value]!.agency == agency }, "one office's queue")
        let ticket = p.highlighted!.value
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .ticketVerify, target: ticket)))
        // Route: the ticket, then another office.
        _ = d.handle(.char("f"), state: state)
        _ = d.handle(.enter, state: state)
        guard case .picker(let offices, _, _) = d.desk else { return XCTFail("no office picker") }
        XCTAssertFalse(offices.items.contains { $0.value == agency }, "not the office it is in")
        let office = offices.highlighted!.value
        var fields = ActionFields()
        fields.agency = office
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .ticketRoute, target: ticket, fields: fields)))
        // Reject asks for the reason.
        _ = d.handle(.char("x"), state: state)
        _ = d.handle(.enter, state: state)
        type("Bukan wewenang kota", into: &d)
        var reason = ActionFields()
        reason.note = "Bukan wewenang kota"
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .ticketReject, target: ticket, fields: reason)))
        // An operator may verify but not route.
        d.role = .operator
        XCTAssertEqual(d.handle(.char("f"), state: state), .message("ticket route needs the supervisor role"))
    }

    func testDeskKeysAreRebindableFromALayout() throws {
        let yaml = "name: desk\nkeys:\n  acknowledge: A\n  dispatch: D\nlayout:\n  columns:\n    - type: incidents\n"
        var d = dashboard(.supervisor, layout: try LayoutParser.parse(yaml, file: "desk.yaml"))
        let id = selectedIncident(d)
        XCTAssertNil(d.handle(.char("a"), state: state))
        XCTAssertEqual(d.handle(.char("A"), state: state), .act(ActionRequest(verb: .acknowledge, target: id)))
        XCTAssertTrue(frame(d).contains("A ack"), frame(d))
    }

    func testDialogSnapshots() {
        var d = dashboard(.supervisor)
        _ = d.handle(.char("M"), state: state)
        assertSnapshot(frame(d), named: "desk-merge-picker-120x40")
        _ = d.handle(.enter, state: state)
        assertSnapshot(frame(d), named: "desk-merge-confirm-120x40")
        _ = d.handle(.escape, state: state)
        _ = d.handle(.char("i"), state: state)
        type("Pompa air dikirim ke 漢字 lokasi", into: &d)
        assertSnapshot(frame(d), named: "desk-note-120x40")
        _ = d.handle(.escape, state: state)
        _ = d.handle(.char("n"), state: state)
        type("fi", into: &d)
        _ = d.handle(.enter, state: state)
        _ = d.handle(.tab, state: state)
        type("Kebakaran rumah", into: &d)
        assertSnapshot(frame(d), named: "desk-new-incident-form-120x40")
    }
}
