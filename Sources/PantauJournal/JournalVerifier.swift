import PantauCore

/// Walks a journal's hash chain and its checkpoints (`pantau journal verify`): finds an edited,
/// deleted or reordered entry, and a checkpoint past the last entry (entries cut off the end)
/// or whose state no longer matches its fingerprint. Reports the first problem.
///
/// What a chain cannot show: entries cut off the end with no checkpoint after them (the
/// remaining chain is whole), and a journal rewritten from some entry on with fresh hashes.
public enum JournalVerifier {
    /// What is wrong, at which entry.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// An entry's content no longer gives its hash.
            case edited
            /// One or more sequence numbers are missing.
            case deleted
            /// An entry's hash is that of the entry at another place.
            case reordered
            /// A checkpoint after the last entry.
            case checkpointPastEnd = "checkpoint_past_end"
            /// A checkpoint whose state does not match its fingerprint.
            case checkpointDamaged = "checkpoint_damaged"
        }

        public var kind: Kind
        /// The entry (or checkpoint) where the problem shows.
        public var sequence: Int64
        /// In plain words, e.g. `entry 42 was edited: its content does not match its hash`.
        public var description: String
    }

    /// The outcome: entries read, and the first problem (nil: the chain is intact).
    public struct Report: Sendable, Equatable {
        public var entries: Int64
        public var checkpoints: Int
        public var problem: Problem?
    }

    /// Entries read per query.
    static let batch = 10_000

    /// Verifies `journal`'s chain, and `checkpoints` against it.
    public static func verify(_ journal: any Journal, checkpoints: [JournalCheckpointSummary] = []) throws(JournalError) -> Report {
        var expected: Int64 = 1
        var previous = JournalChain.genesis
        var count: Int64 = 0
        var after: Int64 = 0
        while true {
            let page = try journal.entries(after: after, limit: batch)
            guard let last = page.last else { break }
            for entry in page {
                if entry.sequence != expected {
                    let missing = expected == entry.sequence - 1 ? "entry \(expected) is" : "entries \(expected)–\(entry.sequence - 1) are"
                    return Report(entries: count, checkpoints: checkpoints.count, problem: Problem(
                        kind: .deleted, sequence: expected,
                        description: "\(missing) missing: deleted (after \(expected - 1) comes \(entry.sequence))"))
                }
                if !JournalChain.holds(entry, after: previous) {
                    let problem = try diagnose(entry, previous: previous, in: journal)
                    return Report(entries: count, checkpoints: checkpoints.count, problem: problem)
                }
                previous = entry.hash
                expected += 1
                count += 1
            }
            after = last.sequence
        }
        for c in checkpoints {
            if c.sequence > count {
                return Report(entries: count, checkpoints: checkpoints.count, problem: Problem(
                    kind: .checkpointPastEnd, sequence: c.sequence,
                    description: "the checkpoint at entry \(c.sequence) is past the last entry \(count): entries were deleted from the end"))
            }
            if !c.matchesFingerprint {
                return Report(entries: count, checkpoints: checkpoints.count, problem: Problem(
                    kind: .checkpointDamaged, sequence: c.sequence,
                    description: "the checkpoint at entry \(c.sequence) was edited or is damaged: its state does not match its fingerprint"))
            }
        }
        return Report(entries: count, checkpoints: checkpoints.count, problem: nil)
    }

    /// Why `entry` does not follow `previous`: its content gives its hash at another place in
    /// the chain (reordered), or nowhere (edited, or the entry before it rewritten with a fresh
    /// hash). A second pass over the journal, only when something is wrong: at each place, the
    /// predecessor tried is the entry now before it or the one now there (two swapped neighbours).
    private static func diagnose(_ entry: JournalEntry, previous: String, in journal: any Journal) throws(JournalError) -> Problem {
        var prior = JournalChain.genesis
        var after: Int64 = 0
        while true {
            let page = try journal.entries(after: after, limit: batch)
            guard let last = page.last else { break }
            for other in page {
                if other.sequence != entry.sequence {
                    for candidate in [prior, other.hash]
                    where JournalChain.hash(previous: candidate, sequence: other.sequence, recordedAt: entry.recordedAt, at: entry.at, line: entry.line) == entry.hash {
                        return Problem(kind: .reordered, sequence: entry.sequence,
                                       description: "entry \(entry.sequence) is out of order: it was written as entry \(other.sequence)")
                    }
                }
                prior = other.hash
            }
            after = last.sequence
        }
        let rewritten = entry.sequence > 1 ? " (or entry \(entry.sequence - 1) was rewritten with a new hash)" : ""
        return Problem(kind: .edited, sequence: entry.sequence,
                       description: "entry \(entry.sequence) was edited\(rewritten): its content does not match its hash")
    }
}
