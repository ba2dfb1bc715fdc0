import PantauCore
@testable import PantauUI
import XCTest

/// The alarms pane, the alarm banner, the alarm detail and the alarm keys, on the fixture city
/// with three alarms: one waiting (Pintu Air Sepuluh at Siaga 2), one acknowledged (ISPU),
/// one cleared (rain).
final class AlarmsPaneTests: XCTestCase {
    static let gauge = "alarm-siaga2-pa-sepuluh-1763884800"
    static let ispu = "alarm-ispu-ispu-jatiuwung-1763884500"
    static let rain = "alarm-rain-rain-periuk-1763884200"

    static func alarmState(acknowledgeGauge: Bool = false) -> CityState {
        var s = Fixtures.state()
        func alarm(_ id: String, _ minutes: Double, _ transition: AlarmTransition, rule: String, subject: String,
                   severity: Int, title: String, value: Double? = nil, level: String? = nil) {
            let e = AlarmEvent(id: id, rule: rule, transition: transition, severity: severity, subject: subject,
                               title: title, value: value, level: level)
            s.apply(FeedEvent(time: Fixtures.at(minutes), source: "rules", payload: .alarm(e)))
        }
        var n = 0
        func act(_ minutes: Double, _ verb: ActionVerb, _ target: String, by: String, _ build: (inout ActionFields) -> Void = { _ in }) {
            n += 1
            var f = ActionFields()
            build(&f)
            let a = ActionEvent(actionID: "alarm-test-\(n)", verb: verb, target: target, by: by, role: .operator, console: "desk-1", fields: f)
            s.apply(FeedEvent(time: Fixtures.at(minutes), source: "desk-1", payload: .action(a)))
        }
        alarm(rain, 2, .raised, rule: "rain", subject: "rain-periuk", severity: 3, title: "Hujan lebat di Periuk", value: 25)
        alarm(rain, 12, .cleared, rule: "rain", subject: "rain-periuk", severity: 3, title: "Hujan lebat di Periuk", value: 8)
        alarm(ispu, 10, .raised, rule: "ispu", subject: "ispu-jatiuwung", severity: 3, title: "ISPU Tidak Sehat di Jatiuwung",
              value: 160, level: "Tidak Sehat")
        act(11, .acknowledgeAlarm, ispu, by: "siti")
        alarm(gauge, 20, .raised, rule: "siaga2", subject: "pa-sepuluh", severity: 4, title: "Pintu Air Sepuluh at Siaga 2",
              value: 395, level: "Siaga 2")
        act(21, .noteAlarm, gauge, by: "siti") { $0.note = "BPBD diberi tahu" }
        if acknowledgeGauge { act(22, .acknowledgeAlarm, gauge, by: "budi") }
        return s
    }

    func dashboard(_ role: Role, layout: String = "command-center") -> Dashboard {
        var d = Dashboard(layout: try! ShippedLayouts.named(layout)!)
        d.role = role
        d.now = Fixtures.at(25)
        return d
    }

