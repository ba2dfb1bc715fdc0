import PantauCore
import PantauJournal
import PantauPostgres

/// What `pantau journal info|verify` read of a journal beyond the protocol, on a file
/// (``SQLiteJournal``) or a database (``PostgresJournal``).
protocol InspectableJournal: Journal {
    /// Where it is, for messages: the path, or the URL without its password.
    var displayName: String { get }
    /// Number of entries, and the first and last entry's `recorded_at`.
    func summary() throws(JournalError) -> (entries: Int64, first: Instant?, last: Instant?)
    /// Every checkpoint without its state.
    func checkpointSummaries() throws(JournalError) -> [JournalCheckpointSummary]
    /// Bytes it takes on disk.
    func storageSize() throws(JournalError) -> Int64
    func close()
}

extension SQLiteJournal: InspectableJournal {
    var displayName: String { path }
    func storageSize() throws(JournalError) -> Int64 { fileSize }
}

extension PostgresJournal: InspectableJournal {
    var displayName: String { name }
}
