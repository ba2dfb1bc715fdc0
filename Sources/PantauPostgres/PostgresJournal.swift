import Foundation
import PantauCore
import PantauJournal

/// The shared journal: a PostgreSQL database that many consoles and ingest processes append to
/// and read from, through libpq. Tables in the `pantau` schema: `entries` (sequence,
/// recorded_at, at (indexed), line, hash), `checkpoints` (sequence, created_at, at, the state's
/// canonical encoding as bytea, its fingerprint) and `schema_version`; see ``PostgresSchema``.
///
/// **One total order.** An append is one transaction that takes `LOCK TABLE pantau.entries IN
/// EXCLUSIVE MODE` (readers go on; other appenders wait), reads the last entry's sequence, time
/// and hash, and continues the sequence and the hash chain from it: writers on any number of
/// machines produce one gapless chain. The transaction ends with `NOTIFY pantau_journal,
/// '<last sequence>'`, so followers (``nextNotification(timeout:)``) read the new entries by
/// sequence. An append is durable on return (PostgreSQL's `synchronous_commit`, on by default).
///
/// **Failures** are ``JournalError``s naming the database (without a password): server gone
/// (``JournalError/Kind/unavailable``; the next call reconnects; only a read, which may be
/// repeated safely, is tried once more at once, an append never is), login refused, no journal there, a schema newer than this Pantau, disk full.
/// Used from one thread at a time, like every journal.
public final class PostgresJournal: SharedCheckpointJournal {
    /// The database URL without its password, for messages.
    public let name: String
    /// Whether it was opened read-only (`verify`, `export`, `info`): appends are refused.
    public let isReadOnly: Bool
    let connection: PostgresConnection
    private var listening = false
    private var closed = false
    /// The configuration the compare-and-set's fold needs and a checkpoint does not carry (the
    /// units roster, stale limits): set it to the consoles' before ``appendChecked(_:at:recordedAt:)``.
    public var versionBase = CityState()
    /// The state as this journal last folded it, for the compare-and-set (nil: not yet needed).
    var versionFold: JournalFold.Folded?
    /// The entries of an append whose COMMIT got no answer (the server went away just then):
    /// committed or not, the next append finds out before it writes.
    var unconfirmed: [JournalEntry]?

    /// Connects to the database at `url` and, unless `readOnly`, creates or migrates the
    /// journal's schema there (``PostgresSchema/migrate(_:name:)``); read-only, the schema must
    /// exist already and not be newer than this Pantau's.
    public init(url: String, readOnly: Bool = false) throws(JournalError) {
        name = JournalAddress.redacted(url)
        isReadOnly = readOnly
        do {
            connection = try PostgresConnection(conninfo: url)
        } catch {
            throw Self.connectError(error, name: JournalAddress.redacted(url))
        }
        if readOnly {
            try PostgresSchema.check(connection, name: name)
        } else {
            try PostgresSchema.migrate(connection, name: name)
        }
    }

    deinit { close() }

    /// Disconnects. Further calls fail as unavailable.
    public func close() {
        guard !closed else { return }
        closed = true
        connection.close()
    }

    // MARK: Journal

    public func append(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        precondition(times.count == events.count, "one time per event")
        return try appendLines(events.map(FeedEventEncoder.line(for:)), at: times, recordedAt: recordedAt)
    }

    /// Appends feed-format lines as they are, applied at `times` (nil: at `recordedAt`).
    ///
    /// A server that goes away while the COMMIT is on its way leaves the outcome unknown (it may
    /// have committed and died before answering): the append fails as unavailable, and the next
    /// one first looks. If the same lines are appended again (a caller retrying the batch, as
    /// `pantau ingest` does, perhaps with more lines after them) and the first attempt had
    /// committed, its entries are returned and only the lines after them are written.
    public func appendLines(_ lines: [String], at times: [Instant]? = nil, recordedAt: Instant) throws(JournalError) -> [JournalEntry] {
        precondition(times == nil || times!.count == lines.count, "one time per line")
        guard !lines.isEmpty else { return [] }
        if let unsure = unconfirmed {
            let committed = try isCommitted(unsure)
            unconfirmed = nil
            if committed, lines.starts(with: unsure.map(\.line)) {
                let rest = try appendLines(Array(lines.dropFirst(unsure.count)), at: times.map { Array($0.dropFirst(unsure.count)) },
                                           recordedAt: recordedAt)
                return unsure + rest
            }
        }
        var written: [JournalEntry] = []
        do {
            return try write("append to") { c throws(PostgresFailure) in
                let tail = try Self.lockedTail(c)
                written = try Self.insert(lines, at: times, recordedAt: recordedAt, after: tail, on: c)
                return written
            }
        } catch {
            if error.kind == .unavailable, !written.isEmpty { unconfirmed = written }
            throw error
        }
    }

