/// Tells when a journal may have new entries, without polling: a blocking wait that another
/// process's append ends. ``SQLiteJournalWatch`` watches the database's files with inotify; a
/// PostgreSQL backend answers with LISTEN/NOTIFY.
///
/// A wake-up says only that something may have changed (the follower then reads entries by
/// sequence), so a spurious one costs a read that finds nothing, never a lost entry.
public protocol JournalWatch: AnyObject, Sendable {
    /// Blocks the calling thread until the journal may have changed since the last call returned
    /// (at once if it did meanwhile) or ``cancel()`` is called. Returns false once cancelled.
    func waitForChange() -> Bool
    /// Ends every wait, now and later, from any thread.
    func cancel()
}
