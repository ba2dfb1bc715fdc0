import PantauCore

/// Rebuilds the state at one moment after another (a user stepping through the past), fast:
/// a step forward folds on from the last moment's state; a jump starts from the latest
/// checkpoint as of the moment, decoded once and kept; entries are read in big batches. The
/// state at T is ``JournalFold``'s. Let go of the state returned before asking for the next
/// (it shares storage with the one kept, which is then copied rather than changed in place).
public final class JournalRewinder {
    public let journal: any Journal
    /// The configuration a checkpoint does not carry, and the state before the first entry.
    public let base: CityState
    /// Decoded checkpoints kept, at most.
    public static let keptCheckpoints = 4
    /// Folding on from the last moment beats decoding a checkpoint for fewer entries than this
    /// (a checkpoint of a 1M-event day takes about as long to decode as 40,000 entries to fold).
    public static let foldOnLimit: Int64 = 40_000
    private var checkpoints: [(sequence: Int64, folded: JournalFold.Folded)] = []
    /// The checkpoints' marks, read once (reading them can cost as much as decoding a
    /// checkpoint: SQLite walks each stored state to its time), and the last entry there was
    /// then. Read again only for a moment past that entry: a checkpoint written since and not
    /// among them only means folding from an earlier one, to the same state.
    private var marks: (through: Int64, marks: [JournalCheckpointMark])?
    /// The last moment's state, folded through it and swept as of it (before the finish hook).
    /// Sweeping as of T before folding entries applied after T changes nothing: each of them
    /// sweeps as of its own, later, time first.
    private var last: (time: Instant, folded: JournalFold.Folded)?

    public init(journal: any Journal, base: CityState) {
        self.journal = journal
        self.base = base
    }

    /// The state at `time` (see ``JournalFold/state(at:from:base:finish:)``).
    public func state(at time: Instant, finish: JournalFold.Finish = { _, _ in }) throws(JournalError) -> CityState {
        let target = try journal.lastSequence(atOrBefore: time)
        if marks == nil || target > marks!.through {
            let through = try journal.lastSequence()
            marks = (through, try journal.checkpointMarks())
        }
        let mark = marks!.marks.last { $0.at <= time }
        var folded: JournalFold.Folded
        if let kept = last, kept.time <= time,
           kept.folded.sequence >= mark?.sequence ?? 0 || target - kept.folded.sequence < Self.foldOnLimit {
            // Taken out, so that folding on changes it in place rather than copying it.
            last = nil
            folded = kept.folded
        } else if let mark {
            folded = try checkpoint(mark.sequence)
        } else {
            folded = JournalFold.Folded(state: base, sequence: 0)
        }
        last = nil
        try JournalFold.fold(&folded, from: journal, through: time)
        folded.state.sweep(asOf: time)
        last = (time, folded)
        var state = folded.state
        finish(&state, time)
        return state
    }

    /// The checkpoint through `sequence`, decoded (once) and configured.
    private func checkpoint(_ sequence: Int64) throws(JournalError) -> JournalFold.Folded {
        if let kept = checkpoints.first(where: { $0.sequence == sequence }) { return kept.folded }
        let folded = JournalFold.start(from: try journal.latestCheckpoint(atOrBefore: sequence), base: base)
        checkpoints.append((sequence, folded))
        if checkpoints.count > Self.keptCheckpoints { checkpoints.removeFirst() }
        return folded
    }
}
