import PantauCore

/// The event log every console writes and restores from: each event the store applies (feed
/// events and actions alike) is appended with a sequence number, and the state is the fold of
/// the journal from the latest checkpoint on.
///
/// Backends: ``SQLiteJournal`` (embedded default, one file, WAL); the next issues add a shared
/// PostgreSQL backend and read it for time travel. Implementations are used from one thread
/// at a time (the session's loop); they need not be thread-safe.
public protocol Journal: AnyObject {
    /// Appends events in order, in one transaction, and returns their entries. On return the
    /// entries are durable (fsync'd): a crash after it loses none of them.
    func append(_ events: [FeedEvent], recordedAt: Instant) throws(JournalError) -> [JournalEntry]
    /// The sequence number of the last entry (0 when empty).
    func lastSequence() throws(JournalError) -> Int64
    /// Up to `limit` entries with a sequence greater than `sequence`, in order.
    func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry]
    /// Stores a checkpoint: the state folded through `checkpoint.sequence`.
    func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError)
    /// Stores a checkpoint encoded beforehand (e.g. off the loop); see ``EncodedCheckpoint``.
    func saveCheckpoint(encoded checkpoint: EncodedCheckpoint) throws(JournalError)
    /// The latest checkpoint at or before `sequence` (nil: the newest one), if any.
    func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint?
}

/// One entry of the journal: an event as a feed-format line, its place in the log and the hash
/// chain that makes edits, deletions and reordering detectable.
public struct JournalEntry: Sendable, Equatable {
    /// 1, 2, 3 … with no gaps.
    public var sequence: Int64
    /// When the entry was written (wall clock of the writing console).
    public var recordedAt: Instant
    /// The event as one feed-format v1 NDJSON line (``FeedEventEncoder``).
    public var line: String
    /// Hex SHA-256 of the previous entry's `hash` (64 zeros for the first) and this entry's
    /// sequence, time and line.
    public var hash: String

    public init(sequence: Int64, recordedAt: Instant, line: String, hash: String) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.line = line
        self.hash = hash
    }
}

/// The state folded through an entry, so a restart does not replay the whole log.
public struct JournalCheckpoint: Sendable {
    /// The last entry folded into `state`.
    public var sequence: Int64
    public var state: CityState

    public init(sequence: Int64, state: CityState) {
        self.sequence = sequence
        self.state = state
    }
}

/// Why the journal could not do what was asked, in words for the status line.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case full, readOnly, corrupt, unavailable, other }
    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
