import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// The session driven by messages alone, with no terminal: what each message does to the
/// state, the dashboard, the journal, and what it asks of the runner.
final class SessionTests: XCTestCase {
    static let t0 = RFC3339.parse("2026-11-23T06:00:00+07:00")!

    func layout(_ name: String = "command-center") throws -> Layout {
        try XCTUnwrap(try ShippedLayouts.named(name))
    }

    /// A simulated city's events from 06:00 for `hours` (the seed is printed).
    func simulated(seed: UInt64 = 9, hours: Double = 2) -> [FeedEvent] {
        print("CitySimulator seed \(seed)")
        var events: [FeedEvent] = []
        CitySimulator(seed: seed, start: Self.t0, hours: hours).run { events.append($0) }
        return events
    }

    func incident(_ id: String, at minutes: Double, _ build: (inout IncidentUpdate) -> Void) -> FeedEvent {
        var u = IncidentUpdate(id: id)
        build(&u)
        return FeedEvent(time: Self.t0.adding(seconds: minutes * 60), source: "test", payload: .incident(u))
    }

    func frameText(_ session: Session, at now: Instant) -> String {
        session.frame(status: DashboardStatus(mode: .snapshot, skippedLines: 0, message: nil, time: now)).text
    }

    func testLiveEventsAreJournaledInOneAppendThenApplied() throws {
        let journal = InMemoryJournal()
        let session = Session(layout: try layout(), journal: journal)
        let events = Array(simulated().prefix(500))
        XCTAssertGreaterThan(events.count, 100)

        let effects = session.update(.events(events))

        XCTAssertTrue(effects.frameOwed)
        XCTAssertEqual(effects.commands, [])
        XCTAssertEqual(session.state.eventCount, events.count)
        XCTAssertEqual(journal.stored.map(\.sequence), (1...Int64(events.count)).map { $0 })
        XCTAssertEqual(Set(journal.stored.map(\.recordedAt)).count, 1, "one append for the batch")
        XCTAssertEqual(journal.stored.map(\.line), events.map(FeedEventEncoder.line(for:)))
        XCTAssertEqual(session.journalSequence, Int64(events.count))
        XCTAssertGreaterThan(session.dashboard.activity.recorded, 0)

        XCTAssertFalse(session.update(.events([])).frameOwed)
        XCTAssertEqual(journal.stored.count, events.count)
    }

    func testPlayedEventsBuildTheStateAReplayBuildsByHand() throws {
        let events = simulated()
        let played = events.map { ScheduledEvent(event: $0, arrival: $0.time) }
        let session = Session(layout: try layout(), journal: InMemoryJournal())
        for chunk in stride(from: 0, to: played.count, by: 1000) {
            XCTAssertTrue(session.update(.played(Array(played[chunk..<min(played.count, chunk + 1000)]))).frameOwed)
        }
        let end = try XCTUnwrap(played.last?.arrival)
        session.update(.tick(now: end, wall: Instant(millis: 0)))
        session.update(.resize(width: 120, height: 40))

        var state = CityState()
        var activity = ActivityLog()
        for e in played {
            e.apply(to: &state)
            activity.record(e.event)
        }
        state.sweep(asOf: end)
        var dashboard = Dashboard(layout: try layout())
        dashboard.now = end
        dashboard.activity = activity
        dashboard.observe(state)
        let byHand = dashboard.render(state: state, status: DashboardStatus(mode: .snapshot, skippedLines: 0, message: nil, time: end),
                                      width: 120, height: 40).text

        XCTAssertEqual(session.state.eventCount, state.eventCount)
        XCTAssertEqual(session.dashboard.activity.recorded, activity.recorded)
        XCTAssertEqual(frameText(session, at: end), byHand)
    }

    func testCatchUpLogsOnlyRecentEventsAndLeavesNewIncidentsUnseen() throws {
        let events = simulated()
        let played = events.map { ScheduledEvent(event: $0, arrival: $0.time) }
        let logFrom = Self.t0.adding(seconds: 3600)
        let session = Session(layout: try layout())
        session.update(.keys([.char("2")])) // the incidents pane has focus: played incidents count as seen

        session.update(.caughtUp(played, logFrom: logFrom))

        XCTAssertEqual(session.state.eventCount, events.count)
        let recent = events.filter { $0.time >= logFrom && ActivityLog.entry(for: $0) != nil }.count
        XCTAssertEqual(session.dashboard.activity.recorded, recent)
        XCTAssertLessThan(recent, events.count)
        XCTAssertTrue(session.hasUnseenIncidents, "a catch-up does not mark incidents seen")

        session.update(.played([]))
        XCTAssertTrue(session.hasUnseenIncidents, "nothing played, nothing seen")
        session.update(.played([ScheduledEvent(event: incident("INC-NEW", at: 130) { $0.title = "x"; $0.severity = 3 },
                                               arrival: Self.t0.adding(seconds: 130 * 60))]))
        XCTAssertFalse(session.hasUnseenIncidents, "played with the incidents pane focused: seen")
    }

