import PantauJournal

/// Opens a journal that several processes share (`pantau ingest` writing, consoles following):
/// a SQLite file (WAL: readers in other processes see each commit) or, with the PostgreSQL
/// backend, a `postgres://` URL. Also gives the watch that tells a follower of new entries.
enum SharedJournal {
    /// Whether `spec` names a PostgreSQL journal rather than a file.
    static func isURL(_ spec: String) -> Bool {
        spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://")
    }

    /// Opens the journal `spec` names for appending (created if it is a new file).
    static func open(_ spec: String) throws(JournalError) -> any Journal {
        if isURL(spec) {
            throw JournalError(.unavailable, "this build has no PostgreSQL journal backend yet: use a journal file")
        }
        return try SQLiteJournal(path: spec)
    }

    /// The watch that wakes a follower of `journal` when another process appends to it.
    static func watch(_ journal: any Journal) throws(JournalError) -> any JournalWatch {
        guard let file = journal as? SQLiteJournal else {
            throw JournalError(.unavailable, "this journal cannot be followed")
        }
        return try SQLiteJournalWatch(path: file.path)
    }
}
