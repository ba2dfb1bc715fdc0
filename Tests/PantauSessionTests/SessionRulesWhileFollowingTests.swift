import Foundation
import PantauConfig
import PantauCore
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// The one process of a room that evaluates the alert rules over a shared journal (`pantau
/// ingest --evaluate-rules`): it appends the alarms they raise and clear, once, and every console
/// following the journal (which evaluates none) reads them.
final class SessionRulesWhileFollowingTests: XCTestCase {
    static let rulesYAML = """
    rules:
      - name: river-high
        when: above
        sensor: water_level
        value: 150
        clear_below: 120
        severity: 4
    """

    func follower(_ name: String, on journal: any Journal, evaluating: Bool) throws -> Session {
        let session = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                              identity: ConsoleIdentity(user: name, role: .supervisor, console: name), journal: journal)
        session.followsJournal = true
        XCTAssertNotNil(session.restoreFromJournal())
        if evaluating {
            session.evaluatesRulesWhileFollowing = true
            session.rules = RuleEvaluator(rules: try RulesFile.parse(Self.rulesYAML, file: "rules.yaml").rules)
        }
        return session
    }

    func reading(_ cm: Double, secondsAgo: Double) -> FeedEvent {
        FeedEvent(time: Instant(date: Date().addingTimeInterval(-secondsAgo)),
                  payload: .sensor(SensorReading(station: "pintu-air-10", sensor: .waterLevel, value: cm)))
    }

    func alarmLines(_ journal: InMemoryJournal) -> [String] {
        journal.stored.map(\.line).filter { $0.contains("\"kind\":\"alarm\"") }
    }

    func testTheEvaluatorAppendsEachAlarmOnceAndEveryConsoleReadsIt() throws {
        let journal = InMemoryJournal()
        let evaluator = try follower("rules", on: journal, evaluating: true)
        let console = try follower("ani", on: journal, evaluating: false)
        _ = try journal.append([reading(100, secondsAgo: 120), reading(180, secondsAgo: 60)], recordedAt: Instant(date: Date()))

        evaluator.catchUp()
        let wall = Instant(date: Date())
        evaluator.update(.tick(now: wall, wall: wall))
        XCTAssertEqual(alarmLines(journal).count, 1, "the raise appended once")
        XCTAssertTrue(alarmLines(journal)[0].contains("\"state\":\"raised\""))
        XCTAssertEqual(evaluator.journalSequence, 3, "read back, as every console reads it")

        // Evaluating again (a tick a second) appends nothing more.
        evaluator.update(.tick(now: wall.adding(seconds: 1), wall: wall.adding(seconds: 1)))
        XCTAssertEqual(alarmLines(journal).count, 1)

        // A console, which evaluates no rules, shows the alarm from the journal.
        console.update(.tick(now: wall, wall: wall))
        XCTAssertTrue(console.state.alarms.isEmpty)
        console.catchUp()
        XCTAssertEqual(console.state.alarms.count, 1)
        XCTAssertEqual(console.stateFingerprint(), evaluator.stateFingerprint())

        // The river falls below the clear level: one clear.
        _ = try journal.append([reading(110, secondsAgo: 0)], recordedAt: Instant(date: Date()))
        evaluator.catchUp()
        let later = Instant(date: Date())
        evaluator.update(.tick(now: later, wall: later))
        XCTAssertEqual(alarmLines(journal).count, 2)
        XCTAssertTrue(alarmLines(journal)[1].contains("\"state\":\"cleared\""))
        console.catchUp()
        XCTAssertEqual(console.state.alarms.values.first?.isActive, false)
    }

    func testAFollowingConsoleWithoutTheRoleEvaluatesNothing() throws {
        let journal = InMemoryJournal()
        let console = try follower("ani", on: journal, evaluating: false)
        console.rules = RuleEvaluator(rules: try RulesFile.parse(Self.rulesYAML, file: "rules.yaml").rules)
        _ = try journal.append([reading(180, secondsAgo: 60)], recordedAt: Instant(date: Date()))
        console.catchUp()
        let wall = Instant(date: Date())
        console.update(.tick(now: wall, wall: wall))
        XCTAssertTrue(alarmLines(journal).isEmpty, "a console following the journal journals no alarm")
    }
}