    func testKeysAnswerLayoutAndMessageFirstThenTimeAndQuitEndsThem() throws {
        let session = Session(layout: try layout())
        let effects = session.update(.keys([.char(" "), .char("L"), .resize, .char("+")]))
        XCTAssertTrue(effects.keysArrived)
        XCTAssertTrue(effects.frameOwed)
        XCTAssertEqual(effects.commands, [.layout(.cycleLayout), .redrawAll, .clock(.togglePause), .clock(.faster)])
        XCTAssertFalse(effects.quit)

        let quitting = session.update(.keys([.char(" "), .char("q"), .char("L")]))
        XCTAssertEqual(quitting.commands, [.clock(.togglePause), .quit], "keys after q are not taken")
        XCTAssertTrue(quitting.quit)

        XCTAssertEqual(session.update(.keys([.char("\u{0C}")])).commands, [.redrawAll])
        let none = session.update(.keys([]))
        XCTAssertFalse(none.keysArrived)
        XCTAssertFalse(none.frameOwed)
    }

    func testTickSetsNowAndClosesAnExpiredAlert() throws {
        let session = Session(layout: try layout())
        let expires = Self.t0.adding(seconds: 600)
        session.update(.events([incident("CAP-1", at: 0) {
            $0.category = .weather; $0.severity = 3; $0.title = "Peringatan dini"; $0.status = .new; $0.expires = expires
        }]))
        XCTAssertEqual(session.state.openIncidentIDs, ["CAP-1"])

        let wall = Instant(millis: 1_800_000_000_000)
        XCTAssertFalse(session.update(.tick(now: Self.t0.adding(seconds: 300), wall: wall)).frameOwed)
        XCTAssertEqual(session.dashboard.now, Self.t0.adding(seconds: 300))
        XCTAssertEqual(session.dashboard.wallNow, wall)
        XCTAssertTrue(session.update(.tick(now: expires.adding(seconds: 1), wall: wall)).frameOwed)
        XCTAssertEqual(session.state.openIncidentIDs, [])
    }

    func testResizeOwesAFrameOnlyWhenTheSizeChanges() throws {
        let session = Session(layout: try layout())
        XCTAssertTrue(session.update(.resize(width: 100, height: 30)).frameOwed)
        XCTAssertEqual(session.dashboard.screenSize.width, 100)
        XCTAssertEqual(session.dashboard.screenSize.height, 30)
        XCTAssertFalse(session.update(.resize(width: 100, height: 30)).frameOwed)
        XCTAssertEqual(frameText(session, at: Self.t0).split(separator: "\n").count, 30)
    }

    func testSourceHealthMakesTheStatusLineAndTheLog() throws {
        let session = Session(layout: try layout())
        var bmkg = SourceHealth(name: "bmkg", type: "http", format: "bmkg-cap", state: .live)
        XCTAssertFalse(session.update(.health([bmkg], dropped: 0)).frameOwed)
        XCTAssertNil(session.statusNote)

        bmkg.state = .failing("HTTP 500")
        bmkg.skipped = 3
        XCTAssertTrue(session.update(.health([bmkg], dropped: 2)).frameOwed)
        let note = try XCTUnwrap(session.statusNote)
        XCTAssertTrue(note.contains("bmkg") && note.contains("HTTP 500") && note.contains("2 events dropped"), note)
        XCTAssertEqual(session.skippedLines, 3)
        XCTAssertEqual(session.dashboard.sources.map(\.name), ["bmkg"])
        XCTAssertTrue(session.dashboard.activity.latest(10).contains { $0.text.contains("failing") && $0.subject == "bmkg" })

        XCTAssertFalse(session.update(.health([bmkg], dropped: 2)).frameOwed, "nothing new")

        let recording = SourceHealth(name: "day.ndjson", type: "replay", format: "ndjson", state: .live)
        let logged = session.dashboard.activity.recorded
        session.update(.recordingHealth(recording))
        XCTAssertEqual(session.dashboard.sources.map(\.name), ["day.ndjson"])
        XCTAssertEqual(session.dashboard.activity.recorded, logged, "a recording's health is not logged")
    }

