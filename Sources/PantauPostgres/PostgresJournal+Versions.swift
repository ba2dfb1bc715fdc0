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
        let outcome = try write("append to") { c throws(PostgresFailure) -> (CheckedAppend, JournalFold.Folded) in
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
            let entries = lines.isEmpty ? [] : try Self.insert(lines, at: kept, recordedAt: recordedAt, after: tail, on: c)
            working.sequence = entries.last?.sequence ?? working.sequence
            return (CheckedAppend(entries: entries, conflicts: conflicts), working)
        }
        // Kept only once committed: a rolled-back append leaves the fold where it was.
        versionFold = outcome.1
        return outcome.0
    }
}
