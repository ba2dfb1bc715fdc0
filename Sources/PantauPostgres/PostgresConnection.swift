import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection, used from one thread at a time: statements with parameters (text, or
/// binary for bytea), results read eagerly as text, transactions, LISTEN and waiting for a
/// notification. A connection that broke (server restarted, network gone) is re-established by
/// ``reconnectIfNeeded()`` before the next statement, never in the middle of one.
final class PostgresConnection {
    /// The libpq connection string (a `postgres://` URL or `key=value` pairs).
    let conninfo: String
    private var handle: OpaquePointer?

    /// Seconds a statement may go without a byte of answer before the server counts as gone
    /// (stopped, or the network dead without a word): the connection is then dropped and
    /// re-established by the next statement, so a console's read fails in seconds rather than
    /// hanging its loop. Bytes arriving start the count again (a long result is no failure).
    var replyTimeout = 5.0
    /// Set when a reply timed out: the connection is unusable (an answer may still be on its
    /// way) and is re-established before the next statement.
    private var abandoned = false

    /// What libpq is told unless the connection string says otherwise: give up a connection
    /// attempt after `connect_timeout` seconds, and probe an idle connection with TCP
    /// keepalives, so a dead network or host is noticed in about 10 seconds, not the hours
    /// the operating system's defaults take.
    static let defaultParameters: KeyValuePairs<String, String> = [
        "connect_timeout": "5", "keepalives": "1", "keepalives_idle": "5", "keepalives_interval": "2", "keepalives_count": "3",
    ]

    /// `conninfo` (a URL or `key=value` pairs) with the ``defaultParameters`` it does not set.
    static func withDefaults(_ conninfo: String) -> String {
        let isURL = conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://")
        let given: Set<String>
        if isURL {
            let query = conninfo.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
            given = Set(query.split(separator: "&").map { String($0.split(separator: "=", maxSplits: 1)[0]) })
        } else {
            // key = value pairs; a quoted value may hold anything, but not `word=` keys we add.
            given = Set(conninfo.split(whereSeparator: \.isWhitespace).compactMap { pair in
                pair.contains("=") ? String(pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]) : nil
            })
        }
        let missing = defaultParameters.filter { !given.contains($0.key) }.map { "\($0.key)=\($0.value)" }
        guard !missing.isEmpty else { return conninfo }
        if isURL { return conninfo + (conninfo.contains("?") ? "&" : "?") + missing.joined(separator: "&") }
        return (conninfo.isEmpty ? "" : conninfo + " ") + missing.joined(separator: " ")
    }

    /// Connects (with the ``defaultParameters`` the string does not set); a failure is a
    /// ``PostgresFailure`` with libpq's words.
    init(conninfo: String) throws(PostgresFailure) {
        self.conninfo = conninfo
        handle = PQconnectdb(Self.withDefaults(conninfo))
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { Self.text(PQerrorMessage($0)) } ?? "out of memory"
            if let handle { PQfinish(handle) }
            self.handle = nil
            throw PostgresFailure(sqlState: nil, message: message, connectionLost: true)
        }
        _ = PQsetClientEncoding(handle, "UTF8")
        // The server's notices ("schema already exists, skipping") are not for the terminal.
        _ = PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { close() }

    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the last statement was abandoned for want of an answer (the server frozen or
    /// out of reach, not restarted): reconnecting at once would only wait again.
    var timedOut: Bool { abandoned }

    /// Whether the connection is up as far as libpq knows (it learns of a loss on the next use).
    var isConnected: Bool { !abandoned && (handle.map { PQstatus($0) == CONNECTION_OK } ?? false) }

    /// Re-establishes a broken connection (same parameters); throws when the server is still
    /// away. Returns whether it reconnected (a new session: LISTENs are gone).
    @discardableResult
    func reconnectIfNeeded() throws(PostgresFailure) -> Bool {
        guard let handle else { throw PostgresFailure(sqlState: nil, message: "connection closed", connectionLost: true) }
        guard PQstatus(handle) != CONNECTION_OK || abandoned else { return false }
        abandoned = false
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: true)
        }
        _ = PQsetClientEncoding(handle, "UTF8")
        return true
    }

    /// Runs one statement with `parameters` as `$1`, `$2` …; returns its rows (text, NULL as nil).
    @discardableResult
    func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresFailure) -> PostgresRows {
        guard let handle else { throw PostgresFailure(sqlState: nil, message: "connection closed", connectionLost: true) }
        // Each parameter's bytes, kept alive until PQexecParams returns.
        let buffers: [[UInt8]?] = parameters.map { value in
            switch value {
            case .null: return nil
            case .text(let s): return Array(s.utf8) + [0]
            case .integer(let i): return Array(String(i).utf8) + [0]
            case .bytes(let d): return [UInt8](d)
            }
        }
        let formats: [Int32] = parameters.map { if case .bytes = $0 { 1 } else { 0 } }
        let lengths: [Int32] = buffers.map { Int32($0?.count ?? 0) }
        guard !abandoned else { throw PostgresFailure(sqlState: nil, message: "no answer from the server", connectionLost: true) }
        let sent = Self.withPointers(buffers) { pointers in
            PQsendQueryParams(handle, sql, Int32(parameters.count), nil, pointers, lengths, formats, 0)
        }
        guard sent == 1 else {
            throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
        // One statement: one result, then none (each read after waiting for the answer).
        try awaitAnswer(handle)
        guard let result = PQgetResult(handle) else {
            throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
        defer { PQclear(result) }
        while true {
            try awaitAnswer(handle)
            guard let extra = PQgetResult(handle) else { break }
            PQclear(extra)
        }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let state = pantau_pq_sqlstate(result).map { String(cString: $0) }
            let message = pantau_pq_primary_message(result).map { String(cString: $0) } ?? Self.text(PQerrorMessage(handle))
            throw PostgresFailure(sqlState: state, message: message, connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
        var rows: [[String?]] = []
        let count = PQntuples(result), columns = PQnfields(result)
        rows.reserveCapacity(Int(count))
        for r in 0..<count {
            var row: [String?] = []
            row.reserveCapacity(Int(columns))
            for c in 0..<columns {
                row.append(PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c)))
            }
            rows.append(row)
        }
        return PostgresRows(rows: rows)
    }

    /// Waits until libpq has the next result without blocking (a byte of answer at least every
    /// ``replyTimeout`` seconds); else abandons the connection and throws it lost.
    private func awaitAnswer(_ handle: OpaquePointer) throws(PostgresFailure) {
        while PQisBusy(handle) == 1 {
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(replyTimeout * 1000))
            if ready == 0 {
                abandoned = true
                throw PostgresFailure(sqlState: nil, message: "no answer from the server in \(Int(replyTimeout)) s", connectionLost: true)
            }
            if ready < 0 {
                if errno == EINTR { continue }
                throw PostgresFailure(sqlState: nil, message: String(cString: strerror(errno)), connectionLost: true)
            }
            guard PQconsumeInput(handle) == 1 else {
                throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: true)
            }
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws(PostgresFailure) -> T) throws(PostgresFailure) -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if isConnected { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Waits up to `timeout` seconds for a notification on a channel this connection LISTENs
    /// to; returns its payload (nil: none came in time).
    func nextNotification(timeout: Double) throws(PostgresFailure) -> String? {
        guard let handle else { throw PostgresFailure(sqlState: nil, message: "connection closed", connectionLost: true) }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            guard PQconsumeInput(handle) == 1 else {
                throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: true)
            }
            if let notice = PQnotifies(handle) {
                defer { PQfreemem(notice) }
                return String(cString: notice.pointee.extra)
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, Int32(min(left, 60) * 1000) + 1)
        }
    }

    /// The connection's socket (-1 when there is none), to wait on in `poll` with other descriptors.
    var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

    /// Every notification that has arrived by now, without waiting (their payloads); throws
    /// when the connection is gone.
    func takeNotifications() throws(PostgresFailure) -> [String] {
        guard let handle else { throw PostgresFailure(sqlState: nil, message: "connection closed", connectionLost: true) }
        guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else {
            throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: true)
        }
        var payloads: [String] = []
        while let notice = PQnotifies(handle) {
            payloads.append(String(cString: notice.pointee.extra))
            PQfreemem(notice)
        }
        return payloads
    }

    /// Re-establishes the connection (same parameters) without blocking inside libpq: between
    /// steps it calls `wait(socket, events)` (`POLLIN` or `POLLOUT`), which returns false to
    /// give up (cancelled). Returns whether it reconnected; throws when the server refuses or
    /// is still away.
    func reset(waiting wait: (Int32, Int16) -> Bool) throws(PostgresFailure) -> Bool {
        guard let handle else { throw PostgresFailure(sqlState: nil, message: "connection closed", connectionLost: true) }
        abandoned = false
        guard PQresetStart(handle) == 1 else {
            throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: true)
        }
        // As libpq's manual says: start as if the last poll said "writing".
        var status = PGRES_POLLING_WRITING
        while true {
            switch status {
            case PGRES_POLLING_OK:
                _ = PQsetClientEncoding(handle, "UTF8")
                return true
            case PGRES_POLLING_FAILED:
                throw PostgresFailure(sqlState: nil, message: Self.text(PQerrorMessage(handle)), connectionLost: true)
            case PGRES_POLLING_READING:
                guard wait(PQsocket(handle), Int16(POLLIN)) else { return false }
            default:
                guard wait(PQsocket(handle), Int16(POLLOUT)) else { return false }
            }
            status = PQresetPoll(handle)
        }
    }

    // MARK: Plumbing

    /// libpq's message on one line (it breaks hints onto indented lines).
    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `body` with a C array of pointers to `buffers`' bytes (NULL for nil), all copied into
    /// one allocation.
    private static func withPointers<R>(_ buffers: [[UInt8]?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var storage: [UInt8] = []
        storage.reserveCapacity(buffers.reduce(0) { $0 + ($1?.count ?? 0) })
        var offsets: [Int?] = []
        offsets.reserveCapacity(buffers.count)
        for buffer in buffers {
            guard let buffer else {
                offsets.append(nil)
                continue
            }
            offsets.append(storage.count)
            storage += buffer
        }
        storage.append(0)
        return storage.withUnsafeBufferPointer { all in
            let base = UnsafeRawPointer(all.baseAddress!).assumingMemoryBound(to: CChar.self)
            return body(offsets.map { $0.map { base + $0 } })
        }
    }
}