    func testAFailingJournalKeepsFeedsFlowingAndSaysSo() throws {
        let journal = InMemoryJournal()
        journal.failure = JournalError(.full, "disk full")
        let session = Session(layout: try layout(), journal: journal)
        let events = simulated()

        XCTAssertTrue(session.update(.events(Array(events[0..<100]))).frameOwed)
        session.update(.events(Array(events[100..<200])))

        XCTAssertEqual(session.state.eventCount, 200, "feeds apply and show")
        XCTAssertEqual(journal.stored.count, 0)
        XCTAssertEqual(session.statusNote, "journal: disk full — actions refused")
        XCTAssertEqual(session.dashboard.activity.latest(500).filter { $0.text.contains("disk full") }.count, 1,
                       "logged once, not once a turn")

        journal.failure = nil
        session.update(.events(Array(events[200..<300])))
        XCTAssertNil(session.journalProblem)
        XCTAssertNil(session.statusNote)
        XCTAssertEqual(journal.stored.count, 100)
    }

    func testRestoreFromCheckpointAndEntriesEqualsTheLiveFold() throws {
        let events = simulated(hours: 3)
        let journal = InMemoryJournal()
        let live = Session(layout: try layout(), journal: journal)
        live.checkpointInterval = 1000
        for chunk in stride(from: 0, to: events.count, by: 300) {
            live.update(.events(Array(events[chunk..<min(events.count, chunk + 300)])))
        }
        XCTAssertGreaterThan(journal.checkpoints.count, 0, "checkpoints every 1000 entries")
        let lastCheckpoint = try XCTUnwrap(journal.checkpoints.last?.sequence)
        XCTAssertLessThan(lastCheckpoint, Int64(events.count), "entries after the checkpoint are folded too")

        let restored = Session(layout: try layout(), journal: journal)
        let folded = try restored.restore(from: journal)

        XCTAssertEqual(folded, events.count - Int(lastCheckpoint))
        XCTAssertEqual(restored.journalSequence, Int64(events.count))
        XCTAssertEqual(restored.state.eventCount, live.state.eventCount)
        let end = try XCTUnwrap(events.last?.time)
        for session in [live, restored] { session.update(.tick(now: end, wall: end)) }
        XCTAssertEqual(frameText(restored, at: end), frameText(live, at: end))

        // With no checkpoint, the fold starts at the first entry and ends the same.
        let plain = InMemoryJournal()
        _ = try plain.append(events, recordedAt: end)
        let fromZero = Session(layout: try layout(), journal: plain)
        XCTAssertEqual(try fromZero.restore(from: plain), events.count)
        fromZero.update(.tick(now: end, wall: end))
        XCTAssertEqual(frameText(fromZero, at: end), frameText(live, at: end))
    }

    func testACleanExitCheckpointsOnceAndRestoreKeepsTheConfiguredStaleLimits() throws {
        let journal = InMemoryJournal()
        let session = Session(layout: try layout(), journal: journal)
        session.update(.events(Array(simulated().prefix(50))))
        session.checkpoint()
        session.checkpoint()
        XCTAssertEqual(journal.checkpoints.map(\.sequence), [50], "one checkpoint, through the last entry")

        var configured = CityState()
        configured.staleLimits = StaleLimits(traffic: 42, sensor: 43)
        let next = Session(state: configured, layout: try layout(), journal: journal)
        XCTAssertEqual(try next.restore(from: journal), 0)
        XCTAssertEqual(next.state.eventCount, 50)
        XCTAssertEqual(next.state.staleLimits.traffic, 42)
    }

    func testARestoreRefusesAnEntryThatDoesNotDecode() throws {
        let journal = CorruptJournal()
        let session = Session(layout: try layout())
        XCTAssertThrowsError(try session.restore(from: journal)) { error in
            XCTAssertEqual((error as? JournalError)?.kind, .corrupt)
            XCTAssertTrue("\(error)".contains("entry 1"), "\(error)")
        }
    }
}

/// A journal whose one entry is not a feed line.
private final class CorruptJournal: Journal {
    func append(_ events: [FeedEvent], recordedAt: Instant) throws(JournalError) -> [JournalEntry] { [] }
    func lastSequence() throws(JournalError) -> Int64 { 1 }
    func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        sequence < 1 ? [JournalEntry(sequence: 1, recordedAt: Instant(millis: 0), line: "{not json", hash: "")] : []
    }
    func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) {}
    func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? { nil }
}