    /// Whether `entries` (an append's, its COMMIT unanswered) are in the journal: the last one's
    /// hash at its sequence (the hash chains every entry before it).
    private func isCommitted(_ entries: [JournalEntry]) throws(JournalError) -> Bool {
        guard let last = entries.last else { return false }
        return try read("read") { c throws(PostgresFailure) in
            try c.execute("SELECT hash FROM pantau.entries WHERE sequence = $1", [.integer(last.sequence)]).scalar == last.hash
        }
    }

    public func lastSequence() throws(JournalError) -> Int64 {
        try read("read") { c throws(PostgresFailure) in
            Int64(try c.execute("SELECT COALESCE(MAX(sequence), 0) FROM pantau.entries").scalar ?? "0") ?? 0
        }
    }

    public func lastSequence(atOrBefore time: Instant) throws(JournalError) -> Int64 {
        try read("read") { c throws(PostgresFailure) in
            Int64(try c.execute("SELECT COALESCE(MAX(sequence), 0) FROM pantau.entries WHERE at <= $1",
                                [.integer(time.millis)]).scalar ?? "0") ?? 0
        }
    }

    public func timeSpan() throws(JournalError) -> ClosedRange<Instant>? {
        try read("read") { c throws(PostgresFailure) in
            let row = try c.execute("""
                SELECT (SELECT at FROM pantau.entries ORDER BY sequence LIMIT 1),
                       (SELECT at FROM pantau.entries ORDER BY sequence DESC LIMIT 1)
                """).rows.first
            guard let first = row?[0].flatMap({ Int64($0) }), let last = row?[1].flatMap({ Int64($0) }) else { return nil }
            return Instant(millis: first)...Instant(millis: max(first, last))
        }
    }

    public func entries(after sequence: Int64, limit: Int) throws(JournalError) -> [JournalEntry] {
        try read("read") { c throws(PostgresFailure) in
            try c.execute("SELECT sequence, recorded_at, at, line, hash FROM pantau.entries WHERE sequence > $1 ORDER BY sequence LIMIT $2",
                          [.integer(sequence), .integer(Int64(limit))]).rows.map(Self.entry)
        }
    }

    /// Counts by minute in SQL, alarms by their lines.
    public func timeline() throws(JournalError) -> JournalTimeline {
        try read("read") { c throws(PostgresFailure) in
            var timeline = JournalTimeline()
            // Floor division, as ``JournalTimeline/minute(of:)`` rounds down before 1970 too.
            for row in try c.execute("SELECT floor(at / 60000.0)::bigint AS minute, COUNT(*) FROM pantau.entries GROUP BY minute").rows {
                if let minute = row[0].flatMap({ Int64($0) }), let n = row[1].flatMap({ Int($0) }) { timeline.perMinute[minute] = n }
            }
            timeline.alarms = try c.execute("""
                SELECT at FROM pantau.entries
                WHERE strpos(line, '"kind":"alarm"') > 0 AND strpos(line, '"state":"raised"') > 0 ORDER BY sequence
                """).rows.compactMap { $0[0].flatMap { Int64($0) }.map(Instant.init(millis:)) }
            return timeline
        }
    }

    public func checkpointMarks() throws(JournalError) -> [JournalCheckpointMark] {
        try read("read") { c throws(PostgresFailure) in
            try c.execute("""
                SELECT c.sequence, COALESCE(c.at, (SELECT e.at FROM pantau.entries e WHERE e.sequence = c.sequence))
                FROM pantau.checkpoints c ORDER BY c.sequence
                """).rows.compactMap { row in
                guard let sequence = row[0].flatMap({ Int64($0) }), let at = row[1].flatMap({ Int64($0) }) else { return nil }
                return JournalCheckpointMark(sequence: sequence, at: Instant(millis: at))
            }
        }
    }

