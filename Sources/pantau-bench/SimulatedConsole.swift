import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauPostgres
import PantauSession
import PantauUI

// One console of `pantau-bench consoles` (see ConsoleSimulation.swift): a real following
// `Session` on a PostgreSQL journal of its own, woken by LISTEN/NOTIFY on a second connection,
// drawing frames at the live pace (`FramePacer`) into a 200x60 cell grid, and acting at random.

/// When each action a console appended was committed (its append returned), by sequence: what
/// the other consoles' frames are timed against.
final class ActionLedger: @unchecked Sendable {
    struct Commit: Sendable {
        var sequence: Int64
        /// Monotonic seconds when the append returned.
        var at: Double
        var console: Int
    }

    private let lock = NSLock()
    private var commits: [Commit] = []

    func note(_ commit: Commit) {
        lock.lock()
        commits.append(commit)
        lock.unlock()
    }

    var all: [Commit] {
        lock.lock()
        defer { lock.unlock() }
        return commits
    }
}

/// A console's journal: the PostgreSQL journal itself, noting in the ledger when each of its
/// appends (only ever this console's actions) committed. The compare-and-set passes through.
final class LedgeredJournal: VersionCheckedJournal {
    let inner: PostgresJournal
    let ledger: ActionLedger
    let console: Int

    init(_ inner: PostgresJournal, ledger: ActionLedger, console: Int) {
        self.inner = inner
        self.ledger = ledger
        self.console = console
    }

    private func noted(_ entries: [JournalEntry]) -> [JournalEntry] {
        let at = now()
        for entry in entries { ledger.note(.init(sequence: entry.sequence, at: at, console: console)) }
        return entries
    }

    func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        noted(try inner.append(events, at: times, recordedAt: recordedAt))
    }

    func appendChecked(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> CheckedAppend {
        var checked = try inner.appendChecked(events, at: times, recordedAt: recordedAt)
        checked.entries = noted(checked.entries)
        return checked
    }

    var name: String { inner.name }
    func lastSequence() throws(JournalError) -> Int64 { try inner.lastSequence() }
    func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64 { try inner.lastSequence(atOrBefore: time) }
    func timeSpan() throws(JournalError) -> ClosedRange<Instant>? { try inner.timeSpan() }
    func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        try inner.entries(after: sequence, limit: limit)
    }
    func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) { try inner.saveCheckpoint(checkpoint) }
    func saveCheckpoint(encoded checkpoint: EncodedCheckpoint) throws(JournalError) { try inner.saveCheckpoint(encoded: checkpoint) }
    func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? {
        try inner.latestCheckpoint(atOrBefore: sequence)
    }
    func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint? { try inner.latestCheckpoint(asOf: time) }
}

/// What a console asked for and what it was told.
struct Submission: Sendable {
    enum Outcome: Sendable, Equatable {
        /// Journaled and applied.
        case accepted
        /// Refused by the database's compare-and-set: not journaled.
        case conflicted(reason: String)
        /// Journaled, then rejected by the fold (a version check or a rule such as a taken unit).
        case foldRejected(reason: String)
        /// Not journaled: the journal could not take it.
        case refused(reason: String)
    }

    var console: Int
    var actionID: String?
    var verb: ActionVerb
    var target: String
    /// Whether it was one of a contention slot's simultaneous actions.
    var contended: Bool
    var outcome: Outcome
}

/// A console thread's body and what it measured.
final class SimulatedConsole: @unchecked Sendable {
    let index: Int
    let session: Session
    private let listener: PostgresJournal
    private let config: ConsoleSimulation.Config
    private var random: SimRandom
    /// Monotonic time and entry shown by each frame drawn.
    private(set) var frames: [(at: Double, sequence: Int64)] = []
    private(set) var submissions: [Submission] = []
    /// When this console had read through the journal's last entry after the writers stopped.
    private(set) var convergedAt: Double?
    private(set) var failure: String?
    private var frameSink = 0

    static func user(_ index: Int) -> String { String(format: "op%02d", index) }

