import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
@testable import PantauSession
import XCTest

/// Consoles following one PostgreSQL journal checkpoint the same state at the same entry: the
/// first to get there encodes and uploads it, the others ask, find it, and skip.
final class PostgresSharedCheckpointTests: XCTestCase {
    /// Counts the checkpoints consoles encode (on their background threads).
    final class EncodeCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var sequences: [Int64] = []
        func note(_ sequence: Int64) { lock.withLock { sequences.append(sequence) } }
        var encoded: [Int64] { lock.withLock { sequences } }
    }

    func testOfThreeConsolesOnlyTheFirstAtAnEntryEncodesAndUploadsItsCheckpoint() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let ingest = try PostgresJournal(url: database.url)
        let counter = EncodeCounter()
        let consoles = try ["ani", "budi", "sari"].map { try PostgresSessionTests.console($0, url: database.url) }
        for console in consoles {
            console.checkpointInterval = 10
            console.checkpointEncoder = { checkpoint throws(JournalError) in
                counter.note(checkpoint.sequence)
                return try EncodedCheckpoint(checkpoint)
            }
        }
        var next = 0
        func feed(_ count: Int) throws {
            _ = try ingest.append((next..<next + count).map { PostgresSessionTests.newIncident("INC-SC-\($0)") }, recordedAt: Instant(date: Date()))
            next += count
        }

        try feed(12)
        for console in consoles {
            console.catchUp()
            console.savePendingCheckpoint(waiting: true)
        }
        XCTAssertEqual(counter.encoded, [12], "one console encoded the checkpoint at entry 12")
        XCTAssertEqual(consoles.map(\.checkpointedThrough), [12, 12, 12], "the others count it as theirs")

        // Another turn, the second console first this time; then each one's exit checkpoint.
        try feed(11)
        for console in [consoles[1], consoles[0], consoles[2]] {
            console.catchUp()
            console.savePendingCheckpoint(waiting: true)
        }
        XCTAssertEqual(counter.encoded, [12, 23])
        try feed(1)
        for console in consoles {
            console.catchUp()
            console.checkpoint()
            XCTAssertNil(console.journalProblem)
        }
        XCTAssertEqual(consoles.map(\.checkpointedThrough), [24, 24, 24])
        let summaries = try ingest.checkpointSummaries()
        XCTAssertEqual(summaries.map(\.sequence), [12, 23, 24])
        XCTAssertTrue(summaries.allSatisfy(\.matchesFingerprint))
        XCTAssertEqual(summaries.last?.fingerprint, consoles[2].stateFingerprint()?.hex)
    }

    /// Two uploads at one entry (consoles that asked at the same moment): the first stays.
    func testASecondCheckpointAtTheSameEntryLeavesTheFirst() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let journal = try PostgresJournal(url: database.url)
        _ = try journal.append([PostgresSessionTests.newIncident("INC-SC-A")], recordedAt: Instant(date: Date()))
        XCTAssertFalse(try journal.hasCheckpoint(at: 1))
        let first = try EncodedCheckpoint(JournalCheckpoint(sequence: 1, state: PostgresSessionTests.base, at: nil))
        try journal.saveCheckpoint(encoded: first)
        XCTAssertTrue(try journal.hasCheckpoint(at: 1))
        var other = PostgresSessionTests.base
        other.apply(PostgresSessionTests.newIncident("INC-SC-B"))
        try journal.saveCheckpoint(encoded: try EncodedCheckpoint(JournalCheckpoint(sequence: 1, state: other, at: nil)))
        XCTAssertEqual(try journal.checkpointSummaries().map(\.fingerprint), [first.fingerprint.hex])
    }
}
