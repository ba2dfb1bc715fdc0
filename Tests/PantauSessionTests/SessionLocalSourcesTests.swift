import Foundation
import PantauCore
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// A console following a shared journal with sources of its own (`run --follow --sources`):
/// their events show on it and never reach the journal, its entries nor its checkpoints.
final class SessionLocalSourcesTests: XCTestCase {
    func console(_ name: String, on journal: any Journal) throws -> Session {
        let session = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                              identity: ConsoleIdentity(user: name, role: .supervisor, console: name), journal: journal)
        session.followsJournal = true
        XCTAssertNotNil(session.restoreFromJournal())
        return session
    }

    func fingerprintOfTheFold(_ journal: any Journal) throws -> StateFingerprint {
        var folded = JournalFold.start(from: nil, base: CityState())
        try JournalFold.fold(&folded, from: journal, through: Instant(millis: .max))
        return try StateFingerprint(folded.state)
    }

    func incident(_ id: String, at minutes: Double) -> FeedEvent {
        SessionFixtures.incident(id, at: minutes) {
            $0.category = .flood
            $0.severity = 2
            $0.title = "Genangan"
            $0.status = .new
        }
    }

    /// As `pantau ingest` appends: at the wall clock.
    func ingest(_ events: [FeedEvent], into journal: any Journal) throws {
        _ = try journal.append(events, recordedAt: Instant(date: Date()))
    }

    func testLocalEventsShowOnTheConsoleAndAreNeverJournaled() throws {
        let journal = InMemoryJournal()
        try ingest([incident("INC-S-1", at: 10)], into: journal)
        let mine = try console("ani", on: journal)
        let other = try console("budi", on: journal)

        XCTAssertTrue(mine.update(SessionMessage.events([incident("LOCAL-1", at: 11)])).frameOwed)
        XCTAssertNotNil(mine.state.incidents["LOCAL-1"], "the local event shows on its console")
        XCTAssertTrue(mine.hasLocalData)
        XCTAssertEqual(journal.stored.count, 1, "nothing journaled")

        // Shared entries keep applying around the local data; the other console never sees it.
        try ingest([incident("INC-S-2", at: 12)], into: journal)
        mine.catchUp()
        other.catchUp()
        XCTAssertEqual(mine.journalSequence, 2)
        XCTAssertNotNil(mine.state.incidents["INC-S-2"])
        XCTAssertNotNil(mine.state.incidents["LOCAL-1"])
        XCTAssertNil(other.state.incidents["LOCAL-1"])
        XCTAssertFalse(other.hasLocalData)
        XCTAssertEqual(other.stateFingerprint(), try fingerprintOfTheFold(journal))
        XCTAssertNotEqual(mine.stateFingerprint(), other.stateFingerprint())
    }

    func testAConsoleWithLocalDataWritesNoCheckpointToTheSharedJournal() throws {
        let journal = InMemoryJournal()
        let local = try console("ani", on: journal)
        let plain = try console("budi", on: journal)
        local.update(SessionMessage.events([incident("LOCAL-1", at: 1)]))
        for session in [local, plain] { session.checkpointInterval = 50 }

        try ingest(Array(SessionFixtures.simulated(hours: 1).prefix(120)), into: journal)
        local.catchUp()
        local.savePendingCheckpoint(waiting: true)
        XCTAssertTrue(try journal.latestCheckpoint(atOrBefore: nil) == nil, "a checkpoint with local data reached the journal")

        // The same entries on a console without local data do checkpoint (the check can fail).
        plain.catchUp()
        plain.savePendingCheckpoint(waiting: true)
        let saved = try XCTUnwrap(try journal.latestCheckpoint(atOrBefore: nil))
        XCTAssertTrue(saved.state.incidents["LOCAL-1"] == nil)
    }
}
