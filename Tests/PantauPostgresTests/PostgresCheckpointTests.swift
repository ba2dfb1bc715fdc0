import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauSession
import XCTest

/// Checkpoints on a PostgreSQL journal: every following console writes them (each
/// `checkpointInterval` entries and at exit), so several write one at the same entry, which is
/// not a conflict; a console started late begins at the latest and reads only what follows it.
final class PostgresCheckpointTests: XCTestCase {
    private var database: PostgresTestDatabase?

    override func setUpWithError() throws {
        database = try PostgresTestDatabase()
    }

    override func tearDown() {
        database?.drop()
    }

    private var url: String { database!.url }

    /// Incidents, one a minute from now on, as `pantau ingest` would append them.
    private func ingest(_ count: Int, from first: Int, into journal: PostgresJournal) throws {
        let events = (first..<first + count).map { PostgresSessionTests.newIncident("INC-CP-\($0)") }
        _ = try journal.append(events, recordedAt: Instant(date: Date()))
    }

    func testConsolesCheckpointingTheSameEntryDoNotConflict() throws {
        let ingest = try PostgresJournal(url: url)
        try self.ingest(40, from: 0, into: ingest)
        let consoles = try ["ani", "budi", "sari"].map { try PostgresSessionTests.console($0, url: url) }
        XCTAssertEqual(consoles.map(\.journalSequence), [40, 40, 40])
        // At once, from three threads: each saves its checkpoint at entry 40.
        let group = DispatchGroup()
        for console in consoles {
            let box = SessionBox(console)
            group.enter()
            Thread {
                box.session.checkpoint()
                group.leave()
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 120), .success)
        for console in consoles {
            XCTAssertNil(console.journalProblem, "a second checkpoint at the same entry is no failure")
            XCTAssertEqual(console.checkpointedThrough, 40)
        }
        let summaries = try ingest.checkpointSummaries()
        XCTAssertEqual(summaries.map(\.sequence), [40], "one checkpoint at entry 40")
        XCTAssertEqual(summaries.first?.matchesFingerprint, true)
        XCTAssertEqual(summaries.first?.fingerprint, consoles[0].stateFingerprint()?.hex, "the state every console holds")
    }

    func testALateConsoleStartsFromTheLatestCheckpointAndReadsOnlyWhatFollows() throws {
        let ingest = try PostgresJournal(url: url)
        try self.ingest(30, from: 0, into: ingest)
        let early = try PostgresSessionTests.console("ani", url: url)
        early.checkpoint()
        XCTAssertEqual(try ingest.checkpointSummaries().map(\.sequence), [30])
        try self.ingest(5, from: 30, into: ingest)

        // Entries before the checkpoint's own could not be read now: a console reading them would fail.
        try PostgresTestDatabase.admin(url) { try $0.execute("UPDATE pantau.entries SET line = 'not a feed line' WHERE sequence < 30") }
        let late = try PostgresSessionTests.console("budi", url: url)
        XCTAssertNil(late.journalProblem, "entries before the checkpoint were not read")
        XCTAssertEqual(late.journalSequence, 35)
        XCTAssertEqual(late.checkpointedThrough, 30)
        XCTAssertEqual(late.state.incidents.count, 35)
        early.catchUp()
        XCTAssertEqual(late.stateFingerprint(), early.stateFingerprint(), "the same state as the console that read every entry")
    }
}

/// A session handed to another thread in a test (used there alone).
private final class SessionBox: @unchecked Sendable {
    let session: Session
    init(_ session: Session) { self.session = session }
}
