import Foundation
import PantauCore
import PantauJournal
import XCTest
@testable import pantau_bench

/// `pantau-bench consoles` small: three consoles on one PostgreSQL journal under a feed, all
/// three acting on the same hot incident at once in every contention slot. Needs the test
/// server (`PANTAU_TEST_POSTGRES_URL`); skips without it unless `PANTAU_REQUIRE_POSTGRES` is set.
final class ConsoleSimulationTests: XCTestCase {
    func testThreeContendingConsolesConvergeToTheJournalsFoldAndEveryConflictReachesItsLoser() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["PANTAU_TEST_POSTGRES_URL"], !server.isEmpty else {
            let hint = "PANTAU_TEST_POSTGRES_URL is not set (start a server: scripts/pg-test-server start)"
            if environment["PANTAU_REQUIRE_POSTGRES"] != nil { return XCTFail(hint) }
            throw XCTSkip(hint)
        }
        var config = ConsoleSimulation.Config()
        config.consoles = 3
        config.contenders = 3
        config.contendEvery = 0.2
        config.hotIncidents = 2
        config.think = 0.4
        config.rate = 200
        config.seconds = 15
        config.seed = UInt64(environment["PANTAU_SIM_SEED"] ?? "") ?? UInt64(Date().timeIntervalSince1970)
        print("ConsoleSimulationTests seed \(config.seed) (PANTAU_SIM_SEED repeats it)")
        let result = try ConsoleSimulation.run(serverURL: server, config: config) { print($0) }

        XCTAssertEqual(result.problems, [], "seed \(config.seed)")
        XCTAssertGreaterThanOrEqual(result.submissions.count, 150, "a few hundred actions")
        XCTAssertEqual(result.refused, 0)
        XCTAssertGreaterThan(result.accepted, 0)
        XCTAssertGreaterThan(result.conflicted + result.foldConflicts, 0, "three consoles acting at once on one incident conflict")
        XCTAssertNotNil(result.convergence, "every console read the journal to its end")
        XCTAssertEqual(result.toAll.count, result.accepted + result.foldRejected, "every journaled action drawn by the others")
        XCTAssertGreaterThan(result.feedEvents, 0)
    }

    func testAContentionSlotSendsItsConsolesToOneHotIncident() {
        let schedule = ContentionSchedule(start: 100, interval: 0.5, hot: ["H-0", "H-1", "H-2"], consoles: 10, contenders: 4, seed: 9)
        for k in 1...50 { XCTAssertEqual(schedule.contenders(ofSlot: k).count, 4) }
        XCTAssertNotEqual((1...20).map(schedule.contenders(ofSlot:)).filter { $0 == schedule.contenders(ofSlot: 1) }.count, 20,
                          "the contenders change from slot to slot")
        for console in 0..<10 {
            let slot = try? XCTUnwrap(schedule.nextSlot(for: console, after: 100.2))
            guard let slot else { return XCTFail("console \(console) never contends") }
            let k = Int(((slot.at - 100) / 0.5).rounded())
            XCTAssertGreaterThanOrEqual(slot.at, 100.2)
            XCTAssertTrue(schedule.contenders(ofSlot: k).contains(console))
            XCTAssertEqual(slot.incident, "H-\(k % 3)")
        }
    }

    /// The checks find what they look for: an action journaled twice, a refused one journaled,
    /// one journaled that nobody submitted, a conflict that names its own loser.
    func testTheChecksFindLostDoubledAndMisreportedActions() throws {
        let journal = InMemoryJournal()
        let t = Instant(millis: 1_800_000_000_000)
        func action(_ id: String, by user: String) -> FeedEvent {
            var fields = ActionFields()
            fields.note = "n"
            return FeedEvent(time: t, payload: .action(ActionEvent(actionID: id, verb: .note, target: "INC-1", by: user, role: .supervisor,
                                                                  console: user, seenVersion: nil, fields: fields)))
        }
        var incident = IncidentUpdate(id: "INC-1")
        incident.title = "x"
        _ = try journal.append([FeedEvent(time: t, payload: .incident(incident)), action("a1", by: "op00"), action("a1", by: "op00"),
                                action("a2", by: "op01"), action("ghost", by: "op02")], recordedAt: t)
        var fold = JournalFold.start(from: nil, base: CityState())
        try JournalFold.fold(&fold, from: journal, through: Instant(millis: .max))
        let submissions = [
            Submission(console: 0, actionID: "a1", verb: .note, target: "INC-1", contended: false, outcome: .accepted),
            Submission(console: 1, actionID: "a2", verb: .note, target: "INC-1", contended: false,
                       outcome: .conflicted(reason: "INC-1 changed since you looked: op01 noted at 10:00")),
            Submission(console: 2, actionID: "a3", verb: .dispatch, target: "INC-1", contended: true,
                       outcome: .conflicted(reason: "INC-1 changed since you looked: op00 noted at 10:00")),
        ]
        let problems = try ConsoleSimulation.check(submissions, journal: journal, fold: fold.state)
        XCTAssertEqual(problems.count, 4, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.contains { $0.hasPrefix("a1 accepted but journaled 2 times") }, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.contains { $0.hasPrefix("a2 refused but journaled 1 times") })
        XCTAssertTrue(problems.contains { $0.hasPrefix("a2 by op01 lost to op01") })
        XCTAssertTrue(problems.contains { $0.hasPrefix("ghost is in the journal") })
    }
}
