import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauSession
import PantauUI
import PantauTestSupport
import XCTest

/// A following console started while its database server is down: it waits for the journal
/// (saying so, refusing actions with that reason), tries again, and once the server is back
/// restores from the latest checkpoint plus the entries after it.
final class PostgresAwaitJournalTests: XCTestCase {
    /// A console as `pantau run --follow` makes it when the journal cannot be opened yet.
    static func awaitingConsole(_ name: String, url: String, error: JournalError) throws -> Session {
        let session = Session(state: PostgresSessionTests.base, layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                              identity: ConsoleIdentity(user: name, role: .supervisor, console: "desk-\(name)"))
        session.followsJournal = true
        session.awaitJournal(error) { () throws(JournalError) -> any Journal in
            let journal = try PostgresJournal(url: url)
            journal.versionBase = PostgresSessionTests.base
            return journal
        }
        return session
    }

    func testAConsoleStartedWhileTheServerIsDownWaitsThenRestoresFromTheCheckpointAndFollows() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let ingest = try PostgresJournal(url: server.url)
        _ = try ingest.append((0..<5).map { PostgresSessionTests.newIncident("INC-AW-\($0)") }, recordedAt: Instant(date: Date()))
        let early = try PostgresSessionTests.console("ani", url: server.url)
        early.checkpoint()
        _ = try ingest.append([PostgresSessionTests.newIncident("INC-AW-5")], recordedAt: Instant(date: Date()))
        try server.pause()

        var startError: JournalError?
        do {
            _ = try PostgresJournal(url: server.url)
        } catch {
            startError = error
        }
        let error = try XCTUnwrap(startError, "the journal opened with its server down")
        XCTAssertTrue(PostgresJournal.mayComeBack(error), "\(error)")
        let budi = try Self.awaitingConsole("budi", url: server.url, error: error)
        XCTAssertTrue(budi.isAwaitingJournal)
        let note = try XCTUnwrap(budi.statusNote)
        XCTAssertTrue(note.hasPrefix("waiting for the journal (journal \(server.url) is unavailable (cannot reach the server"), note)
        XCTAssertFalse(budi.openAwaitedJournal(now: true), "the server is still down")
        let wait = try XCTUnwrap(budi.secondsToJournalAttempt)
        XCTAssertGreaterThan(wait, 0, "a failed try waits before the next")
        XCTAssertLessThanOrEqual(wait, 4)
        XCTAssertFalse(budi.openAwaitedJournal(), "not due yet: no try")
        let refused = budi.submit(ActionRequest(verb: .acknowledge, target: "INC-AW-0"))
        guard case .refused(let reason) = refused else { return XCTFail("an action while waiting was \(refused)") }
        XCTAssertTrue(reason.hasPrefix("waiting for the journal ("), reason)
        XCTAssertEqual(budi.journalSequence, 0)

        try server.resume()
        let deadline = Date().addingTimeInterval(60)
        while !budi.openAwaitedJournal(), Date() < deadline { usleep(50_000) }
        XCTAssertFalse(budi.isAwaitingJournal)
        XCTAssertNil(budi.journalProblem)
        XCTAssertNil(budi.statusNote)
        XCTAssertEqual(budi.checkpointedThrough, 5, "restored from the checkpoint at entry 5")
        XCTAssertEqual(budi.journalSequence, 6, "plus the entry after it")
        XCTAssertEqual(budi.state.incidents.count, 6)

        // And it follows: another's append is read, its own action is journaled and read back.
        _ = try PostgresSessionTests.appendRetrying([PostgresSessionTests.newIncident("INC-AW-6")], to: ingest)
        budi.catchUp()
        XCTAssertEqual(budi.journalSequence, 7)
        guard case .accepted = budi.submit(ActionRequest(verb: .acknowledge, target: "INC-AW-0")) else {
            return XCTFail("the acknowledgement once the journal opened was not accepted")
        }
        XCTAssertEqual(budi.journalSequence, 8)
        XCTAssertEqual(budi.stateFingerprint(), try StateFingerprint(try PostgresSessionTests.fold(ingest).state))
    }

    func testAJournalThatIsNotThereOrAMissingDatabaseIsNotWaitedFor() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let missing = PostgresTestDatabase.url(database.url, database: "pantau_no_such_database")
        XCTAssertThrowsError(try PostgresJournal(url: missing)) {
            let error = $0 as? JournalError
            XCTAssertEqual(error.map(PostgresJournal.mayComeBack), false, "\($0)")
        }
        // A database without the journal, opened read-only as `pantau journal info` does.
        XCTAssertThrowsError(try PostgresJournal(url: database.url, readOnly: true)) {
            let error = $0 as? JournalError
            XCTAssertEqual(error.map(PostgresJournal.mayComeBack), false, "\($0)")
        }
        let login = JournalError(.unavailable, "PostgreSQL refused the login to journal \(database.url): password authentication failed")
        XCTAssertFalse(PostgresJournal.mayComeBack(login))
    }
}
