import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauTestSupport
import XCTest

/// An action whose COMMIT got no answer (the server went away just then): the journal looks its
/// `action_id` up among the entries after the tail it continued and reports the true outcome.
final class PostgresUnansweredCommitTests: XCTestCase {
    static let gone = JournalError(.unavailable, "journal test is unavailable (server gone: server closed the connection unexpectedly): cannot append to it")

    static func acknowledge(_ incident: String, id: String) -> FeedEvent {
        FeedEvent(time: Instant(date: Date()), payload: .action(ActionEvent(actionID: id, verb: .acknowledge, target: incident,
                                                                            by: "ani", role: .supervisor, console: "desk-ani", seenVersion: 1)))
    }

    func testACommittedActionIsFoundAfterOthersAppendedAndOneNeverCommittedIsRefused() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let journal = try PostgresJournal(url: database.url)
        journal.versionBase = PostgresSessionTests.base
        let ingest = try PostgresJournal(url: database.url)
        _ = try ingest.append([PostgresSessionTests.newIncident("INC-UC-1")], recordedAt: Instant(date: Date()))

        // Committed (as if its answer was lost), then another process appended after it.
        let event = Self.acknowledge("INC-UC-1", id: "ani-unanswered-1")
        let committed = try journal.appendChecked([event], at: [event.time], recordedAt: Instant(date: Date())).entries
        XCTAssertEqual(committed.map(\.sequence), [2])
        _ = try ingest.append([PostgresSessionTests.newIncident("INC-UC-2")], recordedAt: Instant(date: Date()))
        XCTAssertEqual(try journal.committedEntries(committed, unanswered: Self.gone), committed, "found: it was journaled")

        // Written in a transaction that never committed: the same entry as it would have been.
        let lost = Self.acknowledge("INC-UC-2", id: "ani-unanswered-2")
        let tail = try XCTUnwrap(try journal.entries(after: 2, limit: 1).first)
        let unwritten = JournalChain.entries(appending: [FeedEventEncoder.line(for: lost)], at: [lost.time], recordedAt: Instant(date: Date()),
                                             after: (tail.sequence, tail.at, tail.hash))
        XCTAssertThrowsError(try journal.committedEntries(unwritten, unanswered: Self.gone)) {
            XCTAssertEqual(($0 as? JournalError)?.description, Self.gone.description, "not journaled: refused, truly")
        }
        // A later action with the same incident in its line but another id is no match either.
        let other = Self.acknowledge("INC-UC-2", id: "ani-unanswered-3")
        _ = try journal.appendChecked([other], at: [other.time], recordedAt: Instant(date: Date()))
        XCTAssertThrowsError(try journal.committedEntries(unwritten, unanswered: Self.gone))
    }

    func testAnUnansweredActionWhileTheServerStaysAwayIsReportedAsUnknown() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let journal = try PostgresJournal(url: server.url)
        journal.versionBase = PostgresSessionTests.base
        _ = try journal.append([PostgresSessionTests.newIncident("INC-UC-3")], recordedAt: Instant(date: Date()))
        let event = Self.acknowledge("INC-UC-3", id: "ani-unanswered-4")
        let committed = try journal.appendChecked([event], at: [event.time], recordedAt: Instant(date: Date())).entries
        try server.pause()
        XCTAssertThrowsError(try journal.committedEntries(committed, unanswered: Self.gone)) {
            let error = $0 as? JournalError
            XCTAssertEqual(error?.kind, .unavailable)
            XCTAssertTrue(error?.description.contains("whether it was journaled is unknown until the journal is back") ?? false, "\($0)")
        }
        try server.resume()
        let deadline = Date().addingTimeInterval(60)
        var found: [JournalEntry]?
        while found == nil, Date() < deadline {
            found = try? journal.committedEntries(committed, unanswered: Self.gone)
            if found == nil { usleep(100_000) }
        }
        XCTAssertEqual(found, committed, "once back, the lookup finds it")
    }
}
