import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
@testable import PantauPostgres
import XCTest

/// What only the shared journal does: its schema, its errors, several writers at once, NOTIFY.
final class PostgresJournalTests: XCTestCase {
    private var database: PostgresTestDatabase?

    override func setUpWithError() throws {
        database = try PostgresTestDatabase()
    }

    override func tearDown() {
        database?.drop()
    }

    private var url: String { database!.url }
    private let events = JournalConformance.events
    private let start = JournalConformance.start

    func testTheSchemaIsVersionedAndCreatedOnce() throws {
        XCTAssertEqual(try PostgresSchema.initialize(url: url), 2)
        XCTAssertEqual(try PostgresSchema.initialize(url: url), 2, "a second init changes nothing")
        let journal = try PostgresJournal(url: url)
        XCTAssertEqual(try journal.connection.execute("SELECT version FROM pantau.schema_version ORDER BY version").rows, [["1"], ["2"]])
        XCTAssertEqual(try journal.lastSequence(), 0)
    }

    func testAJournalMigratedByANewerPantauIsRefused() throws {
        _ = try PostgresJournal(url: url)
        try PostgresTestDatabase.admin(url) { try $0.execute("INSERT INTO pantau.schema_version (version) VALUES (99)") }
        for readOnly in [false, true] {
            XCTAssertThrowsError(try PostgresJournal(url: url, readOnly: readOnly)) {
                XCTAssertEqual(($0 as? JournalError)?.description,
                               "journal \(url) has schema version 99, newer than this Pantau's (2): upgrade Pantau")
            }
        }
    }

    func testADatabaseWithoutAJournalIsNotReadAsOne() throws {
        XCTAssertThrowsError(try PostgresJournal(url: url, readOnly: true)) {
            XCTAssertEqual(($0 as? JournalError)?.kind, .corrupt)
            XCTAssertEqual(($0 as? JournalError)?.description, "\(url) holds no Pantau journal (run pantau journal init --journal URL)")
        }
        try PostgresTestDatabase.admin(url) {
            XCTAssertNil(try $0.execute("SELECT to_regnamespace('pantau')").scalar, "reading creates nothing")
        }
    }

    func testAReadOnlyJournalRefusesAppends() throws {
        _ = try PostgresJournal(url: url).append(Array(events.prefix(3)), recordedAt: start)
        let journal = try PostgresJournal(url: url, readOnly: true)
        XCTAssertEqual(try journal.lastSequence(), 3)
        XCTAssertThrowsError(try journal.append(Array(events.prefix(1)), recordedAt: start)) {
            XCTAssertEqual(($0 as? JournalError)?.kind, .readOnly)
            XCTAssertEqual(($0 as? JournalError)?.description, "journal \(url) is read-only: cannot append to it")
        }
        XCTAssertEqual(try journal.lastSequence(), 3)
    }

    func testAnUnreachableServerIsUnavailableAndItsPasswordIsNotShown() throws {
        let unreachable = "postgres://pantau:secret@127.0.0.1:1/city?connect_timeout=5"
        XCTAssertThrowsError(try PostgresJournal(url: unreachable)) {
            let error = $0 as? JournalError
            XCTAssertEqual(error?.kind, .unavailable)
            XCTAssertTrue(error?.description.hasPrefix("journal postgres://pantau@127.0.0.1:1/city?connect_timeout=5 is unavailable (cannot reach the server: ") ?? false,
                          error?.description ?? "")
            XCTAssertFalse(error?.description.contains("secret") ?? true)
        }
    }

    func testAWrongDatabaseNameIsSaid() throws {
        let missing = PostgresTestDatabase.url(url, database: "no_such_city")
        XCTAssertThrowsError(try PostgresJournal(url: missing)) {
            XCTAssertEqual(($0 as? JournalError)?.kind, .unavailable)
            XCTAssertTrue(($0 as? JournalError)?.description.contains("database \"no_such_city\" does not exist") ?? false, "\($0)")
        }
    }

    /// Four writers on four connections (threads) append batches at once: one gapless chain, every
    /// batch contiguous, each writer's entries as it was told, and two readers read the same.
    func testConcurrentWritersMakeOneGaplessOrder() throws {
        let writers = 4, batches = 25, batchSize = 10
        _ = try PostgresJournal(url: url)
        let results = WriterResults()
        let group = DispatchGroup()
        let url = self.url, events = self.events, start = self.start
        for w in 0..<writers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let journal = try PostgresJournal(url: url)
                    for b in 0..<batches {
                        let first = (w * batches + b) * batchSize % (events.count - batchSize)
                        let written = try journal.append(Array(events[first..<first + batchSize]), recordedAt: start.adding(seconds: Double(b)))
                        results.add(written)
                    }
                } catch {
                    results.fail("writer \(w): \(error)")
                }
            }
            thread.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 300), .success, "writers finished")
        XCTAssertEqual(results.failures, [])
        let batchesWritten = results.batches
        XCTAssertEqual(batchesWritten.count, writers * batches)
        for batch in batchesWritten {
            XCTAssertEqual(batch.map(\.sequence), Array(batch[0].sequence..<batch[0].sequence + Int64(batchSize)), "a batch is contiguous")
        }
        let total = Int64(writers * batches * batchSize)
        XCTAssertEqual(batchesWritten.flatMap { $0.map(\.sequence) }.sorted(), Array(1...total), "gapless, no sequence twice")

        let readerA = try PostgresJournal(url: url, readOnly: true), readerB = try PostgresJournal(url: url, readOnly: true)
        let read = try readerA.entries(after: 0, limit: Int(total) + 10)
        XCTAssertEqual(read, try readerB.entries(after: 0, limit: Int(total) + 10))
        XCTAssertEqual(read, batchesWritten.flatMap { $0 }.sorted { $0.sequence < $1.sequence }, "what each writer was told is what is stored")
        XCTAssertNil(try JournalVerifier.verify(readerA).problem, "one hash chain across the writers")
    }

    func testAnAppendNotifiesListeners() throws {
        let writer = try PostgresJournal(url: url)
        let follower = try PostgresJournal(url: url, readOnly: true)
        XCTAssertNil(try follower.nextNotification(timeout: 0), "listening; nothing appended yet")
        _ = try writer.append(Array(events.prefix(3)), recordedAt: start)
        _ = try writer.append(Array(events[3..<5]), recordedAt: start)
        // Both appends announced; the highest sequence is what a follower reads up to.
        var highest: Int64?
        let deadline = Date().addingTimeInterval(60)
        while highest != 5, Date() < deadline {
            if let n = try follower.nextNotification(timeout: 5) { highest = max(highest ?? n, n) }
        }
        XCTAssertEqual(highest, 5)
        XCTAssertEqual(try follower.entries(after: 0, limit: 10).count, 5)
    }
}

/// Batches the writer threads were given back, and their failures.
private final class WriterResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storedBatches: [[JournalEntry]] = []
    private var storedFailures: [String] = []

    func add(_ batch: [JournalEntry]) { lock.withLock { storedBatches.append(batch) } }
    func fail(_ message: String) { lock.withLock { storedFailures.append(message) } }
    var batches: [[JournalEntry]] { lock.withLock { storedBatches } }
    var failures: [String] { lock.withLock { storedFailures } }
}
