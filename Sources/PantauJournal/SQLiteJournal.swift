import Foundation
import Glibc
import GRDB
import PantauCore

/// The embedded journal: one SQLite file (through GRDB) in WAL mode with `synchronous = FULL`,
/// so an append is on disk when it returns (a ``temporary()`` one is not synced). Tables: `entries` (sequence, recorded_at, at
/// (indexed), line, hash: the hash chain, see ``JournalChain``) and `checkpoints` (sequence,
/// created_at, at, the state's canonical encoding, its fingerprint).
///
/// Failures are ``JournalError``s that name the file: disk full, read-only, not a journal or
/// damaged, unavailable.
public final class SQLiteJournal: Journal {
    /// The journal's file.
    public let path: String
    /// Whether it was opened read-only (`verify`, `export`, `info`): appends are refused.
    public let isReadOnly: Bool
    private let queue: DatabaseQueue
    /// Removed (with its `-wal`, `-shm` and `-notify` files) when the journal is closed: a temporary journal.
    private let removesFileOnClose: Bool
    private var closed = false
    /// The column holding an entry's time: `at`, or `recorded_at` in a journal written before it
    /// existed and opened read-only (not migrated).
    private var atColumn = "at"

    /// Opens the journal at `path`, creating it (and its tables) if need be; `readOnly` opens an
    /// existing journal for reading only.
    public convenience init(path: String, readOnly: Bool = false) throws(JournalError) {
        try self.init(path: path, readOnly: readOnly, removesFileOnClose: false)
    }

