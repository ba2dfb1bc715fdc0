import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// Consoles following one shared journal: entries another process appended are applied in
/// order and not appended again; an action is appended, then read back with whatever came
/// between; every console at entry N has the state of the journal's fold through N; a journal
/// that cannot be read leaves the state stale, refuses actions, and is resumed by sequence.
final class SessionFollowTests: XCTestCase {
    static let t0 = SessionFixtures.t0

    func console(_ name: String, on journal: any Journal, role: Role = .supervisor) throws -> Session {
        var state = CityState()
        state.registerUnits(SessionActionTests.units)
        let session = Session(state: state, layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                              identity: ConsoleIdentity(user: name, role: role, console: name), journal: journal)
        session.followsJournal = true
        XCTAssertNotNil(session.restoreFromJournal())
        return session
    }

    /// What `pantau journal info` folds: every entry swept as of its time, then applied.
    func fold(_ journal: any Journal) throws -> JournalFold.Folded {
        var base = CityState()
        base.registerUnits(SessionActionTests.units)
        var folded = JournalFold.start(from: nil, base: base)
        try JournalFold.fold(&folded, from: journal, through: Instant(millis: .max))
        return folded
    }

    /// An ingest process's append: at the wall clock, as `pantau ingest` appends.
    func ingest(_ events: [FeedEvent], into journal: any Journal) throws {
        _ = try journal.append(events, recordedAt: Instant(date: Date()))
    }

    func newIncident(_ id: String, at minutes: Double) -> FeedEvent {
        SessionFixtures.incident(id, at: minutes) {
            $0.category = .flood
            $0.severity = 4
            $0.title = "Genangan 40 cm"
            $0.status = .new
        }
    }

    func testTwoConsolesSeeTheFeedAndEachOthersActionsAndReachTheFoldsState() throws {
        let journal = InMemoryJournal()
        try ingest(Array(SessionFixtures.simulated(hours: 1).prefix(300)) + [newIncident("INC-F-1", at: 30)], into: journal)
        let a = try console("ani", on: journal)
        let b = try console("budi", on: journal)
        XCTAssertEqual(a.journalSequence, 301)
        XCTAssertEqual(a.state.incidents["INC-F-1"]?.status, .new)

        // A acknowledges; the feed appends between A's last read and its action.
        try ingest([newIncident("INC-F-2", at: 31)], into: journal)
        guard case .accepted(let id) = a.submit(ActionRequest(verb: .acknowledge, target: "INC-F-1")) else {
            return XCTFail("the acknowledgement was not accepted")
        }
        XCTAssertEqual(journal.stored.count, 303, "the action appended once, after the feed's entry")
        XCTAssertTrue(journal.stored[302].line.contains(id))
        XCTAssertEqual(a.journalSequence, 303, "the feed's entry and the action applied in order")
        XCTAssertNotNil(a.state.incidents["INC-F-2"])
        XCTAssertEqual(a.state.incidents["INC-F-1"]?.status, .acknowledged)

        // B learns of both by reading the journal; nothing is appended again.
        XCTAssertEqual(b.state.incidents["INC-F-1"]?.status, .new)
        XCTAssertTrue(b.catchUp().frameOwed)
        XCTAssertEqual(b.state.incidents["INC-F-1"]?.status, .acknowledged)
        XCTAssertEqual(b.state.incidents["INC-F-1"]?.acknowledgedBy, "ani")
        XCTAssertEqual(journal.stored.count, 303)
        XCTAssertFalse(b.catchUp().frameOwed, "nothing new")

        // Ticks do not move a follower's state: it moves with the journal.
        b.update(.tick(now: Instant(date: Date()).adding(seconds: 3 * 86_400), wall: Instant(date: Date())))
        let expected = try fold(journal)
        XCTAssertEqual(expected.sequence, 303)
        XCTAssertEqual(a.stateFingerprint(), try StateFingerprint(expected.state))
        XCTAssertEqual(b.stateFingerprint(), a.stateFingerprint())

        // The sources overlay says which entry and which state.
        b.update(.resize(width: 120, height: 40))
        b.update(.keys([.char("s")]))
        let hex = try XCTUnwrap(b.stateFingerprint()).hex
        let text = b.frame(status: DashboardStatus(mode: .live, skippedLines: 0, message: nil, time: Instant(date: Date()))).text
        XCTAssertTrue(text.contains("journal entry 303 · state \(hex.prefix(16))"), text)
    }

