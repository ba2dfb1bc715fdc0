import Foundation
import PantauCore
import PantauJournal

/// Presence through the journal's PostgreSQL database: table `pantau.presence` (one row per
/// running console, `console_id` its key, `updated_at` the server's time of its last publish;
/// schema version 2, see ``PostgresSchema``) and `NOTIFY pantau_presence` after each change.
///
/// Two connections of its own, never the journal's, each on a thread of its own, so the live
/// loop never waits for the database:
/// - the **publisher** upserts (or deletes) this console's row and notifies, in one
///   transaction; publishes that pile up while it works are coalesced (the latest wins);
/// - the **listener** LISTENs, reads the whole table at start and after each burst of
///   notifications (rows older than ``PresenceBoard/lifetime`` are left out), and hands it to
///   ``takeRecords()``, each row's `lastSeen` worked out from its age by the server's clock (so
///   clocks of other machines do not matter), then calls `wake`.
///
/// A database that goes away makes ``problem`` say so; both threads retry every 2 s, and the
/// listener reads the table again once back. ``close()`` deletes the row (waiting up to 2 s).
public final class PostgresPresenceChannel: PresenceChannel, @unchecked Sendable {
    public let consoleID: String
    /// The notification channel.
    public static let channel = "pantau_presence"
    /// How long a thread waits before trying a lost database again.
    static let retryInterval = 2.0

    private let url: String
    private let name: String
    private let wake: @Sendable () -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var wanted: PresenceRecord?
    private var publishOwed = false
    private var stopping = false
    private var received: [PresenceRecord]?
    private var publisherProblem: String?
    private var listenerProblem: String?
    private var publisherDone = false
    private var listenerDone = false

    /// Starts both threads (connecting on them); `wake` is called from the listener's thread
    /// when records arrived.
    public init(url: String, consoleID: String, wake: @escaping @Sendable () -> Void) {
        self.url = url
        self.name = JournalAddress.redacted(url)
        self.consoleID = consoleID
        self.wake = wake
        let publisher = Thread { [self] in publishLoop() }
        publisher.name = "pantau-presence-publish"
        let listener = Thread { [self] in listenLoop() }
        listener.name = "pantau-presence-listen"
        publisher.start()
        listener.start()
    }

    public func publish(_ record: PresenceRecord?) {
        condition.lock()
        wanted = record
        publishOwed = true
        condition.broadcast()
        condition.unlock()
    }

    public func takeRecords() -> [PresenceRecord]? {
        condition.lock()
        defer { condition.unlock() }
        let taken = received
        received = nil
        return taken
    }

    public var problem: String? {
        condition.lock()
        defer { condition.unlock() }
        return (publisherProblem ?? listenerProblem).map { "presence on \(name) unavailable: \($0)" }
    }

