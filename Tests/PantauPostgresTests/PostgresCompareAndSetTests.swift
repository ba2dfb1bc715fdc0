import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import XCTest

/// The compare-and-set in the append transaction: of two supervisors on two consoles (two
/// connections) acting on the same incident from the same version, one is appended and the
/// other is refused, told who won.
final class PostgresCompareAndSetTests: XCTestCase {
    private var database: PostgresTestDatabase?

    override func setUpWithError() throws {
        database = try PostgresTestDatabase()
    }

    override func tearDown() {
        database?.drop()
    }

    private let start = JournalConformance.start

    /// The simulated feed journaled, and the incidents open at its end.
    private func journalFeed(into journal: PostgresJournal) throws -> [String] {
        let events = Array(JournalConformance.events.prefix(400))
        _ = try journal.append(events, recordedAt: start)
        var state = CityState()
        events.forEach { state.apply($0) }
        return state.incidents.values.filter { $0.status.isOpen && $0.version == 0 }.map(\.id).sorted()
    }

    private func resolve(_ incident: String, by who: String, seen: Int) -> FeedEvent {
        var fields = ActionFields()
        fields.disposition = "handled by \(who)"
        return FeedEvent(time: start.adding(seconds: 3600), payload: .action(ActionEvent(
            actionID: "\(who)-\(incident)", verb: .resolve, target: incident, by: who, role: .supervisor,
            seenVersion: seen, fields: fields)))
    }

    func testTheSecondOfTwoActionsFromTheSameVersionIsRefusedNamingTheFirst() throws {
        let budiConsole = try PostgresJournal(url: database!.url)
        let sitiConsole = try PostgresJournal(url: database!.url)
        let incident = try XCTUnwrap(journalFeed(into: budiConsole).first, "the feed leaves an incident open")
        // Siti's journal has folded the feed before Budi acts: it learns of his action inside its lock.
        XCTAssertEqual(try sitiConsole.appendChecked([], at: [], recordedAt: start).entries, [])
        _ = try sitiConsole.appendChecked([JournalConformance.events[400]], at: [start], recordedAt: start)

        let budi = try budiConsole.appendChecked([resolve(incident, by: "budi", seen: 0)], at: [start], recordedAt: start)
        XCTAssertEqual(budi.entries.count, 1)
        XCTAssertEqual(budi.conflicts, [])
        let siti = try sitiConsole.appendChecked([resolve(incident, by: "siti", seen: 0)], at: [start], recordedAt: start)
        XCTAssertEqual(siti.entries, [], "nothing appended")
        let conflict = try XCTUnwrap(siti.conflicts.first)
        XCTAssertEqual(conflict.index, 0)
        XCTAssertEqual(conflict.actionID, "siti-\(incident)")
        XCTAssertEqual(conflict.seenVersion, 0)
        XCTAssertEqual(conflict.version, 1)
        XCTAssertEqual(conflict.winner?.by, "budi")
        XCTAssertEqual(conflict.winner?.actionID, "budi-\(incident)")
        XCTAssertTrue(conflict.description.hasPrefix("\(incident) changed since you looked: budi resolved"), conflict.description)
        // With the version she now sees, Siti's next action on it is checked against 1 and goes in.
        let reopen = FeedEvent(time: start.adding(seconds: 3700), payload: .action(ActionEvent(
            actionID: "siti-reopen", verb: .reopen, target: incident, by: "siti", role: .supervisor, seenVersion: 1)))
        XCTAssertEqual(try sitiConsole.appendChecked([reopen], at: [start], recordedAt: start).conflicts, [])
    }

    /// Two threads, one per console, race to resolve each of the open incidents from version 0:
    /// each incident gets exactly one accepted action, and the fold of the journal agrees.
    func testRacingConsolesGetExactlyOneWinnerPerIncident() throws {
        let url = database!.url
        let incidents = try journalFeed(into: PostgresJournal(url: url))
        XCTAssertGreaterThan(incidents.count, 3)
        let results = RaceResults()
        let group = DispatchGroup()
        for who in ["budi", "siti"] {
            group.enter()
            let events = incidents.map { resolve($0, by: who, seen: 0) }
            let start = self.start
            Thread {
                defer { group.leave() }
                do {
                    let console = try PostgresJournal(url: url)
                    for event in events {
                        let outcome = try console.appendChecked([event], at: [start], recordedAt: start)
                        results.record(who: who, appended: outcome.entries.count, conflicts: outcome.conflicts)
                    }
                } catch {
                    results.fail("\(who): \(error)")
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 300), .success)
        XCTAssertEqual(results.failures, [])
        XCTAssertEqual(results.appended, incidents.count, "one accepted action per incident")
        XCTAssertEqual(results.conflicts.count, incidents.count, "one refused action per incident")
        for conflict in results.conflicts {
            XCTAssertNotEqual(conflict.winner?.by, String(conflict.actionID.prefix { $0 != "-" }), "the winner is the other console")
        }
        var folded = JournalFold.start(from: nil, base: CityState())
        try JournalFold.fold(&folded, from: PostgresJournal(url: url, readOnly: true), through: nil)
        for id in incidents {
            XCTAssertEqual(folded.state.incidents[id]?.status, .resolved, id)
            XCTAssertEqual(folded.state.incidents[id]?.version, 1, "\(id): no action was refused by the reducer after the journal let it in")
        }
    }
}

private final class RaceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storedAppended = 0
    private var storedConflicts: [JournalConflict] = []
    private var storedFailures: [String] = []

    func record(who: String, appended: Int, conflicts: [JournalConflict]) {
        lock.withLock {
            storedAppended += appended
            storedConflicts += conflicts
        }
    }

    func fail(_ message: String) { lock.withLock { storedFailures.append(message) } }
    var appended: Int { lock.withLock { storedAppended } }
    var conflicts: [JournalConflict] { lock.withLock { storedConflicts } }
    var failures: [String] { lock.withLock { storedFailures } }
}