    func testTwoSupervisorsDispatchingToOneIncidentAtOnceOneWinsAndTheLoserSeesWho() throws {
        let journal = InMemoryJournal()
        try ingest([newIncident("INC-D-1", at: 1)], into: journal)
        let ani = try console("ani", on: journal)
        let budi = try console("budi", on: journal)
        var first = ActionFields()
        first.unit = "DMK-01"
        var second = ActionFields()
        second.unit = "DMK-02"

        // Both saw version 1; Ani's dispatch is journaled first, Budi's (not yet read Ani's) after.
        guard case .accepted = ani.submit(ActionRequest(verb: .dispatch, target: "INC-D-1", fields: first)) else {
            return XCTFail("the first dispatch was not accepted")
        }
        let lost = budi.submit(ActionRequest(verb: .dispatch, target: "INC-D-1", fields: second))
        guard case .rejected(_, let reason) = lost else { return XCTFail("the second dispatch was \(lost)") }
        XCTAssertTrue(reason.hasPrefix("INC-D-1 changed since you looked: ani dispatched DMK-01"), reason)
        XCTAssertEqual(budi.state.incidents["INC-D-1"]?.units, ["DMK-01"])

        // Ani reads Budi's rejected action too: the same state on both.
        ani.catchUp()
        XCTAssertEqual(ani.journalSequence, 3)
        XCTAssertEqual(ani.stateFingerprint(), budi.stateFingerprint())
        XCTAssertEqual(ani.stateFingerprint(), try StateFingerprint(try fold(journal).state))
    }

    func testABacklogIsReadABatchAtATime() throws {
        let journal = InMemoryJournal()
        let session = try console("ani", on: journal)
        try ingest(Array(SessionFixtures.simulated(hours: 1).prefix(250)), into: journal)
        session.catchUp(limit: 100)
        XCTAssertEqual(session.journalSequence, 100)
        XCTAssertTrue(session.hasUnreadEntries)
        session.catchUp(limit: 100)
        session.catchUp(limit: 100)
        XCTAssertEqual(session.journalSequence, 250)
        XCTAssertFalse(session.hasUnreadEntries)
    }

    func testAFollowingConsoleEvaluatesNoRulesSoConsolesDoNotJournalTheSameAlarm() throws {
        let rules = try RulesFile.parse("rules:\n  - name: pm-high\n    when: above\n    sensor: pm25\n    value: 100\n", file: "test.yaml")
        var reading = SensorReading(station: "spku-test", sensor: .pm25, value: 250)
        reading.name = "SPKU test"
        let events = [FeedEvent(time: Instant(date: Date()), source: "test", payload: .sensor(reading))]

        // A console running its own sources raises and journals the alarm...
        let own = InMemoryJournal()
        let local = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")), journal: own)
        local.rules = RuleEvaluator(rules: rules.rules)
        local.update(.events(events))
        let raised = local.update(.tick(now: Instant(date: Date()), wall: Instant(date: Date()))).raisedAlarms
        XCTAssertEqual(raised.map(\.alarm.rule), ["pm-high"], "the control: the rule raises")
        XCTAssertTrue(own.stored.contains { JournalTimeline.isRaisedAlarm($0.line) })

        // ...a following console, given the same rules, neither raises nor journals one.
        let shared = InMemoryJournal()
        let follower = try console("ani", on: shared)
        follower.rules = RuleEvaluator(rules: rules.rules)
        try ingest(events, into: shared)
        follower.catchUp()
        XCTAssertEqual(follower.update(.tick(now: Instant(date: Date()), wall: Instant(date: Date()))).raisedAlarms, [])
        XCTAssertEqual(shared.stored.count, 1, "nothing but the feed's reading")
    }

