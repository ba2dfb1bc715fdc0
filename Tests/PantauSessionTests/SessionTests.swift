import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// The session driven by messages alone, with no terminal: what each message does to the
/// state, the dashboard, the journal, and what it asks of the runner.
final class SessionTests: XCTestCase {
    static let t0 = SessionFixtures.t0

    func layout(_ name: String = "command-center") throws -> Layout {
        try XCTUnwrap(try ShippedLayouts.named(name))
    }

    func simulated(seed: UInt64 = 9, hours: Double = 2) -> [FeedEvent] { SessionFixtures.simulated(seed: seed, hours: hours) }

    func incident(_ id: String, at minutes: Double, _ build: (inout IncidentUpdate) -> Void) -> FeedEvent {
        SessionFixtures.incident(id, at: minutes, build)
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
            live.savePendingCheckpoint() // encoded in the background: saved here, as a later turn would
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


/// Actions from the console: refused by role before the journal, journaled then applied,
/// rejected by the reducer with its reason, refused while the journal cannot take them.
final class SessionActionTests: XCTestCase {
    static let t0 = SessionFixtures.t0
    static let units = [
        UnitDefinition(id: "DMK-01", name: "Damkar Pos Cipondoh 1", agency: "Damkar", kind: "fire_engine"),
        UnitDefinition(id: "DMK-02", name: "Damkar Pos Ciledug 1", agency: "Damkar", kind: "fire_engine"),
    ]

    func session(_ role: Role, journal: InMemoryJournal = InMemoryJournal()) throws -> Session {
        var state = CityState()
        state.registerUnits(Self.units)
        let session = Session(state: state, layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                              identity: ConsoleIdentity(user: "sari", role: role, console: "desk-1"), journal: journal)
        session.update(.tick(now: Self.t0, wall: Self.t0))
        return session
    }

    func create(_ id: String) -> ActionRequest {
        var f = ActionFields()
        f.category = .fire
        f.severity = 4
        f.title = "Kebakaran rumah, Jl. Ahmad Yani"
        f.district = "Tangerang"
        f.callerName = "Bu Siti"
        f.callerPhone = "081234567789"
        return ActionRequest(verb: .create, target: id, fields: f)
    }

    func testAnAcceptedActionIsJournaledBeforeItShowsAndCarriesWhoWhereAndWhen() throws {
        let journal = InMemoryJournal()
        let session = try session(.supervisor, journal: journal)

        let effects = session.update(.action(create("INC-112-1")))

        guard case .accepted(let id)? = effects.submission else { return XCTFail("\(String(describing: effects.submission))") }
        XCTAssertTrue(id.hasPrefix("desk-1-"), id)
        XCTAssertEqual(effects.commands, [.message("Done", seconds: 4)])
        XCTAssertTrue(effects.frameOwed)
        let incident = try XCTUnwrap(session.state.incidents["INC-112-1"])
        XCTAssertEqual(incident.title, "Kebakaran rumah, Jl. Ahmad Yani")
        XCTAssertEqual(journal.stored.count, 1)
        let line = try XCTUnwrap(journal.stored.first?.line)
        for part in ["\"kind\":\"action\"", "\"verb\":\"create\"", "\"by\":\"sari\"", "\"role\":\"supervisor\"",
                     "\"console\":\"desk-1\"", "\"action_id\":\"\(id)\""] {
            XCTAssertTrue(line.contains(part), "\(part) in \(line)")
        }
        XCTAssertEqual(session.state.clock, Self.t0, "the action happens at the console's now")

        // The next action sees the incident's version and gets its own id.
        var dispatch = ActionFields()
        dispatch.unit = "DMK-01"
        guard case .accepted(let second) = session.submit(ActionRequest(verb: .acknowledge, target: "INC-112-1")) else {
            return XCTFail("acknowledge should be accepted")
        }
        XCTAssertNotEqual(second, id)
        let seen = try XCTUnwrap(session.state.incidents["INC-112-1"]?.version)
        XCTAssertGreaterThan(seen, 0)
        guard case .accepted = session.submit(ActionRequest(verb: .dispatch, target: "INC-112-1", fields: dispatch)) else {
            return XCTFail("dispatch should be accepted")
        }
        XCTAssertEqual(session.state.units["DMK-01"]?.incidentID, "INC-112-1")
        let dispatchLine = try XCTUnwrap(journal.stored.last?.line)
        XCTAssertTrue(dispatchLine.contains("\"seen_version\":\(seen)"), "dispatch saw version \(seen): \(dispatchLine)")
    }

    func testADeskKeyActsThroughTheSessionAndAViewerHasNone() throws {
        let feed = SessionFixtures.incident("INC-20261123-0042", at: 0) {
            $0.category = .fire; $0.severity = 4; $0.status = .new; $0.title = "Kebakaran ruko"
        }
        let journal = InMemoryJournal()
        let supervisor = try session(.supervisor, journal: journal)
        XCTAssertEqual(supervisor.dashboard.role, .supervisor, "the dashboard's keys follow the console's role")
        supervisor.update(.events([feed]))

        let effects = supervisor.update(.keys([.char("2"), .char("a")]))

        guard case .accepted? = effects.submission else { return XCTFail("\(String(describing: effects.submission))") }
        XCTAssertTrue(effects.commands.contains(.message("Done", seconds: 4)), "\(effects.commands)")
        XCTAssertEqual(status(in: supervisor, of: "INC-20261123-0042"), "acknowledged")
        XCTAssertTrue(try XCTUnwrap(journal.stored.last?.line).contains("\"verb\":\"acknowledge\""))

        let viewerJournal = InMemoryJournal()
        let viewer = try session(.viewer, journal: viewerJournal)
        viewer.update(.events([feed]))
        XCTAssertNil(viewer.update(.keys([.char("2"), .char("a")])).submission, "a viewer has no desk keys")
        XCTAssertEqual(viewerJournal.stored.count, 1, "only the feed event")
        XCTAssertEqual(status(in: viewer, of: "INC-20261123-0042"), "new")
    }

    func status(in session: Session, of id: String) -> String? { session.state.incidents[id]?.status.rawValue }

    func testACallWithNoIdIsNamedByTheConsole() throws {
        let session = try session(.operator)
        var request = create("")
        request.fields.title = "Pohon tumbang"
        guard case .accepted = session.submit(request) else { return XCTFail("create should be accepted") }
        let id = try XCTUnwrap(session.state.incidents.values.first { $0.title == "Pohon tumbang" }?.id)
        XCTAssertTrue(id.hasPrefix("CALL-desk-1-"), id)
    }

    func testARoleThatMayNotIsRefusedWithTheRoleItNeedsAndNothingIsJournaled() throws {
        let journal = InMemoryJournal()
        let session = try session(.operator, journal: journal)
        XCTAssertEqual(session.submit(create("INC-112-1")).message, "Done", "an operator creates from a call")
        var fields = ActionFields()
        fields.unit = "DMK-01"

        let effects = session.update(.action(ActionRequest(verb: .dispatch, target: "INC-112-1", fields: fields)))

        XCTAssertEqual(effects.submission, .refused(reason: "dispatch needs the supervisor role"))
        XCTAssertEqual(effects.commands, [.message("Refused: dispatch needs the supervisor role", seconds: 4)])
        XCTAssertEqual(journal.stored.count, 1, "a refused action is not journaled")
        XCTAssertNil(session.state.units["DMK-01"]?.incidentID)

        let viewer = try self.session(.viewer)
        XCTAssertEqual(viewer.submit(ActionRequest(verb: .acknowledge, target: "INC-112-1")),
                       .refused(reason: "acknowledge needs the operator role"))
    }

    func testAnActionThatNoLongerFitsIsJournaledAsRejectedWithTheReason() throws {
        let journal = InMemoryJournal()
        let session = try session(.supervisor, journal: journal)
        session.submit(create("INC-112-1"))
        var fields = ActionFields()
        fields.unit = "DMK-01"
        session.submit(ActionRequest(verb: .dispatch, target: "INC-112-1", fields: fields))
        session.submit(create("INC-112-2"))

        let effects = session.update(.action(ActionRequest(verb: .dispatch, target: "INC-112-2", fields: fields)))

        guard case .rejected(let id, let reason)? = effects.submission else { return XCTFail("\(String(describing: effects.submission))") }
        XCTAssertEqual(reason, "DMK-01 is on INC-112-1")
        XCTAssertEqual(effects.commands, [.message("Rejected: DMK-01 is on INC-112-1", seconds: 4)])
        XCTAssertEqual(journal.stored.count, 4, "rejected actions are on the record")
        XCTAssertEqual(session.state.actionOutcomes[id], .rejected(reason: reason))
        XCTAssertEqual(session.state.units["DMK-01"]?.incidentID, "INC-112-1")
    }

    func testWhileTheJournalFailsActionsAreRefusedWithItsReasonAndFeedsGoOn() throws {
        let journal = InMemoryJournal()
        let session = try session(.supervisor, journal: journal)
        journal.failure = JournalError(.readOnly, "journal.sqlite is read-only")

        let effects = session.update(.action(create("INC-112-1")))

        XCTAssertEqual(effects.submission, .refused(reason: "journal: journal.sqlite is read-only — actions refused"))
        XCTAssertNil(session.state.incidents["INC-112-1"], "not applied: it could not be made durable")
        XCTAssertEqual(session.statusNote, "journal: journal.sqlite is read-only — actions refused")
        session.update(.events([SessionFixtures.incident("INC-FEED", at: 1) { $0.title = "Banjir"; $0.severity = 3 }]))
        XCTAssertNotNil(session.state.incidents["INC-FEED"], "feeds still apply")

        journal.failure = nil
        XCTAssertEqual(session.submit(create("INC-112-1")).message, "Done")
        XCTAssertNil(session.statusNote)
    }

    func testAJournalThatCannotBeOpenedRefusesActionsButShowsFeeds() throws {
        let session = try session(.supervisor)
        session.disableJournal(JournalError(.corrupt, "journal.sqlite is not a journal"))
        XCTAssertEqual(session.submit(create("INC-112-1")), .refused(reason: "journal: journal.sqlite is not a journal — actions refused"))
        session.update(.events([SessionFixtures.incident("INC-FEED", at: 1) { $0.title = "Banjir"; $0.severity = 3 }]))
        XCTAssertNotNil(session.state.incidents["INC-FEED"])
        XCTAssertEqual(session.statusNote, "journal: journal.sqlite is not a journal — actions refused")
    }

    func testRestoringFeedsAndActionsGivesTheSameStateAsLive() throws {
        let journal = InMemoryJournal()
        let live = try session(.supervisor, journal: journal)
        live.checkpointInterval = 700
        let events = SessionFixtures.simulated(seed: 11, hours: 2)
        var fields = ActionFields()
        fields.unit = "DMK-02"
        for (n, chunk) in stride(from: 0, to: events.count, by: 250).enumerated() {
            live.update(.events(Array(events[chunk..<min(events.count, chunk + 250)])))
            live.update(.tick(now: events[min(events.count, chunk + 250) - 1].time, wall: Self.t0))
            live.submit(create("INC-CALL-\(n)"))
            live.submit(ActionRequest(verb: .acknowledge, target: "INC-CALL-\(n)"))
            live.submit(ActionRequest(verb: .dispatch, target: "INC-CALL-\(n)", fields: fields)) // taken after the first
            live.savePendingCheckpoint()
        }
        XCTAssertGreaterThan(journal.checkpoints.count, 1)
        XCTAssertTrue(live.state.actionOutcomes.values.contains { !$0.isAccepted }, "some dispatches were rejected")

        var configured = CityState()
        configured.registerUnits(Self.units)
        let restored = Session(state: configured, layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                               journal: journal)
        XCTAssertNotNil(restored.restoreFromJournal())

        XCTAssertEqual(try StateFingerprint(restored.state), try StateFingerprint(live.state))
        XCTAssertEqual(restored.state.actionOutcomes, live.state.actionOutcomes)
        XCTAssertEqual(restored.state.units["DMK-02"]?.incidentID, "INC-CALL-0")
    }
}

/// Events for session tests: a simulated city from 06:00 and hand-made incidents.
enum SessionFixtures {
    static let t0 = RFC3339.parse("2026-11-23T06:00:00+07:00")!

    /// A simulated city's events from 06:00 for `hours` (the seed is printed).
    static func simulated(seed: UInt64 = 9, hours: Double = 2) -> [FeedEvent] {
        print("CitySimulator seed \(seed)")
        var events: [FeedEvent] = []
        CitySimulator(seed: seed, start: t0, hours: hours).run { events.append($0) }
        return events
    }

    static func incident(_ id: String, at minutes: Double, _ build: (inout IncidentUpdate) -> Void) -> FeedEvent {
        var u = IncidentUpdate(id: id)
        build(&u)
        return FeedEvent(time: t0.adding(seconds: minutes * 60), source: "test", payload: .incident(u))
    }
}

/// A journal whose one entry is not a feed line.
private final class CorruptJournal: Journal {
    func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry] { [] }
    func lastSequence() throws(JournalError) -> Int64 { 1 }
    func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64 { 1 }
    func timeSpan() throws(JournalError) -> ClosedRange<Instant>? { Instant(millis: 0)...Instant(millis: 0) }
    func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint? { nil }
    func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        sequence < 1 ? [JournalEntry(sequence: 1, recordedAt: Instant(millis: 0), line: "{not json", hash: "")] : []
    }
    func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) {}
    func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? { nil }
}
