import Foundation
import GRDB
import PantauCore

/// The embedded journal: one SQLite file (through GRDB) in WAL mode with `synchronous = FULL`,
/// so an append is on disk when it returns. Tables: `entries` (sequence, recorded_at, line,
/// hash: the hash chain, see ``JournalChain``) and `checkpoints` (sequence, created_at, the
/// state's canonical encoding, its fingerprint).
///
/// Failures are ``JournalError``s that name the file: disk full, read-only, not a journal or
/// damaged, unavailable.
public final class SQLiteJournal: Journal {
    /// The journal's file.
    public let path: String
    /// Whether it was opened read-only (`verify`, `export`, `info`): appends are refused.
    public let isReadOnly: Bool
    private let queue: DatabaseQueue
    /// Removed (with its `-wal` and `-shm` files) when the journal is closed: a temporary journal.
    private let removesFileOnClose: Bool
    private var closed = false

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
                // WAL, and every commit fsync'd: an append is durable on return.
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else { throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "could not use WAL mode") }
                try db.execute(sql: "PRAGMA synchronous = FULL")
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
        } catch {
            throw Self.journalError(error, path: path, doing: "open")
        }
    }

    /// A new journal in the temporary directory, removed when closed (or released): the demo's
    /// and a replay's journal unless they are given one.
    public static func temporary() throws(JournalError) -> SQLiteJournal {
        let name = "pantau-journal-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sqlite"
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        return try SQLiteJournal(path: path, readOnly: false, removesFileOnClose: true)
    }

    deinit { close() }

    /// Closes the file (and removes a temporary journal). Further calls fail as unavailable.
    public func close() {
        guard !closed else { return }
        closed = true
        try? queue.close()
        if removesFileOnClose {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

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
        return m
    }

    // MARK: Journal

    public func append(_ events: [FeedEvent], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        try appendLines(events.map(FeedEventEncoder.line(for:)), recordedAt: recordedAt)
    }

    /// Appends feed-format lines as they are (``append(_:recordedAt:)`` encodes events first).
    public func appendLines(_ lines: [String], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        guard !lines.isEmpty else { return [] }
        return try write("append to") { db in
            let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM entries ORDER BY sequence DESC LIMIT 1")
            var sequence: Int64 = last?["sequence"] ?? 0
            var previous: String = last?["hash"] ?? JournalChain.genesis
            var entries: [JournalEntry] = []
            entries.reserveCapacity(lines.count)
            let insert = try db.cachedStatement(sql: "INSERT INTO entries (sequence, recorded_at, line, hash) VALUES (?, ?, ?, ?)")
            for line in lines {
                sequence += 1
                let hash = JournalChain.hash(previous: previous, sequence: sequence, recordedAt: recordedAt, line: line)
                try insert.execute(arguments: [sequence, recordedAt.millis, line, hash])
                entries.append(JournalEntry(sequence: sequence, recordedAt: recordedAt, line: line, hash: hash))
                previous = hash
            }
            return entries
        }
    }

    public func lastSequence() throws(JournalError) -> Int64 {
        try read("read") { db in try Int64.fetchOne(db, sql: "SELECT MAX(sequence) FROM entries") ?? 0 }
    }

    public func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        try read("read") { db in
            try Row.fetchAll(db, sql: "SELECT sequence, recorded_at, line, hash FROM entries WHERE sequence > ? ORDER BY sequence LIMIT ?",
                             arguments: [sequence, limit]).map(Self.entry)
        }
    }

    public func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) {
        try saveCheckpoint(encoded: EncodedCheckpoint(checkpoint))
    }

    public func saveCheckpoint(encoded checkpoint: EncodedCheckpoint) throws(JournalError) {
        let now = Instant(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        try write("write a checkpoint to") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO checkpoints (sequence, created_at, state, fingerprint) VALUES (?, ?, ?, ?)",
                           arguments: [checkpoint.sequence, now.millis, checkpoint.encoding, checkpoint.fingerprint.hex])
        }
    }

    /// The latest checkpoint that decodes: one written by a version of Pantau whose state had
    /// other fields is passed over (the journal is folded from an older one, or from the start).
    public func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? {
        try read("read a checkpoint from") { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT sequence, state FROM checkpoints WHERE sequence <= ? ORDER BY sequence DESC",
                                           arguments: [sequence ?? Int64.max])
            while let row = try rows.next() {
                let data: Data = row["state"]
                if let state = try? CityState(canonicalEncoding: data) {
                    return JournalCheckpoint(sequence: row["sequence"], state: state)
                }
            }
            return nil
        }
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
        JournalEntry(sequence: row["sequence"], recordedAt: Instant(millis: row["recorded_at"]), line: row["line"], hash: row["hash"])
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
}
