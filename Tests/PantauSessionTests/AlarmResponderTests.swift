import Foundation
import PantauCore
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// A rule fires in a session and the responder does what its `then:` says: the terminal's
/// bell and flash (as commands, not for a viewer, not when quiet), the automatic incident, the
/// command with the alarm in its environment, and the log lines of what came of them.
final class AlarmResponderTests: XCTestCase {
    let t0 = SessionFixtures.t0

    private func temporaryFile() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-responder-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// A session whose one rule raises at 300 cm on any gauge, with `response`; a reading of 350
    /// and a tick a minute later raise it. Returns the session and the tick's raised alarms.
    private func raise(_ response: AlarmResponse, identity: ConsoleIdentity) throws -> (Session, [RaisedAlarm]) {
        let session = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")), identity: identity,
                              journal: InMemoryJournal())
        session.rules = RuleEvaluator(rules: [
            AlertRule(name: "gauge-high", severity: 4, condition: .threshold(kind: .waterLevel, raise: 300, clear: 250, stations: []),
                      response: response),
        ])
        var reading = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 350)
        reading.name = "Pintu Air Sepuluh"
        session.update(.events([FeedEvent(time: t0, source: "gauges", payload: .sensor(reading))]))
        let later = t0.adding(seconds: 60)
        let effects = session.update(.tick(now: later, wall: later))
        return (session, effects.raisedAlarms)
    }

    func testARaisedAlarmRingsRunsItsCommandAndOpensItsIncident() throws {
        let out = temporaryFile()
        let response = AlarmResponse(bell: true, flash: false, createIncident: true,
                                     command: ["/bin/sh", "-c", "printf '%s %s' \"$PANTAU_ALARM_ID\" \"$PANTAU_ALARM_VALUE\" > \"$0\"", out])
        let (session, raised) = try raise(response, identity: ConsoleIdentity(user: "siti", role: .operator, console: "desk-1"))
        XCTAssertEqual(raised.count, 1, "the rule raised its alarm")
        let alarm = try XCTUnwrap(raised.first?.alarm)
        let responder = AlarmResponder(quiet: false)

        let effects = responder.respond(to: raised, session: session)

        XCTAssertEqual(effects.commands, [.alert(bell: true, flash: false)])
        XCTAssertTrue(effects.frameOwed)
        let made = try XCTUnwrap(session.state.alarms[alarm.id]?.incidentID, "the automatic incident")
        XCTAssertNotNil(session.state.incidents[made])
        // The command ran off the loop; its outcome reaches the log when the loop takes reports.
        let deadline = Date().addingTimeInterval(60)
        var logged = false
        while Date() < deadline, !logged {
            logged = responder.takeReports(into: session)
            if !logged { usleep(20_000) }
        }
        XCTAssertTrue(logged, "the command's outcome was reported")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "\(alarm.id) 350")
        XCTAssertTrue(session.dashboard.activity.latest(10).contains { $0.text == "alarm command sh done" },
                      "\(session.dashboard.activity.latest(10).map(\.text))")
    }

    func testAViewerAndAQuietConsoleNeitherRingNorFlash() throws {
        let response = AlarmResponse(bell: true, flash: true)
        let (wallboard, raised) = try raise(response, identity: .wallboard)
        XCTAssertEqual(raised.count, 1)
        XCTAssertEqual(AlarmResponder(quiet: false).respond(to: raised, session: wallboard).commands, [])
        let (desk, again) = try raise(response, identity: ConsoleIdentity(user: "ani", role: .supervisor, console: "desk-2"))
        XCTAssertEqual(AlarmResponder(quiet: true).respond(to: again, session: desk).commands, [])
        XCTAssertEqual(AlarmResponder(quiet: false).respond(to: again, session: desk).commands, [.alert(bell: true, flash: true)])
    }

    /// An MQTT topic with no broker given: said in the log, nothing else breaks.
    func testATopicWithoutABrokerIsALogLine() throws {
        let (session, raised) = try raise(AlarmResponse(bell: false, flash: false, mqttTopic: "tangerang/alarms"),
                                          identity: ConsoleIdentity(user: "ani", role: .supervisor, console: "desk-2"))
        let responder = AlarmResponder(quiet: false)
        XCTAssertEqual(responder.respond(to: raised, session: session).commands, [])
        XCTAssertTrue(responder.takeReports(into: session))
        let line = try XCTUnwrap(session.dashboard.activity.latest(1).first)
        XCTAssertEqual(line.text, "alarm \(raised[0].alarm.id) not published to tangerang/alarms: no broker given (--alarm-broker mqtt://HOST:PORT)")
        XCTAssertEqual(line.tone, .warning)
    }
}