    func testEntriesAreAppliedInSequenceOnceUpToAGap() throws {
        let journal = InMemoryJournal()
        try ingest([newIncident("INC-G-1", at: 1), newIncident("INC-G-2", at: 2), newIncident("INC-G-3", at: 3)], into: journal)
        let session = try console("ani", on: InMemoryJournal())
        let entries = journal.stored
        XCTAssertTrue(session.update(.journaled([entries[0]])).frameOwed)
        XCTAssertFalse(session.update(.journaled([entries[0]])).frameOwed, "an entry applied before is not applied again")
        session.update(.journaled([entries[2]]))
        XCTAssertEqual(session.journalSequence, 1, "entry 3 waits for entry 2")
        XCTAssertNil(session.state.incidents["INC-G-3"])
        session.update(.journaled(entries))
        XCTAssertEqual(session.journalSequence, 3)
        XCTAssertEqual(session.state.eventCount, 3)
    }

    func testAJournalThatCannotBeReadLeavesTheStateStaleRefusesActionsAndResumesBySequence() throws {
        let shared = InMemoryJournal()
        let journal = FlakyJournal(shared)
        try ingest([newIncident("INC-S-1", at: 1)], into: shared)
        let session = try console("ani", on: journal)
        let before = try XCTUnwrap(session.stateFingerprint())

        journal.readFailure = JournalError(.unavailable, "journal /srv/j.sqlite is unavailable (disk I/O error)")
        try ingest([newIncident("INC-S-2", at: 2)], into: shared)
        XCTAssertTrue(session.catchUp().frameOwed, "the problem is shown")
        XCTAssertEqual(session.statusNote, "STALE at entry 1: journal: journal /srv/j.sqlite is unavailable (disk I/O error) — actions refused")
        XCTAssertEqual(session.stateFingerprint(), before, "the last state is kept")
        let refused = session.submit(ActionRequest(verb: .acknowledge, target: "INC-S-1"))
        XCTAssertEqual(refused, .refused(reason: "journal: journal /srv/j.sqlite is unavailable (disk I/O error) — actions refused"))
        XCTAssertEqual(shared.stored.count, 2, "nothing appended, nothing queued")

        journal.readFailure = nil
        session.catchUp()
        XCTAssertNil(session.statusNote)
        XCTAssertEqual(session.journalSequence, 2, "resumed after entry 1")
        XCTAssertNotNil(session.state.incidents["INC-S-2"])
        guard case .accepted = session.submit(ActionRequest(verb: .acknowledge, target: "INC-S-1")) else {
            return XCTFail("the action was not accepted once the journal was back")
        }
        XCTAssertEqual(session.journalSequence, 3)
    }

    func testARestoredFollowerMatchesOneThatFollowedAllAlong() throws {
        let journal = InMemoryJournal()
        let events = SessionFixtures.simulated(hours: 2)
        let early = try console("ani", on: journal)
        early.checkpointInterval = 400
        for chunk in stride(from: 0, to: events.count, by: 250) {
            try ingest(Array(events[chunk..<min(events.count, chunk + 250)]), into: journal)
            early.catchUp()
        }
        early.savePendingCheckpoint()
        XCTAssertFalse(journal.checkpoints.isEmpty, "the follower checkpoints the fold")
        let late = try console("budi", on: journal)
        XCTAssertEqual(late.journalSequence, Int64(events.count))
        XCTAssertEqual(late.stateFingerprint(), early.stateFingerprint())
        XCTAssertEqual(late.stateFingerprint(), try StateFingerprint(try fold(journal).state))
    }
}

/// A journal over another whose reads can be made to fail (the file gone, an I/O error).
private final class FlakyJournal: Journal {
    let inner: InMemoryJournal
    var readFailure: JournalError?

    init(_ inner: InMemoryJournal) { self.inner = inner }

    func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        if let readFailure { throw readFailure }
        return try inner.append(events, at: times, recordedAt: recordedAt)
    }
    func lastSequence() throws(JournalError) -> Int64 { try inner.lastSequence() }
    func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64 { try inner.lastSequence(atOrBefore: time) }
    func timeSpan() throws(JournalError) -> ClosedRange<Instant>? { try inner.timeSpan() }
    func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        if let readFailure { throw readFailure }
        return try inner.entries(after: sequence, limit: limit)
    }
    func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) { try inner.saveCheckpoint(checkpoint) }
    func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? { try inner.latestCheckpoint(atOrBefore: sequence) }
    func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint? { try inner.latestCheckpoint(asOf: time) }
}
