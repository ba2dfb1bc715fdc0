import Foundation
import PantauCore
import PantauJournal

extension Session {
    /// Entries read per query while restoring.
    static let restoreBatch = 10_000

    /// Appends feed events to the journal before they apply. A failure is noted (the status
    /// line, the activity log) and the events apply anyway: the dashboard keeps showing feeds.
    func journalFeed(_ events: [FeedEvent]) {
        guard let journal, !events.isEmpty else { return }
        do {
            let entries = try journal.append(events, recordedAt: Instant(date: Date()))
            journalSequence = entries.last?.sequence ?? journalSequence
            if journalProblem != nil {
                journalProblem = nil
                dashboard.activity.system("journal writable again", tone: .good, at: Instant(date: Date()))
            }
        } catch {
            noteJournalProblem(error)
        }
    }

    /// Notes `error` as the journal's problem (logged once per new problem).
    func noteJournalProblem(_ error: JournalError) {
        if journalProblem?.description != error.description {
            dashboard.activity.system(Self.refusalReason(error), tone: .danger, at: Instant(date: Date()))
        }
        journalProblem = error
    }

    /// Saves a checkpoint of the state when ``checkpointInterval`` entries were written since the last.
    func checkpointIfDue() {
        if journalSequence - checkpointedThrough >= checkpointInterval { checkpoint() }
    }

    /// Saves a checkpoint of the state through the last entry, if any entry came since the last
    /// checkpoint. The runners call it at a clean exit.
    public func checkpoint() {
        guard let journal, journalProblem == nil, journalSequence > checkpointedThrough else { return }
        do {
            try journal.saveCheckpoint(JournalCheckpoint(sequence: journalSequence, state: state))
            checkpointedThrough = journalSequence
        } catch {
            noteJournalProblem(error)
        }
    }

    /// Rebuilds the state from `journal`: its latest checkpoint, if any, then every entry after
    /// it, folded by the same reducer as live. The stale limits of the current state are kept
    /// (they are configuration, not history). Returns how many entries were folded.
    @discardableResult
    public func restore(from journal: any Journal) throws(JournalError) -> Int {
        let checkpoint = try journal.latestCheckpoint(atOrBefore: nil)
        var restored = checkpoint?.state ?? CityState()
        restored.staleLimits = state.staleLimits
        var sequence = checkpoint?.sequence ?? 0
        var folded = 0
        let decoder = FeedLineDecoder()
        while true {
            let entries = try journal.entries(after: sequence, limit: Self.restoreBatch)
            for entry in entries {
                var line = entry.line
                let decoded = line.withUTF8 { bytes in
                    Result { () throws(FeedLineDecoder.Skip) in try decoder.decodeEvent(UnsafeRawBufferPointer(bytes)) }
                }
                switch decoded {
                case .success(let event): restored.apply(event)
                case .failure(let skip):
                    throw JournalError(.corrupt, "entry \(entry.sequence) does not decode (\(skip.reason))")
                }
                sequence = entry.sequence
                folded += 1
            }
            if entries.count < Self.restoreBatch { break }
        }
        state = restored
        journalSequence = sequence
        checkpointedThrough = checkpoint?.sequence ?? 0
        dashboard.observe(state)
        return folded
    }

    /// The status-line words for a journal that cannot take entries, e.g.
    /// `journal: disk full — actions refused`.
    static func refusalReason(_ error: JournalError) -> String {
        "journal: \(error.description) — actions refused"
    }
}