    func frame(_ d: Dashboard, _ state: CityState) -> [String] {
        d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func focusAlarms(_ d: inout Dashboard, _ state: CityState) {
        let i = d.layout.panes.firstIndex { $0.type == .alarms }!
        _ = d.perform(.focusPane(i), state: state)
    }

    func testTheBannerNamesTheFirstWaitingAlarmAndGoesWhenItIsAcknowledged() {
        let state = Self.alarmState()
        let lines = frame(dashboard(.operator), state)
        XCTAssertEqual(lines[1].trimmingCharacters(in: .whitespaces),
                       "▲ ALARM Siaga 2 · Pintu Air Sepuluh · 15:20 — a: acknowledge in alarms pane")
        XCTAssertTrue(lines[2].hasPrefix("┌─ 1 Traffic"), "the panes start under the banner: \(lines[2])")
        // A viewer has no key to acknowledge with: the banner says what, not which key.
        XCTAssertEqual(frame(dashboard(.viewer), state)[1].trimmingCharacters(in: .whitespaces),
                       "▲ ALARM Siaga 2 · Pintu Air Sepuluh · 15:20")
        // A layout with no alarms pane: nowhere to press it.
        XCTAssertEqual(frame(dashboard(.operator, layout: "traffic-desk"), state)[1].trimmingCharacters(in: .whitespaces),
                       "▲ ALARM Siaga 2 · Pintu Air Sepuluh · 15:20")
        // A layout that rebinds the key: the banner names the new one.
        var rebound = dashboard(.operator)
        rebound.keys = try! rebound.keys.rebinding(.desk(.acknowledgeAlarm), to: [.char("A")]).get()
        XCTAssertTrue(frame(rebound, state)[1].contains("— A: acknowledge in alarms pane"), frame(rebound, state)[1])

        let acknowledged = Self.alarmState(acknowledgeGauge: true)
        let after = frame(dashboard(.operator), acknowledged)
        XCTAssertFalse(after.joined(separator: "\n").contains("ALARM"), "no banner once every active alarm is acknowledged")
        XCTAssertTrue(after[1].hasPrefix("┌─ 1 Traffic"), after[1])
    }

    /// A subject with no name in the store is said once: an office's alarm names its office in
    /// the headline ("DLH: 4 overdue tickets"), so the banner does not repeat "DLH"; a subject the
    /// headline does not name (a station not yet seen) is still given.
    func testTheBannerNamesASubjectWithoutANameOnce() {
        func banner(subject: String, title: String, level: String? = nil) -> String {
            var s = Fixtures.state()
            let e = AlarmEvent(id: "alarm-x-\(subject)", rule: "x", transition: .raised, severity: 3, subject: subject,
                               title: title, value: 4, level: level)
            s.apply(FeedEvent(time: Fixtures.at(20), source: "rules", payload: .alarm(e)))
            return frame(dashboard(.viewer), s)[1].trimmingCharacters(in: .whitespaces)
        }
        XCTAssertEqual(banner(subject: "DLH", title: "DLH: 4 overdue tickets"), "▲ ALARM DLH: 4 overdue tickets · 15:20")
        XCTAssertEqual(banner(subject: "gauge-new", title: "Siaga 3", level: "Siaga 3"), "▲ ALARM Siaga 3 · gauge-new · 15:20")
        XCTAssertEqual(banner(subject: "pa-sepuluh", title: "Pintu Air Sepuluh at Siaga 2", level: "Siaga 2"),
                       "▲ ALARM Siaga 2 · Pintu Air Sepuluh · 15:20")
    }

    func testThePaneListsWaitingThenAcknowledgedThenCleared() {
        let state = Self.alarmState()
        let text = frame(dashboard(.operator), state)
        let top = try! XCTUnwrap(text.firstIndex { $0.contains("5 Alarms") })
        XCTAssertTrue(text[top].contains("1 to acknowledge"), text[top])
        let rows = text[(top + 2)...(top + 4)].map { $0 }
        XCTAssertTrue(rows[0].contains("15:20") && rows[0].contains("siaga2") && rows[0].contains("Siaga 2") && rows[0].contains("RAISED"),
                      rows[0])
        XCTAssertTrue(rows[1].contains("15:10") && rows[1].contains("Tidak Sehat") && rows[1].contains("acked")
                      && rows[1].contains("siti"), rows[1])
        XCTAssertTrue(rows[2].contains("15:02") && rows[2].contains("cleared") && rows[2].contains("25"), rows[2])
        XCTAssertEqual(AlarmsPane.stateText(state.alarms[Self.gauge]!, .dark), "RAISED")
    }

    /// The next morning (alarms still active from the day before): the pane gives their day,
    /// the banner their day and time, so yesterday's 15:20 does not read as today's.
    func testAnAlarmRaisedAnotherDaySaysWhichDay() {
        let state = Self.alarmState()
        var d = dashboard(.operator)
        d.now = Fixtures.at(25 + 18 * 60)
        let raised = CivilTime(Fixtures.at(20))
        let day = "\(raised.day < 10 ? "0" : "")\(raised.day)/\(raised.month < 10 ? "0" : "")\(raised.month)"
        let lines = frame(d, state)
        XCTAssertEqual(lines[1].trimmingCharacters(in: .whitespaces),
                       "▲ ALARM Siaga 2 · Pintu Air Sepuluh · \(day) 15:20 — a: acknowledge in alarms pane")
        let top = try! XCTUnwrap(lines.firstIndex { $0.contains("5 Alarms") })
        XCTAssertTrue(lines[top + 2].contains(day) && !lines[top + 2].contains("15:20"), lines[top + 2])
        XCTAssertEqual(CivilTime(Fixtures.at(20)).shortText(today: CivilTime(Fixtures.at(25))), "15:20")
        XCTAssertEqual(CivilTime(Fixtures.at(20)).shortText(today: CivilTime(Fixtures.at(25 + 24 * 60))), day)
    }

    func testAlarmKeysAskForTheSelectedAlarmsActions() {
        let state = Self.alarmState()
        var d = dashboard(.operator)
        focusAlarms(&d, state)
        XCTAssertEqual(d.contexts.first, .alarms)
        XCTAssertEqual(d.handle(.char("a"), state: state), .act(ActionRequest(verb: .acknowledgeAlarm, target: Self.gauge)))
        // The second row: the acknowledged ISPU alarm.
        _ = d.handle(.down, state: state)
        XCTAssertEqual(d.handle(.char("a"), state: state), .act(ActionRequest(verb: .acknowledgeAlarm, target: Self.ispu)))
        // A note asks for its text first.
        XCTAssertNil(d.handle(.char("i"), state: state))
        for c in "Petugas di lokasi" { _ = d.handle(.char(c), state: state) }
        var note = ActionFields()
        note.note = "Petugas di lokasi"
        XCTAssertEqual(d.handle(.enter, state: state), .act(ActionRequest(verb: .noteAlarm, target: Self.ispu, fields: note)))
        // Making an incident is a supervisor's.
        XCTAssertEqual(d.handle(.char("c"), state: state), .message("incident from alarm needs the supervisor role"))
        var supervisor = dashboard(.supervisor)
        focusAlarms(&supervisor, state)
        XCTAssertEqual(supervisor.handle(.char("c"), state: state), .act(ActionRequest(verb: .incidentFromAlarm, target: Self.gauge)))
        // A viewer has none of these keys.
        var viewer = dashboard(.viewer)
        focusAlarms(&viewer, state)
        XCTAssertNil(viewer.handle(.char("a"), state: state))
        XCTAssertNil(viewer.desk)
    }

    func testEnterOpensTheAlarmsTimelineAndTheKeysAreInFooterAndHelp() {
        let state = Self.alarmState()
        var d = dashboard(.operator)
        focusAlarms(&d, state)
        let footer = frame(d, state).last!
        XCTAssertTrue(footer.contains("a ack") && footer.contains("i note") && footer.contains("c incident"), footer)
        _ = d.perform(.help, state: state)
        let help = frame(d, state).joined(separator: "\n")
        XCTAssertTrue(help.contains("acknowledge the alarm (alarm)"), help)
        XCTAssertTrue(help.contains("make an incident of the alarm (alarm)"), help)
        _ = d.handle(.char("x"), state: state) // closes the help

        XCTAssertNil(d.handle(.enter, state: state))
        XCTAssertEqual(d.screen, .alarmDetail(id: Self.gauge))
        XCTAssertFalse(frame(d, state).last!.contains("Enter detail"), "Enter opens nothing in the detail: \(frame(d, state).last!)")
        let detail = frame(d, state).joined(separator: "\n")
        for expected in ["Alarm \(Self.gauge)", "Pintu Air Sepuluh at Siaga 2", "RAISED", "Siaga 2", "15:20:00 status → raised",
                         "15:21:00 note: BPBD diberi tahu · siti"] {
            XCTAssertTrue(detail.contains(expected), "\(expected) in:\n\(detail)")
        }
        // The verbs work from the detail too; Esc goes back.
        XCTAssertEqual(d.handle(.char("a"), state: state), .act(ActionRequest(verb: .acknowledgeAlarm, target: Self.gauge)))
        _ = d.handle(.escape, state: state)
        XCTAssertEqual(d.screen, .dashboard)
    }

    func testShippedLayoutsWithAlarmsFitAt120x40() throws {
        for name in ["command-center", "flood-watch", "supervisor"] {
            let layout = try XCTUnwrap(try ShippedLayouts.named(name))
            XCTAssertTrue(layout.panes.contains { $0.type == .alarms }, name)
            XCTAssertEqual(layout.panesShortOfRoom(width: 120, height: 39).count, 0, "\(name) fits with the banner")
        }
    }
}
