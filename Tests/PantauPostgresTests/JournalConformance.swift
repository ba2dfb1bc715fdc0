import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import XCTest

/// What every journal backend must do, as test bodies shared by ``SQLiteJournalConformanceTests``
/// and ``PostgresJournalConformanceTests``: each is given a way to open the backend's journal
/// (again: a reopen must see the same entries) and to change an entry's line behind its back.
struct JournalConformance {
    /// Opens the journal under test (the same one each time).
    var open: () throws -> any Journal
    /// Replaces entry `sequence`'s line with the given one, with raw SQL, as an attacker would.
    var tamper: (_ sequence: Int64, _ line: String) throws -> Void

    static let start = RFC3339.parse("2026-11-23T06:00:00+07:00")!

    /// Simulated events (seed 3) from 06:00 WIB.
    static let events: [FeedEvent] = {
        var out: [FeedEvent] = []
        CitySimulator(seed: 3, start: start, hours: 1).run { out.append($0) }
        return out
    }()

    func appendReadAndReopen() throws {
        let events = Self.events
        var journal: (any Journal)? = try open()
        XCTAssertEqual(try journal!.lastSequence(), 0)
        let first = try journal!.append(Array(events[0..<3]), recordedAt: Self.start)
        XCTAssertEqual(first.map(\.sequence), [1, 2, 3])
        XCTAssertEqual(first.map(\.line), events[0..<3].map(FeedEventEncoder.line(for:)))
        XCTAssertTrue(JournalChain.holds(first[0], after: JournalChain.genesis))
        XCTAssertTrue(JournalChain.holds(first[1], after: first[0].hash))
        XCTAssertEqual(try journal!.append([], recordedAt: Self.start), [])
        journal = nil

        let reopened = try open()
        XCTAssertEqual(try reopened.lastSequence(), 3)
        let more = try reopened.append(Array(events[3..<5]), recordedAt: Self.start.adding(seconds: 1))
        XCTAssertEqual(more.map(\.sequence), [4, 5])
        XCTAssertTrue(JournalChain.holds(more[0], after: first[2].hash), "the chain continues across a reopen")
        XCTAssertEqual(try reopened.entries(after: 0, limit: 100), first + more)
        XCTAssertEqual(try reopened.entries(after: 2, limit: 2).map(\.sequence), [3, 4])
        XCTAssertEqual(try reopened.entries(after: 5, limit: 10), [])
    }

    /// Entry times never decrease; lookups by time; the time span; the timeline.
    func timesAndTimeline() throws {
        let journal = try open()
        let t0 = Self.start
        let events = Array(Self.events.prefix(6))
        // The third applied before the second: raised to the second's time.
        let times = [t0, t0.adding(seconds: 120), t0.adding(seconds: 60), t0.adding(seconds: 180), t0.adding(seconds: 180), t0.adding(seconds: 240)]
        let written = try journal.append(events, at: times, recordedAt: t0.adding(seconds: 300))
        XCTAssertEqual(written.map(\.at), [t0, t0.adding(seconds: 120), t0.adding(seconds: 120), t0.adding(seconds: 180), t0.adding(seconds: 180), t0.adding(seconds: 240)])
        XCTAssertEqual(try journal.entries(after: 0, limit: 10), written)
        XCTAssertEqual(try journal.lastSequence(atOrBefore: t0.adding(seconds: 130)), 3)
        XCTAssertEqual(try journal.lastSequence(atOrBefore: t0.adding(seconds: -1)), 0)
        XCTAssertEqual(try journal.timeSpan(), t0...t0.adding(seconds: 240))
        var expected = JournalTimeline()
        written.forEach { expected.add($0) }
        XCTAssertEqual(try journal.timeline(), expected)
        XCTAssertEqual(expected.perMinute.values.reduce(0, +), 6)
    }

    func checkpoints() throws {
        let journal = try open()
        XCTAssertNil(try journal.latestCheckpoint(atOrBefore: nil))
        var state = CityState()
        var written: [JournalEntry] = []
        for (i, event) in Self.events.prefix(40).enumerated() {
            written += try journal.append([event], recordedAt: Self.start.adding(seconds: Double(i)))
            state.apply(event)
            if i == 19 { try journal.saveCheckpoint(JournalCheckpoint(sequence: 20, state: state, at: Self.start.adding(seconds: 19.5))) }
        }
        try journal.saveCheckpoint(encoded: EncodedCheckpoint(JournalCheckpoint(sequence: 40, state: state)))
        let latest = try XCTUnwrap(journal.latestCheckpoint(atOrBefore: nil))
        XCTAssertEqual(latest.sequence, 40)
        XCTAssertNil(latest.at)
        XCTAssertEqual(try latest.state.canonicalEncoding(), try state.canonicalEncoding(), "the state comes back byte for byte")
        XCTAssertEqual(try journal.latestCheckpoint(atOrBefore: 39)?.sequence, 20)
        XCTAssertEqual(try journal.latestCheckpoint(atOrBefore: 39)?.at, Self.start.adding(seconds: 19.5))
        XCTAssertNil(try journal.latestCheckpoint(atOrBefore: 19))
        // As of a time: the one at 20 is as of 19.5 s; the one at 40 as of its last entry (39 s).
        XCTAssertEqual(try journal.latestCheckpoint(asOf: Self.start.adding(seconds: 30))?.sequence, 20)
        XCTAssertEqual(try journal.latestCheckpoint(asOf: Self.start.adding(seconds: 39))?.sequence, 40)
        XCTAssertNil(try journal.latestCheckpoint(asOf: Self.start.adding(seconds: 19)))
        XCTAssertEqual(try journal.checkpointMarks(), [JournalCheckpointMark(sequence: 20, at: Self.start.adding(seconds: 19.5)),
                                                       JournalCheckpointMark(sequence: 40, at: written[39].at)])
        // Saving at the same sequence again replaces it; a shared journal (another console's
        // checkpoint there is the same state) keeps the first.
        try journal.saveCheckpoint(JournalCheckpoint(sequence: 40, state: CityState(), at: Self.start.adding(seconds: 50)))
        XCTAssertEqual(try journal.latestCheckpoint(atOrBefore: nil)?.at, journal is any SharedCheckpointJournal ? nil : Self.start.adding(seconds: 50))
        XCTAssertEqual(try journal.checkpointMarks().count, 2)
    }

    /// An intact journal verifies; an edited line is named by the verifier.
    func verifyAndTamper() throws {
        let journal = try open()
        for start in stride(from: 0, to: 50, by: 10) {
            _ = try journal.append(Array(Self.events[start..<start + 10]), recordedAt: Self.start.adding(seconds: Double(start)))
        }
        let intact = try JournalVerifier.verify(journal)
        XCTAssertEqual(intact.entries, 50)
        XCTAssertNil(intact.problem)

        let line = try XCTUnwrap(journal.entries(after: 16, limit: 1).first?.line)
        try tamper(17, line.replacingOccurrences(of: "\"v\":1", with: "\"v\":1 "))
        let report = try JournalVerifier.verify(try open())
        XCTAssertEqual(report.problem?.kind, .edited)
        XCTAssertEqual(report.problem?.sequence, 17)
        XCTAssertEqual(report.entries, 16, "entries before it are intact")
    }
}
