import Foundation
import GRDB
import PantauCore
import PantauFeeds
@testable import PantauJournal
import XCTest

/// Each entry's session-clock time (`at`): stored, never decreasing, indexed for a time, kept
/// by the hash chain, given to entries of a journal written before it; checkpoints by time; the
/// fold of the state at a time.
final class JournalTimeTests: JournalTestCase {
    private func journals() throws -> [(String, any Journal)] {
        [("sqlite", try SQLiteJournal(path: path("t.sqlite"))), ("memory", InMemoryJournal())]
    }

    func testEntryTimesAreStoredAndNeverDecrease() throws {
        let events = Array(Self.events().prefix(4))
        let wall = Self.start.adding(seconds: 9_999)
        for (name, journal) in try journals() {
            let times = [Self.start, Self.start.adding(seconds: 60), Self.start.adding(seconds: 30), Self.start.adding(seconds: 90)]
            let made = try journal.append(events, at: times, recordedAt: wall)
            XCTAssertEqual(made.map(\.at), [times[0], times[1], times[1], times[3]], "\(name): a clock stepping back is clamped")
            XCTAssertEqual(made.map(\.recordedAt), Array(repeating: wall, count: 4), name)
            // Across appends too.
            let next = try journal.append([events[0]], at: [Self.start], recordedAt: wall)
            XCTAssertEqual(next.map(\.at), [times[3]], name)
            let all = try journal.entries(after: 0, limit: 100)
            XCTAssertEqual(all, made + next, name)
            for (a, b) in zip(all, all.dropFirst()) { XCTAssertLessThanOrEqual(a.at, b.at, name) }
            var previous = JournalChain.genesis
            for entry in all {
                XCTAssertTrue(JournalChain.holds(entry, after: previous), "\(name): entry \(entry.sequence) holds")
                previous = entry.hash
            }
            XCTAssertEqual(try journal.lastSequence(atOrBefore: Self.start.adding(seconds: -1)), 0, name)
            XCTAssertEqual(try journal.lastSequence(atOrBefore: Self.start), 1, name)
            XCTAssertEqual(try journal.lastSequence(atOrBefore: Self.start.adding(seconds: 89)), 3, name)
            XCTAssertEqual(try journal.lastSequence(atOrBefore: Self.start.adding(seconds: 90)), 5, name)
            XCTAssertEqual(try journal.timeSpan(), Self.start...Self.start.adding(seconds: 90), name)
        }
    }

    func testTheChainCoversAnEntrysTime() throws {
        let journal = InMemoryJournal()
        let entry = try journal.append([Self.events()[0]], at: [Self.start], recordedAt: Self.start.adding(seconds: 5))[0]
        var moved = entry
        moved.at = Self.start.adding(seconds: 1)
        XCTAssertTrue(JournalChain.holds(entry, after: JournalChain.genesis))
        XCTAssertFalse(JournalChain.holds(moved, after: JournalChain.genesis), "an edited time breaks the chain")
    }

