/// A journal many consoles share (PostgreSQL), each of which would checkpoint the same state
/// at the same entry: a console asks first, and one finding the checkpoint there already
/// neither encodes nor uploads its own (every console folds entry N to the same state).
public protocol SharedCheckpointJournal: Journal {
    /// Whether a checkpoint at `sequence` is stored (a cheap query: no state is read).
    func hasCheckpoint(at sequence: Int64) throws(JournalError) -> Bool
}