    /// `maximumPageCount`: how many pages the file may grow to (SQLite's `max_page_count`), so
    /// tests can fill the "disk".
    init(path: String, readOnly: Bool, removesFileOnClose: Bool, maximumPageCount: Int? = nil) throws(JournalError) {
        self.path = path
        self.isReadOnly = readOnly
        self.removesFileOnClose = removesFileOnClose
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw JournalError(.unavailable, "no journal at \(path)")
        }
        var config = Configuration()
        config.readonly = readOnly
        config.label = "pantau-journal"
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                // WAL, and every commit fsync'd: an append is durable on return. A temporary
                // journal is removed when closed, so nothing of it outlives a crash either way:
                // its commits are not synced (a replay's catch-up journals a whole recording).
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else { throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "could not use WAL mode") }
                try db.execute(sql: removesFileOnClose ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL")
            }
            if let pages = maximumPageCount { _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)") }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            // Another program's database is refused, not given a journal's tables.
            try queue.read { db in
                let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                guard try db.tableExists("entries") || (tables == 0 && !readOnly) else {
                    throw DatabaseError(resultCode: .SQLITE_NOTADB, message: "no entries table")
                }
            }
            if !readOnly { try Self.migrator.migrate(queue) }
            if try !queue.read({ db in try db.columns(in: "entries").contains { $0.name == "at" } }) {
                atColumn = "recorded_at"
            }
        } catch {
            throw Self.journalError(error, path: path, doing: "open")
        }
    }

    /// A new journal in the temporary directory, removed when closed (or released): the demo's
    /// and a replay's journal unless they are given one. Temporary journals that processes
    /// killed or crashed left behind are removed first (see ``AbandonedTemporaryJournals``).
    public static func temporary() throws(JournalError) -> SQLiteJournal {
        // Those of processes that did not live to remove theirs go first.
        AbandonedTemporaryJournals.remove(in: NSTemporaryDirectory())
        let name = "\(temporaryPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sqlite"
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        return try SQLiteJournal(path: path, readOnly: false, removesFileOnClose: true)
    }

    /// How a temporary journal's file name begins (`pantau-journal-PID-UUID.sqlite`).
    static let temporaryPrefix = "pantau-journal-"

    /// The suffixes of a journal's files: the main file's (empty), then SQLite's write-ahead log
    /// and shared memory, and the file appends touch for watchers (``SQLiteJournalWatch``).
    public static let fileSuffixes = ["", "-wal", "-shm", "-notify"]

    deinit { close() }

    /// SQLite's `synchronous` setting on this journal's connection (2: FULL, 0: OFF), for tests.
    var synchronousSetting: Int? {
        try? queue.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
    }

    /// Closes the file (and removes a temporary journal). Further calls fail as unavailable.
    public func close() {
        guard !closed else { return }
        closed = true
        try? queue.close()
        if removesFileOnClose {
            for suffix in Self.fileSuffixes { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    /// ``JournalTimeline/minute(of:)`` of an entry's `at`, in SQL (rounded down before 1970 too).
    private static let minuteOfAt = "CASE WHEN at >= 0 THEN at / 60000 ELSE (at + 1) / 60000 - 1 END"

    /// An entry that raises an alarm (``JournalTimeline/isRaisedAlarm(_:)`` in SQL).
    private static let raisedAlarm = #"instr(line, '"kind":"alarm"') > 0 AND instr(line, '"state":"raised"') > 0"#

    /// The versioned schema. Add a migration for a change; never edit a shipped one.
    private static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE entries (
                    sequence INTEGER PRIMARY KEY,
                    recorded_at INTEGER NOT NULL,
                    line TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TABLE checkpoints (
                    sequence INTEGER PRIMARY KEY,
                    created_at INTEGER NOT NULL,
                    state BLOB NOT NULL,
                    fingerprint TEXT NOT NULL
                );
                """)
        }
        // Each entry's session-clock time (earlier entries: their wall time), indexed for
        // rewinding; a checkpoint's time (nil for earlier ones: its last entry's).
        m.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE entries ADD COLUMN at INTEGER;
                UPDATE entries SET at = recorded_at;
                CREATE INDEX entries_at ON entries (at);
                CREATE INDEX entries_raised_alarms ON entries (at) WHERE \(raisedAlarm);
                ALTER TABLE checkpoints ADD COLUMN at INTEGER;
                """)
        }
        // What a rewind reads first, kept small: the entries per minute of `at` (kept by each
        // append; counting them from the entries walks a whole day's index) and the checkpoints'
        // marks in an index (their `at` is stored after each state, pages of it).
        m.registerMigration("v3") { db in
            try db.execute(sql: """
                CREATE TABLE entry_minutes (minute INTEGER PRIMARY KEY, entries INTEGER NOT NULL);
                INSERT INTO entry_minutes (minute, entries)
                    SELECT \(minuteOfAt), COUNT(*) FROM entries GROUP BY \(minuteOfAt);
                CREATE INDEX checkpoints_marks ON checkpoints (sequence, at);
                """)
        }
        return m
    }

    // MARK: Journal

    public func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        try appendLines(events.map(FeedEventEncoder.line(for:)), at: times, recordedAt: recordedAt)
    }

    /// Appends feed-format lines as they are (``append(_:at:recordedAt:)`` encodes events first),
    /// applied at `times` (nil: at `recordedAt`).
    public func appendLines(_ lines: [String], at times: [Instant]? = nil, recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        guard !lines.isEmpty else { return [] }
        precondition(times == nil || times!.count == lines.count, "one time per line")
        defer { notifyFollowers() }
        return try write("append to") { db in
            let last = try Row.fetchOne(db, sql: "SELECT sequence, at, hash FROM entries ORDER BY sequence DESC LIMIT 1")
            let lastAt: Int64? = last?["at"]
            let entries = JournalChain.entries(appending: lines, at: times, recordedAt: recordedAt,
                                               after: (last?["sequence"] ?? 0, lastAt.map(Instant.init(millis:)), last?["hash"] ?? JournalChain.genesis))
            let insert = try db.cachedStatement(sql: "INSERT INTO entries (sequence, recorded_at, at, line, hash) VALUES (?, ?, ?, ?, ?)")
            for e in entries {
                try insert.execute(arguments: [e.sequence, e.recordedAt.millis, e.at.millis, e.line, e.hash])
            }
            try Self.count(entries, in: db)
            return entries
        }
    }

    /// Adds appended entries to their minutes' counts (``timeline()``), in the append's transaction.
    private static func count(_ entries: [JournalEntry], in db: Database) throws {
        var minutes: [Int64: Int] = [:]
        for e in entries { minutes[JournalTimeline.minute(of: e.at), default: 0] += 1 }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO entry_minutes (minute, entries) VALUES (?, ?)
            ON CONFLICT (minute) DO UPDATE SET entries = entries + excluded.entries
            """)
        for (minute, n) in minutes { try upsert.execute(arguments: [minute, n]) }
    }

    /// The file a committed append touches (opened for writing and closed, which inotify reports
    /// as `IN_CLOSE_WRITE`): followers in other processes wake on it (``SQLiteJournalWatch``).
    /// The `-wal` file changes earlier, while the transaction is being written and before
    /// readers can see it; this one only after the commit.
    public static func notifyPath(of path: String) -> String { path + "-notify" }

    /// Tells followers that entries were committed (best effort: a directory that cannot take
    /// the file leaves them with the `-wal` file's changes).
    private func notifyFollowers() {
        let fd = Glibc.open(Self.notifyPath(of: path), O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        if fd >= 0 { Glibc.close(fd) }
    }

    public func lastSequence() throws(JournalError) -> Int64 {
        try read("read") { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM entries") ?? 0 }
    }

    public func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64 {
        try read("read") { [atColumn] db in
            // A seek in the index of times (MAX(sequence) would walk every entry before `time`).
            try Int64.fetchOne(db, sql: "SELECT sequence FROM entries WHERE \(atColumn) <= ? ORDER BY \(atColumn) DESC, sequence DESC LIMIT 1",
                               arguments: [time.millis]) ?? 0
        }
    }

    public func timeSpan() throws(JournalError) -> ClosedRange<Instant>? {
        try read("read") { [atColumn] db in
            let first = try Int64.fetchOne(db, sql: "SELECT \(atColumn) FROM entries ORDER BY sequence LIMIT 1")
            let last = try Int64.fetchOne(db, sql: "SELECT \(atColumn) FROM entries ORDER BY sequence DESC LIMIT 1")
            guard let first, let last else { return nil }
            return Instant(millis: first)...Instant(millis: max(first, last))
        }
    }

    public func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        try read("read") { [atColumn] db in
            try Row.fetchAll(db, sql: "SELECT sequence, recorded_at, \(atColumn) AS at, line, hash FROM entries WHERE sequence > ? ORDER BY sequence LIMIT ?",
                             arguments: [sequence, limit]).map(Self.entry)
        }
    }

    /// The entries per minute (kept by each append) and the alarms raised (through their partial index).
    public func timeline() throws(JournalError) -> JournalTimeline {
        try read("read") { [atColumn] db in
            var timeline = JournalTimeline()
            // Kept by each append; a journal opened read-only before that existed counts them.
            let counted = try db.tableExists("entry_minutes")
            let rows = try Row.fetchCursor(db, sql: counted ? "SELECT minute, entries AS n FROM entry_minutes"
                                                            : "SELECT \(atColumn) / 60000 AS minute, COUNT(*) AS n FROM entries GROUP BY minute")
            while let row = try rows.next() { timeline.perMinute[row["minute"]] = row["n"] }
            // Through the partial index of raised alarms (the same condition, word for word).
            timeline.alarms = try Row.fetchAll(db, sql: "SELECT \(atColumn) AS at, line FROM entries WHERE \(Self.raisedAlarm)")
                .map { JournalTimeline.raiseTime(line: $0["line"], at: Instant(millis: $0["at"])) }
                .sorted()
            return timeline
        }
    }

    public func checkpointMarks() throws(JournalError) -> [JournalCheckpointMark] {
        try read("read") { [atColumn] db in
            try Row.fetchAll(db, sql: """
                SELECT c.sequence, COALESCE(\(checkpointAt), (SELECT e.\(atColumn) FROM entries e WHERE e.sequence = c.sequence)) AS at
                FROM checkpoints c ORDER BY c.sequence
                """).compactMap { row in
                let at: Int64? = row["at"]
                return at.map { JournalCheckpointMark(sequence: row["sequence"], at: Instant(millis: $0)) }
            }
        }
    }

    public func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) {
        try saveCheckpoint(encoded: EncodedCheckpoint(checkpoint))
    }

    public func saveCheckpoint(encoded checkpoint: EncodedCheckpoint) throws(JournalError) {
        let now = Instant(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        try write("write a checkpoint to") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO checkpoints (sequence, created_at, at, state, fingerprint) VALUES (?, ?, ?, ?, ?)",
                           arguments: [checkpoint.sequence, now.millis, checkpoint.at?.millis, checkpoint.encoding, checkpoint.fingerprint.hex])
        }
    }

    /// The latest checkpoint that decodes: one written by a version of Pantau whose state had
    /// other fields is passed over (the journal is folded from an older one, or from the start).
    public func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? {
        try read("read a checkpoint from") { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT sequence, \(checkpointAt) AS at, state FROM checkpoints c WHERE sequence <= ? ORDER BY sequence DESC",
                                           arguments: [sequence ?? Int64.max])
            return try Self.firstDecoding(rows)
        }
    }

    public func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint? {
        try read("read a checkpoint from") { [atColumn] db in
            // Without a time of its own (an older checkpoint), a checkpoint is as of its last entry.
            // The times from the marks' index (a time stored after its state is pages away).
            let at = "COALESCE(\(checkpointAt), (SELECT e.\(atColumn) FROM entries e WHERE e.sequence = c.sequence))"
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.sequence, \(at) AS at, c.state FROM checkpoints c WHERE c.sequence IN (
                    SELECT sequence FROM (SELECT c.sequence, \(at) AS at FROM checkpoints c) WHERE at IS NULL OR at <= ?)
                ORDER BY c.sequence DESC
                """, arguments: [time.millis])
            return try Self.firstDecoding(rows)
        }
    }

    /// The `checkpoints` table's time column, or NULL in a journal written before it existed.
    private var checkpointAt: String { atColumn == "at" ? "c.at" : "NULL" }

    /// The first checkpoint of `rows` (sequence, at, state) whose state decodes.
    private static func firstDecoding(_ rows: RowCursor) throws -> JournalCheckpoint? {
        while let row = try rows.next() {
            let data: Data = row["state"]
            if let state = try? CityState(canonicalEncoding: data) {
                let at: Int64? = row["at"]
                return JournalCheckpoint(sequence: row["sequence"], state: state, at: at.map(Instant.init(millis:)))
            }
        }
        return nil
    }

    // MARK: Beyond the protocol (verify, export, info)

    /// Every checkpoint without its state: where it is, when it was made, whether its state
    /// still matches its fingerprint.
    public func checkpointSummaries() throws(JournalError) -> [JournalCheckpointSummary] {
        try read("read") { db in
            try Row.fetchAll(db, sql: "SELECT sequence, created_at, state, fingerprint FROM checkpoints ORDER BY sequence").map { row in
                let data: Data = row["state"]
                let fingerprint: String = row["fingerprint"]
                return JournalCheckpointSummary(sequence: row["sequence"], createdAt: Instant(millis: row["created_at"]),
                                                bytes: data.count, fingerprint: fingerprint,
                                                matchesFingerprint: StateFingerprint(canonicalEncoding: data).hex == fingerprint)
            }
        }
    }

    /// Number of entries, and the first and last entry's `recorded_at`.
    public func summary() throws(JournalError) -> (entries: Int64, first: Instant?, last: Instant?) {
        try read("read") { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(recorded_at) AS first, MAX(recorded_at) AS last FROM entries")
            let first: Int64? = row?["first"]
            let last: Int64? = row?["last"]
            return (row?["n"] ?? 0, first.map(Instant.init(millis:)), last.map(Instant.init(millis:)))
        }
    }

    /// Bytes on disk: the file and its write-ahead log.
    public var fileSize: Int64 {
        ["", "-wal"].reduce(Int64(0)) { sum, suffix in
            let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber)?.int64Value
            return sum + (size ?? 0)
        }
    }

    // MARK: Plumbing

    private static func entry(_ row: Row) -> JournalEntry {
        JournalEntry(sequence: row["sequence"], recordedAt: Instant(millis: row["recorded_at"]), at: Instant(millis: row["at"]),
                     line: row["line"], hash: row["hash"])
    }

    private func read<T>(_ doing: String, _ body: (Database) throws -> T) throws(JournalError) -> T {
        try access(doing) { try queue.read(body) }
    }

    /// In one transaction.
    private func write<T>(_ doing: String, _ body: (Database) throws -> T) throws(JournalError) -> T {
        try access(doing) { try queue.write(body) }
    }

    private func access<T>(_ doing: String, _ body: () throws -> T) throws(JournalError) -> T {
        guard !closed else { throw JournalError(.unavailable, "journal \(path) is closed") }
        do {
            return try body()
        } catch {
            throw Self.journalError(error, path: path, doing: doing)
        }
    }

    /// A GRDB or SQLite failure in plain words naming the file.
    static func journalError(_ error: any Error, path: String, doing: String) -> JournalError {
        guard let db = error as? DatabaseError else {
            return JournalError(.other, "journal \(path): cannot \(doing) it: \(error)")
        }
        switch db.resultCode {
        case .SQLITE_FULL:
            return JournalError(.full, "disk full: cannot \(doing) journal \(path)")
        case .SQLITE_READONLY:
            return JournalError(.readOnly, "journal \(path) is read-only: cannot \(doing) it")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return JournalError(.corrupt, "\(path) is not a Pantau journal or is damaged")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return JournalError(.unavailable, "cannot open journal \(path)")
        case .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_NOLFS:
            return JournalError(.unavailable, "journal \(path) is unavailable (\(db.message ?? "\(db.resultCode)")): cannot \(doing) it")
        default:
            return JournalError(.other, "journal \(path): cannot \(doing) it: \(db.message ?? "\(db.resultCode)")")
        }
    }
}

/// A checkpoint as `pantau journal info` and the verifier see it, without its state.
public struct JournalCheckpointSummary: Sendable, Equatable {
    public var sequence: Int64
    public var createdAt: Instant
    /// Size of the stored state.
    public var bytes: Int
    public var fingerprint: String
    /// Whether the stored state's SHA-256 is its fingerprint (false: edited or damaged).
    public var matchesFingerprint: Bool

    public init(sequence: Int64, createdAt: Instant, bytes: Int, fingerprint: String, matchesFingerprint: Bool) {
        self.sequence = sequence
        self.createdAt = createdAt
        self.bytes = bytes
        self.fingerprint = fingerprint
        self.matchesFingerprint = matchesFingerprint
    }
}
