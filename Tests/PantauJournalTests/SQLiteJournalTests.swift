import Foundation
import GRDB
import PantauCore
import PantauFeeds
@testable import PantauJournal
import XCTest

final class SQLiteJournalTests: JournalTestCase {
    /// Appending, reading and reopening are the shared conformance tests (PantauPostgresTests,
    /// JournalConformance); here what only the file's journal says of itself.
    func testSummaryAndLinesThatDecodeBack() throws {
        let file = path("j.sqlite")
        let events = Self.events()
        try SQLiteJournal(path: file).close()
        let reopened = try SQLiteJournal(path: file)
        _ = try reopened.append(Array(events[0..<5]), recordedAt: Self.start.adding(seconds: 1))
        XCTAssertEqual(try reopened.summary().entries, 5)
        XCTAssertEqual(try reopened.summary().first, Self.start.adding(seconds: 1))

        // What is journaled decodes back to the same events.
        let decoder = FeedLineDecoder()
        for (entry, event) in zip(try reopened.entries(after: 0, limit: 5), events) {
            guard case .event(let e) = decoder.decode(entry.line) else { return XCTFail("entry \(entry.sequence) does not decode") }
            XCTAssertEqual(FeedEventEncoder.line(for: e), FeedEventEncoder.line(for: event))
        }
    }

