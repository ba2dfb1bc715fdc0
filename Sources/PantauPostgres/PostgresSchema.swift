import Foundation
import PantauJournal

/// The journal's tables in PostgreSQL, versioned: `pantau.schema_version` lists the migrations
/// applied. Pantau creates the schema (`pantau journal init`, or the first open for writing)
/// and migrates it; a database migrated by a newer Pantau is refused, not written to.
public enum PostgresSchema {
    /// Each version's statements, in order. Add a version for a change; never edit a shipped one.
    static let migrations: [[String]] = [
        // 1: entries (the hash chain, see JournalChain) and checkpoints.
        [
            """
            CREATE TABLE pantau.entries (
                sequence bigint PRIMARY KEY,
                recorded_at bigint NOT NULL,
                at bigint NOT NULL,
                line text NOT NULL,
                hash text NOT NULL)
            """,
            "CREATE INDEX entries_at ON pantau.entries (at)",
            """
            CREATE TABLE pantau.checkpoints (
                sequence bigint PRIMARY KEY,
                created_at bigint NOT NULL,
                at bigint,
                state bytea NOT NULL,
                fingerprint text NOT NULL)
            """,
        ],
        // 2: presence (PostgresPresenceChannel): one row per running console, never journaled.
        [
            """
            CREATE TABLE pantau.presence (
                console_id text PRIMARY KEY,
                user_name text NOT NULL,
                console text NOT NULL,
                role text NOT NULL,
                target_kind text NOT NULL,
                target_id text NOT NULL,
                activity text NOT NULL,
                since bigint NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now())
            """,
        ],
    ]

    /// The schema version this Pantau writes.
    public static var latestVersion: Int { migrations.count }

    /// An arbitrary constant: the advisory lock that keeps two Pantaus from migrating at once.
    static let migrationLock: Int64 = 0x7061_6E74_6175

    /// `pantau journal init`: connects to `url`, creates or migrates the journal's schema there,
    /// and returns its version.
    public static func initialize(url: String) throws(JournalError) -> Int {
        let name = JournalAddress.redacted(url)
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(conninfo: url)
        } catch {
            throw PostgresJournal.connectError(error, name: name)
        }
        defer { connection.close() }
        return try migrate(connection, name: name)
    }

    /// Creates or migrates the schema in one transaction; returns the version it is at now.
    @discardableResult
    static func migrate(_ c: PostgresConnection, name: String) throws(JournalError) -> Int {
        do {
            return try c.transaction { () throws(PostgresFailure) in
                try c.execute("SELECT pg_advisory_xact_lock($1)", [.integer(migrationLock)])
                try c.execute("CREATE SCHEMA IF NOT EXISTS pantau")
                try c.execute("CREATE TABLE IF NOT EXISTS pantau.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
                let current = Int(try c.execute("SELECT COALESCE(MAX(version), 0) FROM pantau.schema_version").scalar ?? "0") ?? 0
                guard current <= latestVersion else { throw PostgresFailure(sqlState: tooNew, message: String(current), connectionLost: false) }
                for version in stride(from: current + 1, through: latestVersion, by: 1) {
                    for statement in migrations[version - 1] { try c.execute(statement) }
                    try c.execute("INSERT INTO pantau.schema_version (version) VALUES ($1)", [.integer(Int64(version))])
                }
                return max(current, latestVersion)
            }
        } catch {
            throw schemaError(error, name: name, doing: "set up")
        }
    }

    /// Checks that the schema is there and not newer than this Pantau's (for reading only).
    static func check(_ c: PostgresConnection, name: String) throws(JournalError) {
        do throws(PostgresFailure) {
            guard try c.execute("SELECT to_regclass('pantau.schema_version')").scalar != nil else {
                throw PostgresFailure(sqlState: "42P01", message: "no schema", connectionLost: false)
            }
            let current = Int(try c.execute("SELECT COALESCE(MAX(version), 0) FROM pantau.schema_version").scalar ?? "0") ?? 0
            guard current <= latestVersion else { throw PostgresFailure(sqlState: tooNew, message: String(current), connectionLost: false) }
        } catch {
            throw schemaError(error, name: name, doing: "read")
        }
    }

    /// A private SQLSTATE-like code for "migrated by a newer Pantau" (the version as the message).
    private static let tooNew = "pantau-too-new"

    private static func schemaError(_ failure: PostgresFailure, name: String, doing: String) -> JournalError {
        guard failure.sqlState == tooNew else { return PostgresJournal.journalError(failure, name: name, doing: doing) }
        return JournalError(.other, "journal \(name) has schema version \(failure.message), newer than this Pantau's (\(latestVersion)): upgrade Pantau")
    }
}
