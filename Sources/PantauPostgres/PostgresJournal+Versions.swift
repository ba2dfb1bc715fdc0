import PantauCore
import PantauJournal

/// The compare-and-set in the database: the append transaction, holding the entries lock, folds
/// whatever others appended since this journal last looked into its own copy of the state (from
/// the latest checkpoint on the first call) and checks each action's `seen_version` against
/// the target's version there: the reducer's own versions, so the journal and every console
/// agree on them. Versions are counted by the reducer only (accepted actions), which the fold
/// runs exactly as a console does.
extension PostgresJournal: VersionCheckedJournal {
    public func appendChecked(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> CheckedAppend {
        precondition(times.count == events.count, "one time per event")
        guard !events.isEmpty else { return CheckedAppend(entries: [], conflicts: []) }
        // Catch up outside the lock (most of the way), then inside it (what others just added).
        var folded: JournalFold.Folded
        if let known = versionFold {
            folded = known
        } else {
            folded = JournalFold.start(from: try latestCheckpoint(atOrBefore: nil), base: versionBase)
        }
        try JournalFold.fold(&folded, from: self, through: nil)
        let decoder = FeedLineDecoder()
        var written: [JournalEntry] = []
        var checked: [JournalConflict] = []
        let outcome: (CheckedAppend, JournalFold.Folded)
        do {
            outcome = try write("append to") { c throws(PostgresFailure) -> (CheckedAppend, JournalFold.Folded) in
                let tail = try Self.lockedTail(c)
                var working = folded
                if tail.sequence > working.sequence {
                    let rows = try c.execute("SELECT line FROM pantau.entries WHERE sequence > $1 ORDER BY sequence", [.integer(working.sequence)]).rows
                    for line in rows.compactMap({ $0[0] }) {
                        if case .event(let event) = decoder.decode(line) { working.state.apply(event) }
                    }
                    working.sequence = tail.sequence
                }
                var lines: [String] = [], kept: [Instant] = [], conflicts: [JournalConflict] = []
                for (i, event) in events.enumerated() {
                    if let conflict = JournalConflict.check(event, at: i, against: working.state) {
                        conflicts.append(conflict)
                        continue
                    }
                    working.state.apply(event)
                    lines.append(FeedEventEncoder.line(for: event))
                    kept.append(times[i])
                }
                checked = conflicts
                let entries = lines.isEmpty ? [] : try Self.insert(lines, at: kept, recordedAt: recordedAt, after: tail, on: c)
                written = entries
                working.sequence = entries.last?.sequence ?? working.sequence
                return (CheckedAppend(entries: entries, conflicts: conflicts), working)
            }
        } catch where error.kind == .unavailable && !written.isEmpty {
            // The server went away once the actions were written, perhaps after committing
            // them: look them up (the fold stays where it was; it reads them if they are there).
            return CheckedAppend(entries: try committedEntries(written, unanswered: error), conflicts: checked)
        }
        // Kept only once committed: a rolled-back append leaves the fold where it was.
        versionFold = outcome.1
        return outcome.0
    }

    /// The entries of `written` (an append whose COMMIT got no answer: `unanswered`) as the
    /// journal holds them, found by the first action's unique `action_id` among the entries
    /// after the tail the append continued (others may have appended since). Throws
    /// `unanswered` when they are not there (rolled back: nothing journaled), and an error
    /// saying the outcome is unknown when the journal cannot be read.
    func committedEntries(_ written: [JournalEntry], unanswered: JournalError) throws(JournalError) -> [JournalEntry] {
        let decoder = FeedLineDecoder()
        func actionID(_ line: String) -> String? {
            if case .event(let event) = decoder.decode(line), case .action(let action) = event.payload { return action.actionID }
            return nil
        }
        let unknown = JournalError(.unavailable, "\(unanswered.description); whether it was journaled is unknown until the journal is back (it shows then if it was)")
        guard let offset = written.firstIndex(where: { actionID($0.line) != nil }), let id = actionID(written[offset].line) else { throw unknown }
        let after = written[0].sequence - 1
        do throws(JournalError) {
            let candidates = try read("read") { c throws(PostgresFailure) in
                try c.execute("SELECT sequence, recorded_at, at, line, hash FROM pantau.entries WHERE sequence > $1 AND strpos(line, $2) > 0 ORDER BY sequence",
                              [.integer(after), .text(id)]).rows.map(Self.entry)
            }
            // One transaction: if its action is there, all its entries are, in a row around it.
            guard let found = candidates.first(where: { actionID($0.line) == id }) else { throw unanswered }
            let stored = try entries(after: found.sequence - Int64(offset) - 1, limit: written.count)
            guard stored.map(\.line) == written.map(\.line) else { throw unanswered }
            return stored
        } catch where error.description != unanswered.description && error.kind == .unavailable {
            throw unknown
        }
    }
}
