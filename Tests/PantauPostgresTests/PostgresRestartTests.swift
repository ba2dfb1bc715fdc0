import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauTestSupport
import XCTest

/// The server restarted under a writer (`pg_ctl restart -m fast`): the append that meets the cut
/// connection fails as unavailable, the next one reconnects and works, and the journal holds
/// every acknowledged batch once, in one intact chain.
final class PostgresRestartTests: XCTestCase {
    func testARestartMidRunLosesAndDuplicatesNothing() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let events = JournalConformance.events
        let start = JournalConformance.start
        let journal = try PostgresJournal(url: server.url)
        let follower = try PostgresJournal(url: server.url, readOnly: true)
        var acknowledged: [JournalEntry] = []
        for b in 0..<10 {
            acknowledged += try journal.append(Array(events[b * 5..<b * 5 + 5]), recordedAt: start.adding(seconds: Double(b)))
        }
        XCTAssertEqual(try follower.lastSequence(), 50)
        XCTAssertNil(try follower.nextNotification(timeout: 0), "listening before the restart")

        try server.restart()

        XCTAssertThrowsError(try journal.append(Array(events[50..<55]), recordedAt: start.adding(seconds: 10))) {
            let error = $0 as? JournalError
            XCTAssertEqual(error?.kind, .unavailable)
            XCTAssertTrue(error?.description.hasPrefix("journal \(server.url) is unavailable (server gone: ") ?? false, "\($0)")
        }
        for b in 11..<20 {
            acknowledged += try journal.append(Array(events[b * 5..<b * 5 + 5]), recordedAt: start.adding(seconds: Double(b)))
        }
        // The follower lost its connection too: its next read fails or reconnects; either way it
        // reads the same entries by sequence afterwards.
        _ = try? follower.lastSequence()
        let stored = try follower.entries(after: 0, limit: 1_000)
        XCTAssertEqual(stored, acknowledged, "every acknowledged batch once; the failed one not at all")
        XCTAssertEqual(stored.map(\.sequence), Array(1...95))
        XCTAssertNil(try JournalVerifier.verify(follower).problem)

        // The follower's new session listens again: the next append is announced to it.
        XCTAssertNil(try follower.nextNotification(timeout: 0))
        acknowledged += try journal.append(Array(events[100..<105]), recordedAt: start.adding(seconds: 20))
        var announced: Int64?
        let deadline = Date().addingTimeInterval(60)
        while announced != 100, Date() < deadline { announced = try follower.nextNotification(timeout: 5) ?? announced }
        XCTAssertEqual(announced, 100)
    }

    /// An append whose COMMIT went unanswered is looked up by the next one: a retried batch that
    /// had committed is not written again (only what follows it), one that had not is written.
    func testARetriedBatchWhoseCommitWentUnansweredIsNotWrittenTwice() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let events = JournalConformance.events
        let start = JournalConformance.start
        let journal = try PostgresJournal(url: database.url)
        let first = try journal.append(Array(events[0..<5]), recordedAt: start)
        // As if the server had died after committing these and before saying so.
        journal.unconfirmed = first
        let retried = try journal.append(Array(events[0..<8]), recordedAt: start.adding(seconds: 1))
        XCTAssertEqual(Array(retried.prefix(5)), first, "the committed batch is given back")
        XCTAssertEqual(retried.map(\.sequence), Array(1...8), "and only the events after it appended")
        XCTAssertNil(journal.unconfirmed)

        // As if the server had died before committing: nothing of it is stored, all is written.
        let lost = try journal.append(Array(events[8..<10]), recordedAt: start.adding(seconds: 2))
        try PostgresTestDatabase.admin(database.url) { try $0.execute("DELETE FROM pantau.entries WHERE sequence > 8") }
        journal.unconfirmed = lost
        let again = try journal.append(Array(events[8..<10]), recordedAt: start.adding(seconds: 3))
        XCTAssertEqual(again.map(\.sequence), [9, 10])
        XCTAssertEqual(try journal.lastSequence(), 10)
        XCTAssertNil(try JournalVerifier.verify(journal).problem)
    }

    func testAStoppedServerIsUnavailable() throws {
        let server = try PostgresTestServer()
        let journal = try PostgresJournal(url: server.url)
        _ = try journal.append(Array(JournalConformance.events.prefix(2)), recordedAt: JournalConformance.start)
        server.stop()
        for _ in 0..<2 {
            XCTAssertThrowsError(try journal.lastSequence()) { XCTAssertEqual(($0 as? JournalError)?.kind, .unavailable) }
        }
    }
}
