import PantauCore

/// Rebuilds the state at one moment after another (a user stepping through the past), fast:
/// a step forward folds on from the last moment's state; a jump starts from the latest
/// checkpoint as of the moment, decoded once and kept; entries are read in big batches. The
/// state at T is ``JournalFold``'s.
public final class JournalRewinder {
    public let journal: any Journal
    /// The configuration a checkpoint does not carry, and the state before the first entry.
    public let base: CityState
    /// Decoded checkpoints kept, at most.
    public static let keptCheckpoints = 4
    private var checkpoints: [(sequence: Int64, folded: JournalFold.Folded)] = []
    /// The last moment's state, folded through it (before its final sweep).
    private var last: (time: Instant, folded: JournalFold.Folded)?

    public init(journal: any Journal, base: CityState) {
        self.journal = journal
        self.base = base
    }

    /// The state at `time` (see ``JournalFold/state(at:from:base:finish:)``).
    public func state(at time: Instant, finish: JournalFold.Finish = { _, _ in }) throws(JournalError) -> CityState {
        let mark = try journal.checkpointMarks().last { $0.at <= time }
        var folded: JournalFold.Folded
        if let last, last.time <= time, last.folded.sequence >= mark?.sequence ?? 0 {
            folded = last.folded
        } else if let mark {
            folded = try checkpoint(mark.sequence)
        } else {
            folded = JournalFold.Folded(state: base, sequence: 0)
        }
        try JournalFold.fold(&folded, from: journal, through: time)
        last = (time, folded)
        return JournalFold.finished(folded.state, at: time, finish: finish)
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