    func testTheFileIsWALWithFullSynchronousCommits() throws {
        let journal = try SQLiteJournal(path: path("j.sqlite"))
        _ = try journal.append(Array(Self.events().prefix(1)), recordedAt: Self.start)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("j.sqlite-wal")))
        let queue = try DatabaseQueue(path: path("j.sqlite"))
        XCTAssertEqual(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "wal")
        XCTAssertEqual(try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }, ["v1", "v2", "v3"])
        XCTAssertEqual(journal.synchronousSetting, 2, "FULL: every commit is synced")
    }

    func testATemporaryJournalIsNotSynced() throws {
        let journal = try SQLiteJournal.temporary()
        defer { journal.close() }
        XCTAssertEqual(journal.synchronousSetting, 0, "OFF: it is removed when closed, nothing of it outlives a crash")
    }

    func testATemporaryJournalIsRemovedWhenClosed() throws {
        let journal = try SQLiteJournal.temporary()
        _ = try journal.append(Array(Self.events().prefix(2)), recordedAt: Self.start)
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal.path))
        journal.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal.path + "-wal"))
        XCTAssertThrowsError(try journal.lastSequence()) { XCTAssertEqual(($0 as? JournalError)?.kind, .unavailable) }
    }

    func testDefaultLocationFollowsXDGStateHome() {
        XCTAssertEqual(JournalLocation.defaultPath(environment: ["XDG_STATE_HOME": "/srv/state", "HOME": "/home/budi"]),
                       "/srv/state/pantau/journal.sqlite")
        XCTAssertEqual(JournalLocation.defaultPath(environment: ["HOME": "/home/budi"]), "/home/budi/.local/state/pantau/journal.sqlite")
        XCTAssertEqual(JournalLocation.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/budi"]),
                       "/home/budi/.local/state/pantau/journal.sqlite", "a relative XDG_STATE_HOME is ignored")
    }

    func testPreparedDefaultLocationCreatesItsDirectory() throws {
        let state = path("state")
        let file = try JournalLocation.preparedDefaultPath(environment: ["XDG_STATE_HOME": state])
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("state/pantau"), isDirectory: &isDirectory) && isDirectory.boolValue)
        XCTAssertNoThrow(try SQLiteJournal(path: file))
    }

    // MARK: Failures

    func testAFullDiskIsReportedAndLosesNothingAlreadyWritten() throws {
        let file = path("full.sqlite")
        let journal = try SQLiteJournal(path: file, readOnly: false, removesFileOnClose: false, maximumPageCount: 12)
        let events = Self.events()
        var written = 0
        var failure: JournalError?
        for start in stride(from: 0, to: events.count, by: 20) {
            do {
                written += try journal.append(Array(events[start..<min(events.count, start + 20)]), recordedAt: Self.start).count
            } catch {
                failure = error
                break
            }
        }
        let error = try XCTUnwrap(failure, "12 pages of 4 kB cannot hold \(events.count) events")
        XCTAssertEqual(error.kind, .full)
        XCTAssertEqual(error.description, "disk full: cannot append to journal \(file)")
        // The failed batch is not half there: the journal holds what was appended before it.
        XCTAssertGreaterThan(written, 0)
        XCTAssertEqual(try journal.lastSequence(), Int64(written))
        journal.close()
        let reopened = try SQLiteJournal(path: file, readOnly: true)
        XCTAssertNil(try JournalVerifier.verify(reopened).problem)
    }

    func testAReadOnlyJournalRefusesAppends() throws {
        let file = path("ro.sqlite")
        try journal(at: "ro.sqlite", entries: 10).close()
        let journal = try SQLiteJournal(path: file, readOnly: true)
        XCTAssertEqual(try journal.lastSequence(), 10)
        XCTAssertThrowsError(try journal.append(Array(Self.events().prefix(1)), recordedAt: Self.start)) {
            let e = $0 as? JournalError
            XCTAssertEqual(e?.kind, .readOnly)
            XCTAssertEqual(e?.description, "journal \(file) is read-only: cannot append to it")
        }
        XCTAssertThrowsError(try journal.saveCheckpoint(JournalCheckpoint(sequence: 10, state: CityState()))) {
            XCTAssertEqual(($0 as? JournalError)?.kind, .readOnly)
        }
        XCTAssertEqual(try journal.lastSequence(), 10)
    }

    func testAMissingJournalOpenedForReadingIsUnavailable() {
        let file = path("none.sqlite")
        XCTAssertThrowsError(try SQLiteJournal(path: file, readOnly: true)) {
            XCTAssertEqual(($0 as? JournalError)?.kind, .unavailable)
            XCTAssertEqual(($0 as? JournalError)?.description, "no journal at \(file)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file), "reading does not create a journal")
    }

    func testAJournalInADirectoryThatCannotBeMadeIsUnavailable() {
        XCTAssertThrowsError(try SQLiteJournal(path: "/proc/pantau/journal.sqlite")) {
            XCTAssertEqual(($0 as? JournalError)?.kind, .unavailable)
            XCTAssertEqual(($0 as? JournalError)?.description, "cannot open journal /proc/pantau/journal.sqlite")
        }
    }

    func testGarbageIsNotAJournal() throws {
        let file = path("garbage.sqlite")
        var random = SeededBytes(seed: 42)
        print("seed 42")
        try Data((0..<8192).map { _ in random.next() }).write(to: URL(fileURLWithPath: file))
        for readOnly in [false, true] {
            XCTAssertThrowsError(try SQLiteJournal(path: file, readOnly: readOnly)) {
                XCTAssertEqual(($0 as? JournalError)?.kind, .corrupt)
                XCTAssertEqual(($0 as? JournalError)?.description, "\(file) is not a Pantau journal or is damaged")
            }
        }
    }

    func testAnotherSQLiteDatabaseIsNotAJournalForReading() throws {
        let file = path("other.sqlite")
        try DatabaseQueue(path: file).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        for readOnly in [true, false] {
            XCTAssertThrowsError(try SQLiteJournal(path: file, readOnly: readOnly)) {
                XCTAssertEqual(($0 as? JournalError)?.description, "\(file) is not a Pantau journal or is damaged")
            }
        }
        XCTAssertEqual(try DatabaseQueue(path: file).read { try $0.tableExists("entries") }, false, "left as it was")
    }

    func testAJournalDamagedInsideIsCorrupt() throws {
        let file = path("damaged.sqlite")
        try journal(at: "damaged.sqlite", entries: 300).close()
        // Overwrite the pages after the header with noise: the b-trees are gone.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertGreaterThan(bytes.count, 3 * 4096)
        for i in 4096..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
        try bytes.write(to: URL(fileURLWithPath: file))
        var failure: JournalError?
        do {
            let journal = try SQLiteJournal(path: file, readOnly: true)
            _ = try journal.entries(after: 0, limit: 1000)
        } catch {
            failure = error
        }
        XCTAssertEqual(failure?.kind, .corrupt)
        XCTAssertEqual(failure?.description, "\(file) is not a Pantau journal or is damaged")
    }
}

/// Deterministic bytes (an LCG) for garbage files.
struct SeededBytes {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt8 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}