    public func close() {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            return
        }
        wanted = nil
        publishOwed = true
        stopping = true
        condition.broadcast()
        let deadline = Date().addingTimeInterval(2)
        while !(publisherDone && listenerDone), condition.wait(until: deadline) {}
        condition.unlock()
    }

    // MARK: Publisher

    private func publishLoop() {
        var connection: PostgresConnection?
        defer { finish(closing: connection, publisher: true) }
        while true {
            condition.lock()
            while !publishOwed && !stopping { condition.wait() }
            if !publishOwed && stopping {
                condition.unlock()
                return
            }
            let record = wanted
            publishOwed = false
            let last = stopping
            condition.unlock()
            do throws(PostgresFailure) {
                if connection == nil { connection = try PostgresConnection(conninfo: url) }
                try connection!.reconnectIfNeeded()
                try write(record, on: connection!)
                setProblem(nil, publisher: true)
            } catch {
                setProblem(error.message, publisher: true)
                if error.connectionLost { connection?.close(); connection = nil }
                if last { return }
                condition.lock()
                // Try again (unless something newer came meanwhile, which is tried at once).
                if !publishOwed { wanted = record; publishOwed = true; _ = condition.wait(until: Date().addingTimeInterval(Self.retryInterval)) }
                condition.unlock()
            }
            if last { return }
        }
    }

    private func write(_ record: PresenceRecord?, on c: PostgresConnection) throws(PostgresFailure) {
        try c.transaction { () throws(PostgresFailure) in
            if let r = record {
                try c.execute("""
                    INSERT INTO pantau.presence (console_id, user_name, console, role, target_kind, target_id, activity, since, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
                    ON CONFLICT (console_id) DO UPDATE SET user_name = EXCLUDED.user_name, console = EXCLUDED.console,
                        role = EXCLUDED.role, target_kind = EXCLUDED.target_kind, target_id = EXCLUDED.target_id,
                        activity = EXCLUDED.activity, since = EXCLUDED.since, updated_at = now()
                    """, [.text(consoleID), .text(r.user), .text(r.console), .text(r.role.rawValue), .text(r.target.kind.rawValue),
                          .text(r.target.id), .text(r.activity.rawValue), .integer(r.since.millis)])
                // Rows of consoles that died long ago (their records aged out of every board).
                try c.execute("DELETE FROM pantau.presence WHERE updated_at < now() - interval '1 hour'")
            } else {
                try c.execute("DELETE FROM pantau.presence WHERE console_id = $1", [.text(consoleID)])
            }
            try c.execute("SELECT pg_notify($1, $2)", [.text(Self.channel), .text(consoleID)])
        }
    }

    // MARK: Listener

    private func listenLoop() {
        var connection: PostgresConnection?
        defer { finish(closing: connection, publisher: false) }
        var mustRead = true
        while !isStopping {
            do throws(PostgresFailure) {
                if connection == nil {
                    connection = try PostgresConnection(conninfo: url)
                    try connection!.execute("LISTEN \(Self.channel)")
                    mustRead = true
                }
                if try connection!.reconnectIfNeeded() {
                    try connection!.execute("LISTEN \(Self.channel)")
                    mustRead = true
                }
                if mustRead {
                    let records = try Self.read(on: connection!, excluding: consoleID)
                    condition.lock()
                    received = records
                    listenerProblem = nil
                    condition.unlock()
                    wake()
                    mustRead = false
                }
                // A burst of notifications is one read of the table.
                if try connection!.nextNotification(timeout: 1) != nil {
                    while try connection!.nextNotification(timeout: 0) != nil {}
                    mustRead = true
                }
            } catch {
                setProblem(error.message, publisher: false)
                connection?.close()
                connection = nil
                condition.lock()
                if !stopping { _ = condition.wait(until: Date().addingTimeInterval(Self.retryInterval)) }
                condition.unlock()
            }
        }
    }

    /// Every console's row but `consoleID`'s, refreshed within ``PresenceBoard/lifetime``.
    static func read(on c: PostgresConnection, excluding consoleID: String) throws(PostgresFailure) -> [PresenceRecord] {
        let rows = try c.execute("""
            SELECT console_id, user_name, console, role, target_kind, target_id, activity, since,
                   (EXTRACT(EPOCH FROM now() - updated_at) * 1000)::bigint
            FROM pantau.presence WHERE console_id <> $1 AND updated_at > now() - make_interval(secs => $2)
            """, [.text(consoleID), .integer(Int64(PresenceBoard.lifetime))]).rows
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        return rows.compactMap { row in
            guard let id = row[0], let user = row[1], let console = row[2], let role = row[3].flatMap(Role.init(rawValue:)),
                  let kind = row[4].flatMap(ActionTargetKind.init(rawValue:)), let target = row[5],
                  let activity = row[6].flatMap(PresenceActivity.init(rawValue:)),
                  let since = row[7].flatMap({ Int64($0) }), let age = row[8].flatMap({ Int64($0) }) else { return nil }
            return PresenceRecord(consoleID: id, user: user, console: console, role: role, target: PresenceTarget(kind, target),
                                  activity: activity, since: Instant(millis: since), lastSeen: Instant(millis: now - max(0, age)))
        }
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// A thread's end: its connection closed, and ``close()`` told.
    private func finish(closing connection: PostgresConnection?, publisher: Bool) {
        connection?.close()
        condition.lock()
        if publisher { publisherDone = true } else { listenerDone = true }
        condition.broadcast()
        condition.unlock()
    }

    private func setProblem(_ problem: String?, publisher: Bool) {
        condition.lock()
        if publisher { publisherProblem = problem } else { listenerProblem = problem }
        condition.unlock()
    }
}