    init(index: Int, url: String, base: CityState, ledger: ActionLedger, config: ConsoleSimulation.Config) throws {
        self.index = index
        self.config = config
        random = SimRandom(seed: config.seed &+ UInt64(index) &* 0x9E37_79B9)
        let journal = try PostgresJournal(url: url)
        journal.versionBase = base
        let user = Self.user(index)
        session = Session(state: base, layout: try ShippedLayouts.named("command-center")!,
                          identity: ConsoleIdentity(user: user, role: .supervisor, console: "sim-\(user)"),
                          journal: LedgeredJournal(journal, ledger: ledger, console: index))
        session.followsJournal = true
        session.update(.resize(width: 200, height: 60))
        listener = try PostgresJournal(url: url, readOnly: true)
        // Listen before the first read: nothing appended after it goes unannounced.
        _ = try listener.nextNotification(timeout: 0)
        guard session.restoreFromJournal() != nil else { throw PostgresBenchError("console \(index) could not restore") }
    }

    /// Follows and acts until `control` says stop, then reads to `control.finalSequence`.
    func run(_ control: SimulationControl, schedule: ContentionSchedule) {
        var pacer = FramePacer(now: now(), dataInterval: config.frameInterval)
        var nextAction = control.start + exponential(mean: config.think)
        var nextSlot = schedule.nextSlot(for: index, after: control.start)
        pacer.dataChanged()
        while true {
            let t = now()
            let stopping = control.stopped
            var changed = false
            do {
                changed = try listener.nextNotification(timeout: 0) != nil
            } catch {
                failure = "console \(index) listening: \(error)"
            }
            if changed || session.hasUnreadEntries || stopping {
                if session.catchUp(limit: 20_000).frameOwed { pacer.dataChanged() }
            }
            if pacer.frameDue(now: t) || (stopping && pacer.dirty) {
                drawFrame(at: now())
                pacer.frameDrawn(now: t)
            }
            if stopping {
                if let final = control.finalSequence, session.journalSequence >= final, !pacer.dirty {
                    convergedAt = now()
                    return
                }
                if now() > control.deadline {
                    failure = "console \(index) stopped at entry \(session.journalSequence), short of \(control.finalSequence ?? -1)"
                    return
                }
            } else if t >= control.actingEnds {
                // Acting is over; keep following until the writers have stopped.
                control.doneActing(index)
            } else if let slot = nextSlot, t >= slot.at {
                act(on: slot)
                // The result on the status line, and whatever the action's read-back brought.
                pacer.dataChanged()
                nextSlot = schedule.nextSlot(for: index, after: slot.at + schedule.interval / 2)
            } else if t >= nextAction {
                actAtRandom()
                pacer.dataChanged()
                nextAction = t + exponential(mean: config.think)
            }
            // Sleep on the notification connection until an action or a frame is due.
            var wake = min(nextAction, nextSlot?.at ?? .infinity, control.actingEnds) - now()
            if let frame = pacer.secondsToWake(now: now(), blinking: false) { wake = min(wake, frame) }
            if pacer.dirty { wake = min(wake, config.frameInterval) }
            if session.hasUnreadEntries || stopping { wake = min(wake, stopping ? 0.005 : 0) }
            wake = max(0, min(wake, 0.25))
            if wake > 0 {
                do {
                    if try listener.nextNotification(timeout: wake) != nil, session.catchUp(limit: 20_000).frameOwed {
                        pacer.dataChanged()
                    }
                } catch {
                    failure = "console \(index) listening: \(error)"
                    usleep(UInt32(wake * 1e6))
                }
            }
        }
    }

    /// A frame as the console draws it, noting the entry it shows.
    private func drawFrame(at t: Double) {
        let wall = Instant(date: Date())
        let status = DashboardStatus(mode: .live, skippedLines: 0, message: session.statusNote, blinkOn: true,
                                     finished: false, showSeconds: true, time: wall)
        let grid = session.frame(status: status)
        frameSink &+= grid.cells.count
        frames.append((now(), session.journalSequence))
    }

