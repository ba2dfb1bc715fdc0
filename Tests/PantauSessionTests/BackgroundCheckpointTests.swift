import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
@testable import PantauSession
import PantauUI
import XCTest

/// Checkpoints are encoded off the loop: the loop goes on while one is encoded, saves it when it
/// is ready, and a clean exit waits for it.
final class BackgroundCheckpointTests: XCTestCase {
    func layout() throws -> Layout { try XCTUnwrap(try ShippedLayouts.named("command-center")) }

    func testTheLoopGoesOnWhileACheckpointIsEncodedAndSavesTheStateAsItWasWhenDue() throws {
        let events = SessionFixtures.simulated(hours: 1)
        XCTAssertGreaterThan(events.count, 300)
        let journal = InMemoryJournal()
        let session = Session(layout: try layout(), journal: journal)
        session.checkpointInterval = 100
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        session.checkpointEncoder = { checkpoint throws(JournalError) in
            started.signal()
            release.wait()
            return try EncodedCheckpoint(checkpoint)
        }
        // Should the loop wait for the encoding, this lets it go (late) so the test fails, not hangs.
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { release.signal() }

        session.update(.events(Array(events[0..<150])))
        XCTAssertEqual(started.wait(timeout: .now() + 60), .success, "the checkpoint is due after 100 entries")
        let whenDue = try StateFingerprint(session.state)
        session.update(.events(Array(events[150..<300])))
        let end = events[299].time
        session.update(.tick(now: end, wall: end))
        XCTAssertTrue(journal.checkpoints.isEmpty, "the loop went on while the checkpoint was being encoded")
        XCTAssertEqual(session.checkpointedThrough, 0)
        XCTAssertEqual(session.journalSequence, 300)

        release.signal()
        let deadline = Date().addingTimeInterval(60)
        while journal.checkpoints.isEmpty, Date() < deadline {
            session.update(.tick(now: end, wall: end))
            Thread.sleep(forTimeInterval: 0.001)
        }
        XCTAssertEqual(journal.checkpoints.map(\.sequence), [150], "saved by a later turn of the loop once ready")
        XCTAssertEqual(try StateFingerprint(XCTUnwrap(journal.checkpoints.first).state), whenDue,
                       "the state as it was at entry 150, not as the loop changed it since")
        XCTAssertEqual(session.checkpointedThrough, 150)
        XCTAssertNotEqual(try StateFingerprint(session.state), whenDue)
    }

    func testACleanExitWaitsForTheCheckpointBeingEncodedThenCheckpointsTheRest() throws {
        let events = SessionFixtures.simulated(hours: 1)
        let journal = InMemoryJournal()
        let session = Session(layout: try layout(), journal: journal)
        session.checkpointInterval = 100
        session.update(.events(Array(events[0..<150])))
        session.update(.events(Array(events[150..<200])))
        session.checkpoint()
        XCTAssertEqual(journal.checkpoints.map(\.sequence), [150, 200])
        XCTAssertNil(session.pendingCheckpoint)

        let restored = Session(layout: try layout(), journal: journal)
        XCTAssertEqual(try restored.restore(from: journal), 0, "the exit's checkpoint holds every entry")
        XCTAssertEqual(try StateFingerprint(restored.state), try StateFingerprint(session.state))
    }

    func testAnEncodedCheckpointSavedToSQLiteRestoresTheSameState() throws {
        let events = SessionFixtures.simulated(hours: 1)
        let journal = try SQLiteJournal.temporary()
        defer { journal.close() }
        let session = Session(layout: try layout(), journal: journal)
        session.checkpointInterval = 100
        session.update(.events(Array(events[0..<150])))
        session.update(.events(Array(events[150..<250])))
        session.checkpoint()
        let restored = Session(layout: try layout(), journal: journal)
        XCTAssertEqual(try restored.restore(from: journal), 0)
        XCTAssertEqual(try StateFingerprint(restored.state), try StateFingerprint(session.state))
        let summaries = try journal.checkpointSummaries()
        XCTAssertEqual(summaries.map(\.sequence), [150, 250])
        XCTAssertEqual(summaries.map(\.matchesFingerprint), [true, true])
    }

    func testACatchUpCheckpointsAtItsOwnSparserIntervalAndPlayingAfterItAtTheUsualOne() throws {
        let events = SessionFixtures.simulated(hours: 2)
        XCTAssertGreaterThan(events.count, 700)
        let journal = InMemoryJournal()
        let session = Session(layout: try layout(), journal: journal)
        session.checkpointInterval = 100
        session.catchUpCheckpointInterval = 300
        // Encoded at once, so each one due is saved by the next batch.
        session.checkpointEncoder = { checkpoint throws(JournalError) in try EncodedCheckpoint(checkpoint) }
        func scheduled(_ range: Range<Int>) -> [ScheduledEvent] {
            events[range].map { ScheduledEvent(event: $0, arrival: $0.time) }
        }
        let logFrom = events[600].time
        for from in stride(from: 0, to: 600, by: 50) {
            var batch = scheduled(from..<(from + 50))
            session.catchUp(lending: &batch, loggingFrom: logFrom)
            session.savePendingCheckpoint(waiting: true)
        }
        XCTAssertEqual(journal.checkpoints.map(\.sequence), [300, 600], "every 300 entries while catching up, not every 100")
        for from in stride(from: 600, to: 700, by: 50) {
            var batch = scheduled(from..<(from + 50))
            session.play(lending: &batch)
            session.savePendingCheckpoint(waiting: true)
        }
        XCTAssertEqual(journal.checkpoints.map(\.sequence), [300, 600, 700], "then every 100 again")
    }
}
