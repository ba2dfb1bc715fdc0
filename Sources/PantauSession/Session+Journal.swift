import Foundation
import PantauCore
import PantauFeeds
import PantauJournal

extension Session {
    /// Appends feed events to the journal before they apply, each applied at its time in
    /// `times` (nil: all at the wall clock, a live batch). A failure is noted (the status line,
    /// the activity log) and the events apply anyway: the dashboard keeps showing feeds.
    func journalFeed(_ events: [FeedEvent], at times: [Instant]? = nil) {
        guard !events.isEmpty else { return }
        let wall = Instant(date: Date())
        _ = appendToJournal(events, at: times ?? Array(repeating: wall, count: events.count), wall: wall)
    }

    /// Appends the events of `played` at their arrivals (see ``journalFeed(_:at:)``); without a
    /// journal (a snapshot) nothing is copied out of them.
    func journalFeed(_ played: UnsafeMutableBufferPointer<ScheduledEvent>) {
        guard let last = played.last?.arrival else { return }
        guard journal != nil else {
            sweptThrough = max(sweptThrough ?? last, last)
            return
        }
        journalFeed(played.map(\.event), at: played.map(\.arrival))
    }

    /// Appends `events`, applied at `times`, to the journal, if there is one; returns the error
    /// if it could not. A failure becomes the journal's problem, and the next append that works
    /// ends it. `checkingVersions`, on a ``VersionCheckedJournal``, the journal leaves out the
    /// actions whose target changed since their actor looked and returns them in `conflicts`.
    func appendToJournal(_ events: [FeedEvent], at times: [Instant], wall: Instant, checkingVersions: Bool = false,
                         conflicts: inout [JournalConflict]) -> JournalError? {
        if let last = times.last { sweptThrough = max(sweptThrough ?? last, last) }
        guard let journal else { return nil }
        do {
            let entries: [JournalEntry]
            if checkingVersions, let checked = journal as? any VersionCheckedJournal {
                let outcome = try checked.appendChecked(events, at: times, recordedAt: wall)
                entries = outcome.entries
                conflicts = outcome.conflicts
            } else {
                entries = try journal.append(events, at: times, recordedAt: wall)
            }
            if journalTimeline != nil { for entry in entries { journalTimeline!.add(entry) } }
            // Following a shared journal, entries count as applied when they are read back.
            if !followsJournal { journalSequence = entries.last?.sequence ?? journalSequence }
            if journalProblem != nil {
                journalProblem = nil
                dashboard.activity.system("journal writable again", tone: .good, at: wall)
            }
            return nil
        } catch {
            noteJournalProblem(error)
            return error
        }
    }

    /// ``appendToJournal(_:at:wall:checkingVersions:conflicts:)`` with no version check.
    func appendToJournal(_ events: [FeedEvent], at times: [Instant], wall: Instant) -> JournalError? {
        var conflicts: [JournalConflict] = []
        return appendToJournal(events, at: times, wall: wall, conflicts: &conflicts)
    }

    /// Notes `error` as the journal's problem (logged once per new problem): the status line
    /// says it and actions are refused with it until the journal works again.
    public func noteJournalProblem(_ error: JournalError) {
        if journalProblem?.description != error.description {
            dashboard.activity.system(Self.refusalReason(error), tone: .danger, at: Instant(date: Date()))
        }
        journalProblem = error
    }

    /// Starts a checkpoint of the state when `interval` (by default ``checkpointInterval``)
    /// entries were written since the last: a copy of the state (a value) is encoded on a
    /// background thread, and a later turn of the loop saves it when it is ready, so the loop
    /// never stalls on the encoding.
    func checkpointIfDue(interval: Int64? = nil) {
        savePendingCheckpoint(waiting: false)
        // A following console's local-only data must not reach the shared journal's checkpoints.
        guard pendingCheckpoint == nil, journal != nil, journalProblem == nil, !hasLocalData,
              journalSequence - checkpointedThrough >= interval ?? checkpointInterval, !isCheckpointedElsewhere() else { return }
        pendingCheckpoint = BackgroundCheckpoint(JournalCheckpoint(sequence: journalSequence, state: state, at: sweptThrough),
                                                 encode: checkpointEncoder)
    }

