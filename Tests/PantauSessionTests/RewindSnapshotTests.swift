import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauTestSupport
import PantauUI
import XCTest

/// The state at T rebuilt from a journal equals, byte for byte in a snapshot, the state of a
/// replay of the same recording stopped at T — on the bundled day, at 100 seeded random instants,
/// every shipped layout at least once — and a session rewound to T shows that same state.
final class RewindSnapshotTests: XCTestCase {
    static let bundledDay = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/pantau/Resources/tangerang-day.ndjson.gz").standardized.path

    func testTheJournalAtRandomInstantsPrintsWhatTheReplayStoppedThereShows() throws {
        let seed = SeededRandom.seed(default: 10_2026)
        print("RewindSnapshotTests seed \(seed)")
        var random = SeededRandom(seed: seed)
        let desk = DeskConfig.shipped
        let layouts = try ShippedLayouts.sources.map(\.name).sorted().map { name in (name, try XCTUnwrap(ShippedLayouts.named(name))) }
        XCTAssertGreaterThanOrEqual(layouts.count, 5)

        // The recording, in arrival order as a replay plays it.
        let reader = ScheduledReader(try FeedReader(path: Self.bundledDay))
        var played: [ScheduledEvent] = []
        while let e = try reader.next() { played.append(e) }
        let first = try XCTUnwrap(played.first?.arrival), last = try XCTUnwrap(played.last?.arrival)

        // A replay (session level, no terminal) writes the journal: a minute of the recording a
        // turn, then the clock's tick; a checkpoint every 2,000 entries so that jumps start from
        // several of them.
        let directory = NSTemporaryDirectory() + "pantau-rewind-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = try SQLiteJournal(path: directory + "/day.sqlite")
        var start = CityState()
        start.registerUnits(desk.units)
        let replay = Session(state: start, layout: layouts[0].1, journal: journal)
        replay.dashboard.take(desk)
        replay.checkpointInterval = 2_000
        var next = 0
        var clock = first
        while next < played.count {
            clock = clock.adding(seconds: 60)
            var batch: [ScheduledEvent] = []
            while next < played.count, played[next].arrival <= clock { batch.append(played[next]); next += 1 }
            replay.update(.played(batch))
            replay.update(.tick(now: min(clock, last), wall: Instant(millis: 0)))
        }
        replay.savePendingCheckpoint()
        XCTAssertEqual(try journal.lastSequence(), Int64(played.count))
        XCTAssertGreaterThanOrEqual(try journal.checkpointMarks().count, played.count / 2_000 - 1, "checkpoints were written")
        let entries = try journal.entries(after: 0, limit: played.count)
        for (a, b) in zip(entries, entries.dropFirst()) { XCTAssertLessThanOrEqual(a.at, b.at, "entry times never decrease") }
        XCTAssertEqual(entries.map(\.at), played.map(\.arrival), "each entry is at its arrival")

        // 100 instants over the day (the first and the last arrival among them), in order, and
        // the state of a snapshot of the recording at each: what arrived by it, swept as of it.
        var instants = [first, last] + (0..<98).map { _ in
            Instant(millis: first.millis + Int64.random(in: 0...(last.millis - first.millis), using: &random))
        }
        instants.sort()
        var feedState = start
        next = 0
        var failures = 0
        for (i, t) in instants.enumerated() {
            while next < played.count, played[next].arrival <= t { played[next].apply(to: &feedState); next += 1 }
            let (name, layout) = layouts[i % layouts.count]
            let fromFeed = Session(state: feedState, layout: layout)
            fromFeed.dashboard.take(desk)
            fromFeed.dashboard.observe(feedState)
            let feedText = fromFeed.snapshotFrame(now: t, width: 120, height: 40, theme: Theme()).text
            let journalText = try Session.snapshot(of: journal, at: t, layout: layout, desk: desk)
                .snapshotFrame(now: t, width: 120, height: 40, theme: Theme()).text
            if feedText != journalText {
                failures += 1
                let f = feedText.split(separator: "\n", omittingEmptySubsequences: false)
                let j = journalText.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(f.count, j.count)).first { f[$0] != j[$0] } ?? min(f.count, j.count)
                XCTFail("""
                    at \(RFC3339.format(t)) (\(name)), \(SeededRandom.describe(seed)): line \(line + 1) differs
                    feed:    \(line < f.count ? f[line] : "(none)")
                    journal: \(line < j.count ? j[line] : "(none)")
                    """)
                if failures >= 3 { break }
            }
        }

        // The replay's own session rewound to each instant, in a random order (jumps back and
        // forth, small steps forward), shows the recording's state then.
        var states: [(Instant, Data)] = []
        feedState = start
        next = 0
        for t in instants.prefix(40) {
            while next < played.count, played[next].arrival <= t { played[next].apply(to: &feedState); next += 1 }
            var swept = feedState
            swept.sweep(asOf: t)
            states.append((t, try swept.canonicalEncoding()))
        }
        states.shuffle(using: &random)
        for (t, expected) in states where t < last {
            XCTAssertNil(replay.rewind(to: t))
            XCTAssertEqual(replay.rewound?.time, t)
            XCTAssertEqual(try replay.shownState.canonicalEncoding(), expected, "rewound to \(RFC3339.format(t)), \(SeededRandom.describe(seed))")
            // A minute on from there, folding on from the moment shown.
            let later = t.adding(seconds: 60)
            guard later < last else { continue }
            XCTAssertNil(replay.step(by: 60))
            XCTAssertEqual(replay.rewound?.time, later)
            XCTAssertEqual(try replay.shownState.canonicalEncoding(),
                           try Self.replayState(played, start: start, through: later).canonicalEncoding(),
                           "a minute after \(RFC3339.format(t)), \(SeededRandom.describe(seed))")
        }
        XCTAssertEqual(replay.returnToLive(), "back to live")
        XCTAssertFalse(replay.isRewound)
    }

    /// A replay's state stopped at `t`.
    static func replayState(_ played: [ScheduledEvent], start: CityState, through t: Instant) -> CityState {
        var state = start
        for e in played where e.arrival <= t { e.apply(to: &state) }
        state.sweep(asOf: t)
        return state
    }
}