    public func saveCheckpoint(_ checkpoint: JournalCheckpoint) throws(JournalError) {
        try saveCheckpoint(encoded: EncodedCheckpoint(checkpoint))
    }

    /// Another console's checkpoint at the same entry is the same state: the first one stays.
    public func saveCheckpoint(encoded checkpoint: EncodedCheckpoint) throws(JournalError) {
        let now = Instant(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        _ = try write("write a checkpoint to") { c throws(PostgresFailure) in
            try c.execute("""
                INSERT INTO pantau.checkpoints (sequence, created_at, at, state, fingerprint) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (sequence) DO NOTHING
                """, [.integer(checkpoint.sequence), .integer(now.millis), checkpoint.at.map { .integer($0.millis) } ?? .null,
                      .bytes(checkpoint.encoding), .text(checkpoint.fingerprint.hex)])
        }
    }

    public func hasCheckpoint(at sequence: Int64) throws(JournalError) -> Bool {
        try read("read") { c throws(PostgresFailure) in
            try c.execute("SELECT 1 FROM pantau.checkpoints WHERE sequence = $1", [.integer(sequence)]).scalar != nil
        }
    }

    /// The latest checkpoint that decodes (one a Pantau with other state fields wrote is passed over).
    public func latestCheckpoint(atOrBefore sequence: Int64?) throws(JournalError) -> JournalCheckpoint? {
        try firstDecoding("SELECT sequence, at, state FROM pantau.checkpoints WHERE sequence <= $1 ORDER BY sequence DESC LIMIT 1 OFFSET $2",
                          .integer(sequence ?? Int64.max))
    }

    public func latestCheckpoint(asOf time: Instant) throws(JournalError) -> JournalCheckpoint? {
        try firstDecoding("""
            SELECT sequence, at, state FROM (
                SELECT c.sequence, COALESCE(c.at, (SELECT e.at FROM pantau.entries e WHERE e.sequence = c.sequence)) AS at, c.state
                FROM pantau.checkpoints c) AS k
            WHERE at IS NULL OR at <= $1 ORDER BY sequence DESC LIMIT 1 OFFSET $2
            """, .integer(time.millis))
    }

    /// The first checkpoint `sql` (bound, offset) lists whose state decodes, read one at a time.
    private func firstDecoding(_ sql: String, _ bound: PostgresValue) throws(JournalError) -> JournalCheckpoint? {
        try read("read a checkpoint from") { c throws(PostgresFailure) in
            var offset: Int64 = 0
            while let row = try c.execute(sql, [bound, .integer(offset)]).rows.first {
                offset += 1
                guard let sequence = row[0].flatMap({ Int64($0) }), let data = PostgresRows.bytes(row[2]),
                      let state = try? CityState(canonicalEncoding: data) else { continue }
                return JournalCheckpoint(sequence: sequence, state: state, at: row[1].flatMap { Int64($0) }.map(Instant.init(millis:)))
            }
            return nil
        }
    }

    // MARK: Beyond the protocol (verify, info, followers)

    /// Every checkpoint without its state, as ``SQLiteJournal/checkpointSummaries()``.
    public func checkpointSummaries() throws(JournalError) -> [JournalCheckpointSummary] {
        try read("read") { c throws(PostgresFailure) in
            try c.execute("SELECT sequence, created_at, state, fingerprint FROM pantau.checkpoints ORDER BY sequence").rows.map { row in
                let data = PostgresRows.bytes(row[2]) ?? Data()
                let fingerprint = row[3] ?? ""
                return JournalCheckpointSummary(sequence: Int64(row[0] ?? "") ?? 0, createdAt: Instant(millis: Int64(row[1] ?? "") ?? 0),
                                                bytes: data.count, fingerprint: fingerprint,
                                                matchesFingerprint: StateFingerprint(canonicalEncoding: data).hex == fingerprint)
            }
        }
    }

    /// Number of entries, and the first and last entry's `recorded_at`.
    public func summary() throws(JournalError) -> (entries: Int64, first: Instant?, last: Instant?) {
        try read("read") { c throws(PostgresFailure) in
            let row = try c.execute("SELECT COUNT(*), MIN(recorded_at), MAX(recorded_at) FROM pantau.entries").rows.first
            return (Int64(row?[0] ?? "0") ?? 0, row?[1].flatMap { Int64($0) }.map(Instant.init(millis:)),
                    row?[2].flatMap { Int64($0) }.map(Instant.init(millis:)))
        }
    }

    /// Bytes the journal's tables take on the server, with their indexes and TOAST.
    public func storageSize() throws(JournalError) -> Int64 {
        try read("read") { c throws(PostgresFailure) in
            Int64(try c.execute("SELECT pg_total_relation_size('pantau.entries') + pg_total_relation_size('pantau.checkpoints')").scalar ?? "0") ?? 0
        }
    }

    /// The channel every append notifies, with its last sequence as the payload.
    public static let channel = "pantau_journal"

    /// Waits up to `timeout` seconds for an append by anyone (this connection LISTENs from the
    /// first call on, again after a reconnect) and returns the highest sequence announced, or
    /// nil when none came. Appends made while not listening are not announced: a follower
    /// reads by sequence after listening, then waits.
    public func nextNotification(timeout: Double) throws(JournalError) -> Int64? {
        try access("wait for") { () throws(PostgresFailure) in
            if try connection.reconnectIfNeeded() || !listening {
                try connection.execute("LISTEN \(Self.channel)")
                listening = true
            }
            var highest: Int64?
            var wait = timeout
            while let payload = try connection.nextNotification(timeout: wait) {
                if let sequence = Int64(payload) { highest = max(highest ?? sequence, sequence) }
                wait = 0
            }
            return highest
        }
    }

    // MARK: Appending

    /// The last entry, read after taking the table's exclusive lock (other appenders wait until
    /// this transaction ends; readers do not).
    static func lockedTail(_ c: PostgresConnection) throws(PostgresFailure) -> (sequence: Int64, at: Instant?, hash: String) {
        try c.execute("LOCK TABLE pantau.entries IN EXCLUSIVE MODE")
        let row = try c.execute("SELECT sequence, at, hash FROM pantau.entries ORDER BY sequence DESC LIMIT 1").rows.first
        guard let row, let sequence = row[0].flatMap({ Int64($0) }), let hash = row[2] else { return (0, nil, JournalChain.genesis) }
        return (sequence, row[1].flatMap { Int64($0) }.map(Instant.init(millis:)), hash)
    }

    /// Rows per INSERT: 5 parameters each, well under PostgreSQL's 65,535.
    static let rowsPerInsert = 1_000

    /// Inserts `lines` after `tail` (sequence, time and hash chain continued) and notifies; inside
    /// the caller's transaction, which holds the lock.
    static func insert(_ lines: [String], at times: [Instant]?, recordedAt: Instant,
                       after tail: (sequence: Int64, at: Instant?, hash: String), on c: PostgresConnection) throws(PostgresFailure) -> [JournalEntry] {
        let entries = JournalChain.entries(appending: lines, at: times, recordedAt: recordedAt, after: tail)
        var start = 0
        while start < entries.count {
            let chunk = entries[start..<min(entries.count, start + rowsPerInsert)]
            var sql = "INSERT INTO pantau.entries (sequence, recorded_at, at, line, hash) VALUES "
            var parameters: [PostgresValue] = []
            parameters.reserveCapacity(chunk.count * 5)
            for (n, e) in chunk.enumerated() {
                let p = n * 5
                sql += n == 0 ? "" : ","
                sql += "($\(p + 1),$\(p + 2),$\(p + 3),$\(p + 4),$\(p + 5))"
                parameters += [.integer(e.sequence), .integer(e.recordedAt.millis), .integer(e.at.millis), .text(e.line), .text(e.hash)]
            }
            try c.execute(sql, parameters)
            start += chunk.count
        }
        try c.execute("SELECT pg_notify($1, $2)", [.text(channel), .text(String(entries.last?.sequence ?? tail.sequence))])
        return entries
    }

    // MARK: Plumbing

    static func entry(_ row: [String?]) -> JournalEntry {
        JournalEntry(sequence: Int64(row[0] ?? "") ?? 0, recordedAt: Instant(millis: Int64(row[1] ?? "") ?? 0),
                     at: Instant(millis: Int64(row[2] ?? "") ?? 0), line: row[3] ?? "", hash: row[4] ?? "")
    }

    /// A read that finds the connection cut while it was idle (the server restarted since the
    /// last call) reconnects and runs once more: reading twice changes nothing, and a console
    /// that was only waiting does not go stale for a restart it slept through. One that got no
    /// answer in time (``PostgresConnection/replyTimeout``) fails at once: the next call reconnects.
    func read<T>(_ doing: String, _ body: (PostgresConnection) throws(PostgresFailure) -> T) throws(JournalError) -> T {
        try access(doing) { () throws(PostgresFailure) in
            if try connection.reconnectIfNeeded() {
                listening = false
                return try body(connection)
            }
            do throws(PostgresFailure) {
                return try body(connection)
            } catch where error.connectionLost && !connection.timedOut {
                try reconnect()
                return try body(connection)
            }
        }
    }

    /// In one transaction.
    func write<T>(_ doing: String, _ body: (PostgresConnection) throws(PostgresFailure) -> T) throws(JournalError) -> T {
        guard !isReadOnly else { throw JournalError(.readOnly, "journal \(name) is read-only: cannot \(doing) it") }
        return try access(doing) { () throws(PostgresFailure) in
            try reconnect()
            return try connection.transaction { () throws(PostgresFailure) in try body(connection) }
        }
    }

    /// Reconnects a broken connection; the new session listens to nothing until
    /// ``nextNotification(timeout:)`` listens again.
    private func reconnect() throws(PostgresFailure) {
        if try connection.reconnectIfNeeded() { listening = false }
    }

    private func access<T>(_ doing: String, _ body: () throws(PostgresFailure) -> T) throws(JournalError) -> T {
        guard !closed else { throw JournalError(.unavailable, "journal \(name) is closed") }
        do {
            return try body()
        } catch {
            throw Self.journalError(error, name: name, doing: doing)
        }
    }

    /// Whether `error`, from opening or using a PostgreSQL journal, may pass by itself: the
    /// server could not be reached or went away (down, restarting, starting up, the network
    /// out), so trying again later makes sense; not a refused login, a missing database or
    /// journal, or TLS the server lacks, which stay until someone fixes them.
    public static func mayComeBack(_ error: JournalError) -> Bool {
        error.kind == .unavailable && error.description.contains(unreachableMarker)
    }

    /// What every message of a server out of reach says after the journal's name.
    private static let unreachableMarker = " is unavailable ("

    /// A failure to connect, in plain words naming the database.
    static func connectError(_ failure: PostgresFailure, name: String) -> JournalError {
        let m = failure.message
        if m.contains("authentication failed") || m.contains("no password supplied") || m.contains("pg_hba.conf") {
            return JournalError(.unavailable, "PostgreSQL refused the login to journal \(name): \(m)")
        }
        if m.contains("SSL") {
            return JournalError(.unavailable, "cannot open journal \(name) over TLS (the URL's sslmode): \(m)")
        }
        if m.contains("does not exist") {
            return JournalError(.unavailable, "cannot open journal \(name): \(m)")
        }
        return JournalError(.unavailable, "journal \(name)\(unreachableMarker)cannot reach the server: \(m))")
    }

    /// A statement's failure in plain words naming the database.
    static func journalError(_ failure: PostgresFailure, name: String, doing: String) -> JournalError {
        if failure.connectionLost {
            return JournalError(.unavailable, "journal \(name)\(unreachableMarker)server gone: \(failure.message)): cannot \(doing) it")
        }
        switch failure.sqlState ?? "" {
        case "53100":
            return JournalError(.full, "disk full: cannot \(doing) journal \(name)")
        case "25006", "42501":
            return JournalError(.readOnly, "journal \(name) is read-only (\(failure.message)): cannot \(doing) it")
        case "42P01", "3F000":
            return JournalError(.corrupt, "\(name) holds no Pantau journal (run pantau journal init --journal URL)")
        case let state where state.hasPrefix("08") || state.hasPrefix("57P"):
            return JournalError(.unavailable, "journal \(name)\(unreachableMarker)\(failure.message)): cannot \(doing) it")
        default:
            return JournalError(.other, "journal \(name): cannot \(doing) it: \(failure.message)")
        }
    }
}