/// A statement parameter.
enum PostgresValue {
    case null
    case text(String)
    case integer(Int64)
    /// Sent in binary (for `bytea`).
    case bytes(Data)
}

/// A statement's rows, every value as PostgreSQL's text output (nil: NULL).
struct PostgresRows {
    var rows: [[String?]]

    /// The first row's first value.
    var scalar: String? { rows.first?.first ?? nil }

    /// A `bytea` value in PostgreSQL's hex output (`\x0a1b…`) as bytes.
    static func bytes(_ text: String?) -> Data? {
        guard let text, text.hasPrefix("\\x") else { return nil }
        let hex = Array(text.utf8.dropFirst(2))
        guard hex.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var data = Data(capacity: hex.count / 2)
        var i = 0
        while i < hex.count {
            guard let high = nibble(hex[i]), let low = nibble(hex[i + 1]) else { return nil }
            data.append(high << 4 | low)
            i += 2
        }
        return data
    }
}

/// A libpq or server failure: the SQLSTATE when the server sent one, its message, and whether
/// the connection is gone (server down or restarted, network lost).
struct PostgresFailure: Error, CustomStringConvertible {
    var sqlState: String?
    var message: String
    var connectionLost: Bool

    var description: String { "PostgreSQL: \(message) (\(sqlState ?? "no SQLSTATE"))" }
}
