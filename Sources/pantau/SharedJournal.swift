import PantauJournal
import PantauPostgres

/// Opens a journal that several processes share (`pantau ingest` writing, consoles following):
/// a SQLite file (WAL: readers in other processes see each commit) or a PostgreSQL database
/// (`postgres://` URL; see ``JournalAddress``). Also gives the watch that tells a follower of
/// new entries: inotify on the file, LISTEN/NOTIFY on the database.
enum SharedJournal {
    /// Whether `spec` names a PostgreSQL journal rather than a file.
    static func isURL(_ spec: String) -> Bool {
        if case .postgres = JournalAddress(spec) { return true }
        return false
    }

    /// Opens the journal `spec` names for appending: a new file is created; a database gets the
    /// journal's schema, created or migrated.
    static func open(_ spec: String) throws(JournalError) -> any Journal {
        switch JournalAddress(spec) {
        case .postgres(let url): return try PostgresJournal(url: url)
        case .file(let path): return try SQLiteJournal(path: path)
        }
    }

    /// Opens the journal `spec` names read-only (it must exist), for `pantau journal`,
    /// `snapshot` and `report`.
    static func openInspectable(_ spec: String) throws(JournalError) -> any InspectableJournal {
        switch JournalAddress(spec) {
        case .postgres(let url): return try PostgresJournal(url: url, readOnly: true)
        case .file(let path): return try SQLiteJournal(path: path, readOnly: true)
        }
    }

    /// The watch that wakes a follower of `journal` when another process appends to it.
    static func watch(_ journal: any Journal) throws(JournalError) -> any JournalWatch {
        if let database = journal as? PostgresJournal {
            return try PostgresJournalWatch(journal: database)
        }
        guard let file = journal as? SQLiteJournal else {
            throw JournalError(.unavailable, "this journal cannot be followed")
        }
        return try SQLiteJournalWatch(path: file.path)
    }
}