    /// One of a contention slot's simultaneous actions on its hot incident, with what this
    /// console sees of it: every verb compares the version.
    private func act(on slot: ContentionSchedule.Slot) {
        let target = slot.incident
        guard let incident = session.state.incidents[target] else { return }
        var fields = ActionFields()
        let verb: ActionVerb
        let free = session.state.units(withStatus: .available)
        let roll = random.unit()
        if !incident.status.isOpen {
            verb = .reopen
        } else if roll < 0.45, !free.isEmpty {
            verb = .dispatch
            fields.unit = free[random.int(0...(free.count - 1))].id
        } else if roll < 0.6 {
            verb = .resolve
            fields.disposition = "handled by \(session.identity.user)"
        } else {
            verb = incident.severity < 5 ? .escalate : .deescalate
        }
        submit(ActionRequest(verb: verb, target: target, fields: fields), contended: true)
    }

    /// An action on a random open incident: acknowledge (a new one), a note, or a dispatch of a
    /// random free unit, with the version this console sees.
    private func actAtRandom() {
        let open = session.state.openIncidentIDs.sorted()
        guard !open.isEmpty else { return }
        let target = open[random.int(0...(open.count - 1))]
        var fields = ActionFields()
        let free = session.state.units(withStatus: .available)
        let roll = random.unit()
        let verb: ActionVerb
        if roll < 0.3, session.state.incidents[target]?.status == .new {
            verb = .acknowledge
        } else if roll < 0.65, !free.isEmpty {
            verb = .dispatch
            fields.unit = free[random.int(0...(free.count - 1))].id
        } else {
            verb = .note
            fields.note = "\(session.identity.user) checked at \(Instant(date: Date()).millis)"
        }
        submit(ActionRequest(verb: verb, target: target, fields: fields), contended: false)
    }

    private func submit(_ request: ActionRequest, contended: Bool) {
        let result = session.submit(request)
        let outcome: Submission.Outcome
        var actionID: String?
        switch result {
        case .accepted(let id):
            actionID = id
            outcome = .accepted
        case .rejected(let id, let reason):
            actionID = id
            // Journaled actions have an outcome in the fold; a compare-and-set refusal has none.
            outcome = session.state.actionOutcomes[id] == nil ? .conflicted(reason: reason) : .foldRejected(reason: reason)
        case .refused(let reason):
            outcome = .refused(reason: reason)
        }
        submissions.append(Submission(console: index, actionID: actionID, verb: request.verb, target: request.target,
                                      contended: contended, outcome: outcome))
        // The console shows the result (and its own action) in its next frame.
        _ = session.catchUp(limit: 20_000)
    }

    private func exponential(mean: Double) -> Double {
        -log(max(1e-9, 1 - random.unit())) * mean
    }
}

/// The moments several consoles act on one hot incident at once: slot k, every `interval`
/// seconds from `start`, sends `contenders` consoles chosen by the seed at hot incident
/// `k % hot.count`.
struct ContentionSchedule: Sendable {
    struct Slot {
        var at: Double
        var incident: String
    }

    var start: Double
    var interval: Double
    var hot: [String]
    var consoles: Int
    var contenders: Int
    var seed: UInt64

    /// The consoles of slot `k`.
    func contenders(ofSlot k: Int) -> Set<Int> {
        var random = SimRandom(seed: seed ^ (UInt64(k) &* 0xD1B5_4A32_D192_ED03))
        var order = Array(0..<consoles)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.int(0...i)) }
        return Set(order.prefix(contenders))
    }

    /// This console's next slot at or after `time`.
    func nextSlot(for console: Int, after time: Double) -> Slot? {
        guard contenders >= 2, interval > 0, !hot.isEmpty else { return nil }
        var k = max(1, Int(((time - start) / interval).rounded(.up)))
        for _ in 0..<10_000 {
            if contenders(ofSlot: k).contains(console) {
                return Slot(at: start + Double(k) * interval, incident: hot[k % hot.count])
            }
            k += 1
        }
        return nil
    }
}
