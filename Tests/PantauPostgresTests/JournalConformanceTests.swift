import Foundation
import GRDB
import PantauJournal
@testable import PantauPostgres
import XCTest

/// The shared journal behaviour (``JournalConformance``) on the embedded SQLite backend.
final class SQLiteJournalConformanceTests: XCTestCase {
    private var file = ""

    override func setUp() {
        file = (NSTemporaryDirectory() as NSString).appendingPathComponent("pantau-conformance-\(UUID().uuidString).sqlite")
    }

    override func tearDown() {
        for suffix in ["", "-wal", "-shm", "-notify"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }

    private var conformance: JournalConformance {
        JournalConformance(open: { [file] in try SQLiteJournal(path: file) }, tamper: { [file] sequence, line in
            try DatabaseQueue(path: file).write { try $0.execute(sql: "UPDATE entries SET line = ? WHERE sequence = ?", arguments: [line, sequence]) }
        })
    }

    func testAppendReadAndReopen() throws { try conformance.appendReadAndReopen() }
    func testTimesAndTimeline() throws { try conformance.timesAndTimeline() }
    func testCheckpoints() throws { try conformance.checkpoints() }
    func testVerifyAndTamper() throws { try conformance.verifyAndTamper() }
}

/// The shared journal behaviour (``JournalConformance``) on PostgreSQL, a fresh database each test.
final class PostgresJournalConformanceTests: XCTestCase {
    private var database: PostgresTestDatabase?

    override func setUpWithError() throws {
        database = try PostgresTestDatabase()
    }

    override func tearDown() {
        database?.drop()
    }

    private var conformance: JournalConformance {
        let url = database!.url
        return JournalConformance(open: { try PostgresJournal(url: url) }, tamper: { sequence, line in
            try PostgresTestDatabase.admin(url) {
                try $0.execute("UPDATE pantau.entries SET line = $1 WHERE sequence = $2", [.text(line), .integer(sequence)])
            }
        })
    }

    func testAppendReadAndReopen() throws { try conformance.appendReadAndReopen() }
    func testTimesAndTimeline() throws { try conformance.timesAndTimeline() }
    func testCheckpoints() throws { try conformance.checkpoints() }
    func testVerifyAndTamper() throws { try conformance.verifyAndTamper() }
}
