import Foundation
import GRDB
import PantauCore
import PantauFeeds
@testable import PantauJournal
import XCTest

final class JournalCheckpointTests: JournalTestCase {
    /// The state folded from simulated events, as a replay folds them.
    func folded(_ events: ArraySlice<FeedEvent>, onto state: CityState = CityState()) -> CityState {
        var s = state
        for e in events { s.applyPlayed(e) }
        return s
    }

    func testACheckpointRestoresTheSameStateAndItContinuesTheSame() throws {
        let events = Self.events(hours: 6)
        let half = events.count / 2
        let state = folded(events[..<half])
        let journal = try SQLiteJournal(path: path("j.sqlite"))
        try journal.saveCheckpoint(JournalCheckpoint(sequence: Int64(half), state: state))
        journal.close()

        let checkpoint = try XCTUnwrap(try SQLiteJournal(path: path("j.sqlite"), readOnly: true).latestCheckpoint(atOrBefore: nil))
        XCTAssertEqual(checkpoint.sequence, Int64(half))
        XCTAssertEqual(try StateFingerprint(checkpoint.state), try StateFingerprint(state))
        XCTAssertEqual(try checkpoint.state.canonicalEncoding(), try state.canonicalEncoding())
        // Folding the rest onto the restored state gives the full fold.
        XCTAssertEqual(try StateFingerprint(folded(events[half...], onto: checkpoint.state)), try StateFingerprint(folded(events[...])))
    }

    func testTheLatestCheckpointAtOrBeforeASequence() throws {
        let events = Self.events()
        let journal = try SQLiteJournal(path: path("j.sqlite"))
        for n in [100, 300, 200] {
            try journal.saveCheckpoint(JournalCheckpoint(sequence: Int64(n), state: folded(events[..<n])))
        }
        XCTAssertEqual(try journal.latestCheckpoint(atOrBefore: nil)?.sequence, 300)
        XCTAssertEqual(try journal.latestCheckpoint(atOrBefore: 299)?.sequence, 200)
        XCTAssertEqual(try journal.latestCheckpoint(atOrBefore: 200)?.state.eventCount, 200)
        XCTAssertNil(try journal.latestCheckpoint(atOrBefore: 99))
        XCTAssertEqual(try journal.checkpointSummaries().map(\.sequence), [100, 200, 300])
        XCTAssertTrue(try journal.checkpointSummaries().allSatisfy(\.matchesFingerprint))
    }

    /// A checkpoint written by a Pantau whose state had other fields is passed over.
    func testACheckpointThatDoesNotDecodeIsPassedOver() throws {
        let events = Self.events()
        let file = path("j.sqlite")
        let journal = try SQLiteJournal(path: file)
        try journal.saveCheckpoint(JournalCheckpoint(sequence: 100, state: folded(events[..<100])))
        try journal.saveCheckpoint(JournalCheckpoint(sequence: 200, state: folded(events[..<200])))
        journal.close()
        try DatabaseQueue(path: file).write {
            try $0.execute(sql: "UPDATE checkpoints SET state = CAST('{\"clock\":null}' AS BLOB) WHERE sequence = 200")
        }
        XCTAssertEqual(try SQLiteJournal(path: file).latestCheckpoint(atOrBefore: nil)?.sequence, 100)
    }

    func testTheFingerprintIsStable() throws {
        let events = Self.events()
        let a = folded(events[...])
        let b = folded(events[...])
        XCTAssertEqual(try StateFingerprint(a), try StateFingerprint(b), "the same events give the same fingerprint")
        XCTAssertEqual(try StateFingerprint(a).hex.count, 64)
        XCTAssertEqual(try StateFingerprint(CityState(canonicalEncoding: a.canonicalEncoding())), try StateFingerprint(a))
        XCTAssertNotEqual(try StateFingerprint(folded(events.dropLast())), try StateFingerprint(a), "one event less, another fingerprint")
        XCTAssertEqual(SHA256Digest.hex(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