    /// Saves the checkpoint encoded in the background once it is ready (`waiting`: waits for it).
    public func savePendingCheckpoint(waiting: Bool = true) {
        guard let pending = pendingCheckpoint, let result = waiting ? pending.wait() : pending.finished else { return }
        pendingCheckpoint = nil
        guard let journal, journalProblem == nil else { return }
        do {
            let encoded = try result.get()
            try journal.saveCheckpoint(encoded: encoded)
            checkpointedThrough = max(checkpointedThrough, encoded.sequence)
        } catch {
            noteJournalProblem(error)
        }
    }

    /// Saves a checkpoint of the state through the last entry, if any entry came since the last
    /// checkpoint, and waits for it (after one being encoded in the background, if any). The
    /// runners call it at a clean exit.
    public func checkpoint() {
        savePendingCheckpoint(waiting: true)
        guard let journal, journalProblem == nil, journalSequence > checkpointedThrough, !isCheckpointedElsewhere() else { return }
        do {
            try journal.saveCheckpoint(JournalCheckpoint(sequence: journalSequence, state: state, at: sweptThrough))
            checkpointedThrough = journalSequence
        } catch {
            noteJournalProblem(error)
        }
    }

    /// Whether the shared journal holds a checkpoint at ``journalSequence`` already (another
    /// console's: the same state), which then counts as this console's too. A journal that
    /// cannot say (its server away) counts as holding one: no checkpoint is encoded for now.
    private func isCheckpointedElsewhere() -> Bool {
        guard let shared = journal as? any SharedCheckpointJournal else { return false }
        guard let stored = try? shared.hasCheckpoint(at: journalSequence) else { return true }
        if stored { checkpointedThrough = journalSequence }
        return stored
    }

    /// Rebuilds the state from `journal`: its latest checkpoint, if any, then every entry after
    /// it, folded by the same reducer as live. Call it before any event: the session's state
    /// gives the configuration (stale limits, the units roster), not history. Returns how many
    /// entries were folded.
    @discardableResult
    public func restore(from journal: any Journal) throws(JournalError) -> Int {
        let checkpoint = try journal.latestCheckpoint(atOrBefore: nil)
        var restored = JournalFold.start(from: checkpoint, base: state)
        // Following a shared journal, each entry is swept as of its time, as it will be live.
        let folded = try JournalFold.fold(&restored, from: journal, through: followsJournal ? Instant(millis: .max) : nil)
        state = restored.state
        journalSequence = restored.sequence
        if followsJournal, restored.sequence > 0 {
            // As of the last entry folded (one appended since is applied when it is read).
            sweptThrough = try journal.entries(after: restored.sequence - 1, limit: 1).first?.at ?? checkpoint?.at
        }
        checkpointedThrough = checkpoint?.sequence ?? 0
        dashboard.observe(state)
        return folded
    }

    /// Restores the state from the session's journal (see ``restore(from:)``). If the journal
    /// cannot be read (damaged, unreadable), the session stops using it. Returns how many
    /// entries were folded, nil if none could be.
    @discardableResult
    public func restoreFromJournal() -> Int? {
        guard let journal else { return nil }
        do {
            return try restore(from: journal)
        } catch {
            disableJournal(error)
            return nil
        }
    }

    /// Stops writing to the journal for the reason `error` gives (it could not be opened or
    /// read): feeds keep applying and showing, the status line says why, actions are refused.
    public func disableJournal(_ error: JournalError) {
        journal = UnusableJournal(error: error)
        noteJournalProblem(error)
    }

    /// The status-line words for a journal that cannot take entries, e.g.
    /// `journal: disk full — actions refused`.
    static func refusalReason(_ error: JournalError) -> String {
        "journal: \(error.description) — actions refused"
    }
}

/// The stand-in for a journal that could not be opened or read: every write fails with why.
private final class UnusableJournal: Journal {
    let error: JournalError

    init(error: JournalError) { self.error = error }

    func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry] { throw error }
    func lastSequence() throws(JournalError) -> Int64 { throw error }
    func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64 { throw error }
    func timeSpan() throws(JournalError) -> ClosedRange<Instant>? { throw error }
    func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint? { throw error }
    func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] { throw error }
    func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) { throw error }
    func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? { throw error }
}
