import PantauCore
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// What a console does when an alarm is raised, decided without a terminal.
final class SessionAlarmTests: XCTestCase {
    func testBellAndFlashAreForOperatorsAndSupervisorsUnlessQuiet() {
        let both = AlarmResponse(bell: true, flash: true)
        XCTAssertEqual(SessionCommand.alert(for: both, role: .operator, quiet: false), .alert(bell: true, flash: true))
        XCTAssertEqual(SessionCommand.alert(for: both, role: .supervisor, quiet: false), .alert(bell: true, flash: true))
        XCTAssertNil(SessionCommand.alert(for: both, role: .viewer, quiet: false), "a wallboard never rings")
        XCTAssertNil(SessionCommand.alert(for: both, role: .supervisor, quiet: true), "--quiet-alarms")
        XCTAssertEqual(SessionCommand.alert(for: AlarmResponse(bell: false, flash: true), role: .operator, quiet: false),
                       .alert(bell: false, flash: true))
        XCTAssertEqual(SessionCommand.alert(for: AlarmResponse(bell: true, flash: false), role: .operator, quiet: false),
                       .alert(bell: true, flash: false))
        XCTAssertNil(SessionCommand.alert(for: AlarmResponse(bell: false, flash: false), role: .operator, quiet: false))
    }

    func testPantauItselfIsASupervisorAtTheConsole() {
        let system = ConsoleIdentity.system(console: "ruang-kendali")
        XCTAssertEqual(system.user, "pantau")
        XCTAssertEqual(system.role, .supervisor)
        XCTAssertEqual(system.console, "ruang-kendali")
    }

    private let alarm = AlarmEvent(id: "alarm-siaga2-pa10-1795420320", rule: "siaga2", transition: .raised, severity: 4,
                                   subject: "pa10", title: "Pintu Air Sepuluh at Siaga 2", value: 395, level: "Siaga 2")

    private func session(_ identity: ConsoleIdentity, journal: InMemoryJournal) throws -> Session {
        let session = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")), identity: identity,
                              journal: journal)
        session.update(.events([FeedEvent(time: SessionFixtures.t0, source: "rules", payload: .alarm(alarm))]))
        session.dashboard.now = SessionFixtures.t0.adding(seconds: 60)
        return session
    }

    /// A wallboard's rule still opens its incident: as Pantau itself, journaled as such.
    func testAnAutomaticIncidentAtAWallboardIsPantausOwn() throws {
        let journal = InMemoryJournal()
        let session = try session(.wallboard, journal: journal)
        XCTAssertNotNil(session.state.alarms[alarm.id])

        let result = session.openIncidentAutomatically(from: alarm)

        guard case .accepted = result else { return XCTFail("\(result)") }
        let made = try XCTUnwrap(session.state.alarms[alarm.id]?.incidentID)
        XCTAssertTrue(made.hasPrefix("ALARM-console-"), made)
        let incident = try XCTUnwrap(session.state.incidents[made])
        XCTAssertEqual(incident.severity, 4)
        XCTAssertEqual(incident.title, "Pintu Air Sepuluh at Siaga 2")
        let line = try XCTUnwrap(journal.stored.last?.line)
        for part in ["\"verb\":\"incident_from_alarm\"", "\"by\":\"pantau\"", "\"role\":\"supervisor\"",
                     "\"target\":\"\(alarm.id)\""] {
            XCTAssertTrue(line.contains(part), "\(part) in \(line)")
        }
        // Once per alarm: a second try is journaled and rejected, and the log says why.
        guard case .rejected(_, let reason) = session.openIncidentAutomatically(from: alarm) else { return XCTFail("made twice") }
        XCTAssertEqual(reason, "\(made) was already made from \(alarm.id)")
        XCTAssertTrue(session.dashboard.activity.latest(20).contains { $0.text.contains("already made") })
    }

    /// A supervisor's console opens it as the supervisor; an operator's (who may not) as Pantau.
    func testAnAutomaticIncidentIsTheUsersWhenTheRoleMay() throws {
        let journal = InMemoryJournal()
        let supervisor = try session(ConsoleIdentity(user: "ani", role: .supervisor, console: "desk-2"), journal: journal)
        guard case .accepted = supervisor.openIncidentAutomatically(from: alarm) else { return XCTFail("refused") }
        XCTAssertTrue(try XCTUnwrap(journal.stored.last?.line).contains("\"by\":\"ani\""))
        let operatorJournal = InMemoryJournal()
        let op = try session(ConsoleIdentity(user: "siti", role: .operator, console: "desk-3"), journal: operatorJournal)
        guard case .accepted = op.openIncidentAutomatically(from: alarm) else { return XCTFail("refused") }
        XCTAssertTrue(try XCTUnwrap(operatorJournal.stored.last?.line).contains("\"by\":\"pantau\""))
        // Her own key is still refused: the rule's config, not her role, made that one.
        guard case .refused = op.submit(ActionRequest(verb: .incidentFromAlarm, target: alarm.id)) else { return XCTFail("allowed") }
    }
}
