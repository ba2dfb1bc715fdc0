import Foundation
import GRDB
import PantauCore
@testable import PantauJournal
import XCTest

/// The tamper test: rows changed with raw SQL, as someone with the file and the sqlite3 shell
/// would, and `verify` names each change.
final class JournalVerifierTests: JournalTestCase {
    /// A journal of 50 entries with a checkpoint at 40, closed; raw SQL `tamper` run on it; then verified.
    func verify(after tamper: String, arguments: StatementArguments = [], edit: ((Database) throws -> Void)? = nil) throws -> JournalVerifier.Report {
        let file = path("j.sqlite")
        let journal = try journal(at: "j.sqlite", entries: 50)
        try journal.saveCheckpoint(JournalCheckpoint(sequence: 40, state: CityState()))
        journal.close()
        try DatabaseQueue(path: file).write { db in
            if !tamper.isEmpty { try db.execute(sql: tamper, arguments: arguments) }
            try edit?(db)
        }
        let reopened = try SQLiteJournal(path: file, readOnly: true)
        return try JournalVerifier.verify(reopened, checkpoints: reopened.checkpointSummaries())
    }

    func testAnIntactJournalVerifies() throws {
        let report = try verify(after: "")
        XCTAssertEqual(report.entries, 50)
        XCTAssertEqual(report.checkpoints, 1)
        XCTAssertNil(report.problem)
    }

    func testAnEditedLineIsNamed() throws {
        let report = try verify(after: "UPDATE entries SET line = replace(line, '\"v\":1', '\"v\":1 ') WHERE sequence = 17")
        XCTAssertEqual(report.problem?.kind, .edited)
        XCTAssertEqual(report.problem?.sequence, 17)
        XCTAssertEqual(report.problem?.description, "entry 17 was edited (or entry 16 was rewritten with a new hash): its content does not match its hash")
        XCTAssertEqual(report.entries, 16, "entries before it are intact")
    }

    func testAnEditedTimeIsNamed() throws {
        let report = try verify(after: "UPDATE entries SET recorded_at = recorded_at - 60000 WHERE sequence = 1")
        XCTAssertEqual(report.problem?.kind, .edited)
        XCTAssertEqual(report.problem?.description, "entry 1 was edited: its content does not match its hash")
    }

    /// An entry rewritten with its hash recomputed passes itself, but the next entry no longer follows it.
    func testARewrittenAndRehashedEntryBreaksTheNext() throws {
        let file = path("j.sqlite")
        try journal(at: "j.sqlite", entries: 50).close()
        try DatabaseQueue(path: file).write { db in
            let previous = try String.fetchOne(db, sql: "SELECT hash FROM entries WHERE sequence = 29")!
            let row = try Row.fetchOne(db, sql: "SELECT recorded_at, line FROM entries WHERE sequence = 30")!
            let line = (row["line"] as String).replacingOccurrences(of: "\"v\":1", with: "\"v\":1 ")
            let hash = JournalChain.hash(previous: previous, sequence: 30, recordedAt: Instant(millis: row["recorded_at"]), line: line)
            try db.execute(sql: "UPDATE entries SET line = ?, hash = ? WHERE sequence = 30", arguments: [line, hash])
        }
        let report = try JournalVerifier.verify(SQLiteJournal(path: file, readOnly: true))
        XCTAssertEqual(report.problem?.kind, .edited)
        XCTAssertEqual(report.problem?.sequence, 31)
        XCTAssertEqual(report.problem?.description, "entry 31 was edited (or entry 30 was rewritten with a new hash): its content does not match its hash")
    }

    func testADeletedEntryIsNamed() throws {
        let report = try verify(after: "DELETE FROM entries WHERE sequence = 23")
        XCTAssertEqual(report.problem?.kind, .deleted)
        XCTAssertEqual(report.problem?.sequence, 23)
        XCTAssertEqual(report.problem?.description, "entry 23 is missing: deleted (after 22 comes 24)")
    }

    func testDeletedEntriesAtTheStartAreNamed() throws {
        let report = try verify(after: "DELETE FROM entries WHERE sequence <= 3")
        XCTAssertEqual(report.problem?.description, "entries 1–3 are missing: deleted (after 0 comes 4)")
    }

    func testSwappedEntriesAreNamed() throws {
        let swap = """
            UPDATE entries SET sequence = -1 WHERE sequence = ?;
            UPDATE entries SET sequence = ? WHERE sequence = ?;
            UPDATE entries SET sequence = ? WHERE sequence = -1;
            """
        for (a, b) in [(12, 35), (20, 21)] {
            let report = try verify(after: swap, arguments: [a, a, b, b])
            XCTAssertEqual(report.problem?.kind, .reordered, "\(a) ⇄ \(b)")
            XCTAssertEqual(report.problem?.sequence, Int64(a))
            XCTAssertEqual(report.problem?.description, "entry \(a) is out of order: it was written as entry \(b)")
            try FileManager.default.removeItem(atPath: path("j.sqlite"))
        }
    }

    func testEntriesCutOffTheEndShowAgainstALaterCheckpoint() throws {
        let report = try verify(after: "DELETE FROM entries WHERE sequence > 30")
        XCTAssertEqual(report.entries, 30)
        XCTAssertEqual(report.problem?.kind, .checkpointPastEnd)
        XCTAssertEqual(report.problem?.description, "the checkpoint at entry 40 is past the last entry 30: entries were deleted from the end")
    }

    func testAnEditedCheckpointIsNamed() throws {
        let report = try verify(after: "") { db in
            var state = try XCTUnwrap(Data.fetchOne(db, sql: "SELECT state FROM checkpoints"))
            state[state.count / 2] ^= 1
            try db.execute(sql: "UPDATE checkpoints SET state = ?", arguments: [state])
        }
        XCTAssertEqual(report.problem?.kind, .checkpointDamaged)
        XCTAssertEqual(report.problem?.description, "the checkpoint at entry 40 was edited or is damaged: its state does not match its fingerprint")
    }
}
