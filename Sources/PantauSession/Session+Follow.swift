import Foundation
import PantauCore
import PantauFeeds
import PantauJournal

/// A console on a shared journal (``Session/followsJournal``): its state is the fold of the
/// journal, whoever wrote it. Entries are applied in sequence order, each swept as of its time
/// then applied, as ``JournalFold`` folds them, and never appended again; its own actions are
/// appended, then read back in order with whatever other processes appended meanwhile. So every
/// console that has applied entry N holds the same state (the same ``StateFingerprint``).
extension Session {
    /// Applies entries read from the journal: those after ``journalSequence``, in order, up to a
    /// gap (the rest are read again after it). A line that does not decode is a damaged journal:
    /// it becomes the journal's problem and following stops there.
    func applyJournaled(_ entries: [JournalEntry]) -> SessionEffects {
        var effects = SessionEffects()
        let decoder = FeedLineDecoder()
        var applied: [FeedEvent] = []
        for entry in entries where entry.sequence > journalSequence {
            guard entry.sequence == journalSequence + 1 else { break }
            let event: FeedEvent
            do {
                event = try JournalFold.decode(entry, with: decoder)
            } catch {
                noteJournalProblem(error)
                break
            }
            state.sweep(asOf: entry.at)
            if evaluatesRulesWhileFollowing { ruleInputsChanged.note(event) }
            state.apply(event)
            journalSequence = entry.sequence
            sweptThrough = max(sweptThrough ?? entry.at, entry.at)
            if journalTimeline != nil { journalTimeline!.add(entry) }
            applied.append(event)
        }
        guard !applied.isEmpty else { return effects }
        if recordsActivity { dashboard.activity.record(applied) }
        dashboard.observe(state)
        checkpointIfDue()
        effects.frameOwed = true
        return effects
    }

    /// Reads and applies the entries after ``journalSequence``: all of them, or up to `limit`
    /// (a loop turn's share: ``hasUnreadEntries`` then says whether more are waiting). If the
    /// journal cannot be read, the state stays as it is, marked stale on the status line, and
    /// actions are refused until a later catch-up reads it again (resuming after the last entry
    /// applied).
    @discardableResult
    public func catchUp(limit: Int? = nil) -> SessionEffects {
        guard let journal else { return SessionEffects() }
        do {
            let entries: [JournalEntry]
            if let limit {
                entries = try journal.entries(after: journalSequence, limit: limit)
                hasUnreadEntries = entries.count == limit
            } else {
                entries = try JournalFollower.entries(of: journal, after: journalSequence)
                hasUnreadEntries = false
            }
            var effects = update(.journaled(entries))
            if let problem = journalProblem, problem.kind != .corrupt {
                journalProblem = nil
                dashboard.activity.system("journal readable again at entry \(journalSequence)", tone: .good, at: Instant(date: Date()))
                effects.frameOwed = true
            }
            return effects
        } catch {
            let isNew = journalProblem?.description != error.description
            noteJournalProblem(error)
            var effects = SessionEffects()
            effects.frameOwed = isNew
            return effects
        }
    }

    /// An action on a shared journal, carrying the target's version as the user saw it: appended,
    /// then read back with the entries appended around it, so its outcome is what the fold made
    /// of it (rejected if another console changed the target first). On a
    /// ``VersionCheckedJournal`` (PostgreSQL) the database decides inside the append: an action
    /// whose target changed meanwhile is not journaled but rejected, naming who won. Refused,
    /// with the reason, while the journal cannot be read (tried once more first): nothing is queued.
    func submitFollowing(_ action: ActionEvent, at time: Instant, wall: Instant) -> SubmissionResult {
        if isAwaitingJournal, !openAwaitedJournal(now: true), let awaited = awaitedJournal {
            return .refused(reason: Self.waitingReason(awaited.reason))
        }
        if journalProblem != nil { catchUp() }
        if let problem = journalProblem { return .refused(reason: Self.refusalReason(problem)) }
        let event = FeedEvent(time: time, payload: .action(action))
        var conflicts: [JournalConflict] = []
        if let error = appendToJournal([event], at: [time], wall: wall, checkingVersions: true, conflicts: &conflicts) {
            return .refused(reason: Self.refusalReason(error))
        }
        catchUp()
        if let conflict = conflicts.first {
            // Not journaled: what the winner did is read back above.
            return .rejected(actionID: action.actionID, reason: conflict.description)
        }
        guard state.actionOutcomes[action.actionID] != nil || journalProblem == nil else {
            // Journaled, not yet read back: it applies when the journal can be read again.
            return .accepted(actionID: action.actionID)
        }
        if let reason = state.actionOutcomes[action.actionID]?.reason {
            return .rejected(actionID: action.actionID, reason: reason)
        }
        return .accepted(actionID: action.actionID)
    }

    /// The fingerprint of the state as of the last entry applied (cached by sequence): what
    /// compares consoles on one journal.
    public func stateFingerprint() -> StateFingerprint? {
        if let cached = fingerprintCache, cached.sequence == journalSequence { return cached.fingerprint }
        guard let fingerprint = try? StateFingerprint(state) else { return nil }
        fingerprintCache = (journalSequence, fingerprint, Date().timeIntervalSinceReferenceDate)
        return fingerprint
    }

    /// The sources overlay's journal line: an entry applied and the state's fingerprint as of
    /// it. While entries keep coming it is worked out at most once a second (the encoding of a
    /// whole day's state takes a good part of one), so the entry may be a little behind.
    func journalOverlayNote() -> String? {
        guard followsJournal else { return nil }
        let now = Date().timeIntervalSinceReferenceDate
        if let cached = fingerprintCache, now - cached.computedAt < 1 {} else { _ = stateFingerprint() }
        guard let cached = fingerprintCache else { return "journal entry \(journalSequence)" }
        var note = "journal entry \(cached.sequence) · state \(cached.fingerprint.hex.prefix(16))"
        if journalProblem != nil { note += " · stale" }
        return note
    }

    /// The status-line words for a shared journal that cannot be read: the state shown is the
    /// one as of the last entry applied.
    static func staleReason(_ error: JournalError, sequence: Int64) -> String {
        "STALE at entry \(sequence): journal: \(error.description) — actions refused"
    }
}