    func testAJournalWrittenBeforeEntryTimesGetsItsWallTimesAndKeepsItsChain() throws {
        let file = path("v1.sqlite")
        let events = Array(Self.events().prefix(3))
        // A v1 journal, as the previous release wrote it.
        do {
            let queue = try DatabaseQueue(path: file)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE entries (sequence INTEGER PRIMARY KEY, recorded_at INTEGER NOT NULL, line TEXT NOT NULL, hash TEXT NOT NULL);
                    CREATE TABLE checkpoints (sequence INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, state BLOB NOT NULL, fingerprint TEXT NOT NULL);
                    """)
                var previous = JournalChain.genesis
                for (i, event) in events.enumerated() {
                    let recorded = Self.start.adding(seconds: Double(i * 60))
                    let line = FeedEventEncoder.line(for: event)
                    let hash = JournalChain.hash(previous: previous, sequence: Int64(i + 1), recordedAt: recorded, line: line)
                    try db.execute(sql: "INSERT INTO entries VALUES (?, ?, ?, ?)", arguments: [i + 1, recorded.millis, line, hash])
                    previous = hash
                }
            }
            try queue.close()
        }
        // Read-only (not migrated): the wall time stands for the entry's time.
        let old = try SQLiteJournal(path: file, readOnly: true)
        XCTAssertEqual(try old.entries(after: 0, limit: 10).map(\.at), [0, 60, 120].map { Self.start.adding(seconds: Double($0)) })
        XCTAssertEqual(try old.timeline().perMinute.values.sorted(), [1, 1, 1], "counted from the entries")
        XCTAssertEqual(try old.lastSequence(atOrBefore: Self.start.adding(seconds: 60)), 2)
        XCTAssertNil(try JournalVerifier.verify(old).problem)
        old.close()
        // Opened for writing: migrated, same times, the chain still holds, and it goes on.
        let migrated = try SQLiteJournal(path: file)
        XCTAssertEqual(try migrated.entries(after: 0, limit: 10).map(\.at), [0, 60, 120].map { Self.start.adding(seconds: Double($0)) })
        _ = try migrated.append([events[0]], at: [Self.start.adding(seconds: 600)], recordedAt: Self.start.adding(seconds: 700))
        XCTAssertNil(try JournalVerifier.verify(migrated).problem)
        XCTAssertEqual(try migrated.lastSequence(atOrBefore: Self.start.adding(seconds: 599)), 3)
        let minute = Self.start.millis / 60000
        XCTAssertEqual(try migrated.timeline().perMinute, [minute: 1, minute + 1: 1, minute + 2: 1, minute + 10: 1],
                       "the minutes counted at the migration, and the append's")
        migrated.close()
        let indexed = try DatabaseQueue(path: file).read { db in try db.indexes(on: "entries").contains { $0.columns == ["at"] } }
        XCTAssertTrue(indexed, "entry times are indexed")
        let marks = try DatabaseQueue(path: file).read { db in try db.indexes(on: "checkpoints").contains { $0.columns == ["sequence", "at"] } }
        XCTAssertTrue(marks, "checkpoint marks are indexed")
    }

    /// The timeline's minutes, kept by each append, are the entries counted by minute.
    func testTheMinutesKeptByAppendsAreTheEntriesCounted() throws {
        let journal = try SQLiteJournal(path: path("m.sqlite"))
        let memory = InMemoryJournal()
        let events = Array(Self.events().prefix(40))
        // Batches that straddle minutes, a clock that steps back (clamped), a minute left and come back to.
        let seconds: [[Double]] = [[0, 10, 59.999, 60], [61, 30, 200], [200, 201, 3600], [3600.5]]
        var next = 0
        for batch in seconds {
            let slice = Array(events[next..<next + batch.count])
            next += batch.count
            let times = batch.map { Self.start.adding(seconds: $0) }
            _ = try journal.append(slice, at: times, recordedAt: Self.start)
            _ = try memory.append(slice, at: times, recordedAt: Self.start)
        }
        let counted = try DatabaseQueue(path: journal.path).read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT at / 60000 AS m, COUNT(*) AS n FROM entries GROUP BY m").map { row -> (Int64, Int) in (row["m"], row["n"]) })
        }
        XCTAssertEqual(try journal.timeline().perMinute, counted)
        XCTAssertEqual(try journal.timeline().perMinute, try memory.timeline().perMinute)
        XCTAssertEqual(counted.values.reduce(0, +), 11)
        XCTAssertEqual(counted.count, 4)
    }

    func testCheckpointsByTime() throws {
        let events = Array(Self.events().prefix(30))
        for (name, journal) in try journals() {
            _ = try journal.append(events, at: (0..<30).map { Self.start.adding(seconds: Double($0 * 60)) }, recordedAt: Self.start)
            var state = CityState()
            state.apply(events.prefix(10))
            // One as of its last entry's time (none given), one as of a later time than its last entry's.
            try journal.saveCheckpoint(JournalCheckpoint(sequence: 10, state: state))
            try journal.saveCheckpoint(JournalCheckpoint(sequence: 20, state: state, at: Self.start.adding(seconds: 25 * 60)))
            XCTAssertNil(try journal.latestCheckpoint(asOf: Self.start.adding(seconds: 8 * 60)), name)
            XCTAssertEqual(try journal.latestCheckpoint(asOf: Self.start.adding(seconds: 9 * 60))?.sequence, 10, name)
            XCTAssertEqual(try journal.latestCheckpoint(asOf: Self.start.adding(seconds: 24 * 60))?.sequence, 10, name)
            let late = try journal.latestCheckpoint(asOf: Self.start.adding(seconds: 25 * 60))
            XCTAssertEqual(late?.sequence, 20, name)
            XCTAssertEqual(late?.at, Self.start.adding(seconds: 25 * 60), name)
        }
    }

    /// The fold at T is the state of a replay stopped at T, with or without checkpoints, at
    /// every minute of an hour (seeded events: seed 3).
    func testTheFoldAtATimeIsTheReplayStoppedThere() throws {
        let events = Self.events(hours: 1)
        let played = events.enumerated().map { i, e in ScheduledEvent(event: e, arrival: max(e.time, Self.start)) }
        let journal = InMemoryJournal()
        var replay = CityState()
        var statesAt: [Instant: CityState] = [:]
        var next = 0
        for minute in 0...60 {
            let t = Self.start.adding(seconds: Double(minute * 60))
            var batch: [ScheduledEvent] = []
            while next < played.count, played[next].arrival <= t { batch.append(played[next]); next += 1 }
            _ = try journal.append(batch.map(\.event), at: batch.map(\.arrival), recordedAt: Self.start)
            for e in batch { e.apply(to: &replay) }
            if minute == 20 || minute == 41 {
                try journal.saveCheckpoint(JournalCheckpoint(sequence: try journal.lastSequence(), state: replay, at: batch.last?.arrival))
            }
            var shown = replay
            shown.sweep(asOf: t)
            statesAt[t] = shown
        }
        XCTAssertGreaterThan(journal.stored.count, 500)
        XCTAssertEqual(journal.checkpoints.count, 2)
        for (t, expected) in statesAt {
            let folded = try JournalFold.state(at: t, from: journal, base: CityState())
            XCTAssertEqual(try folded.canonicalEncoding(), try expected.canonicalEncoding(), "state at \(t)")
        }
    }
}
