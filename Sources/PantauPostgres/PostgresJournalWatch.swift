import Foundation
import PantauJournal
#if canImport(Glibc)
import Glibc
#endif

/// A ``JournalWatch`` on a PostgreSQL journal: a connection of its own that `LISTEN`s on
/// ``PostgresJournal/channel``, which every append notifies when it commits. The wait blocks in
/// `poll` on the connection's socket and a pipe that ``cancel()`` writes to: no timeout, the
/// thread sleeps in the kernel until a notification (or the server's going away) arrives.
///
/// **The server going away** (restart, failover, network): the watch reconnects, waiting
/// between tries from ``firstRetryDelay`` doubling up to ``longestRetryDelay`` (asleep on the
/// cancel pipe, so ``cancel()`` still ends it at once; connecting itself is driven by `poll` on
/// the same pipe), listens again and then wakes once: appends made while it was away were not
/// announced, and the follower reads by sequence, so it finds them.
public final class PostgresJournalWatch: JournalWatch, @unchecked Sendable {
    /// The database URL without its password, for messages.
    public let name: String
    /// The first wait before reconnecting, and the longest (the wait doubles after each failure).
    public static let firstRetryDelay = 0.1
    public static let longestRetryDelay = 5.0
    /// Used by the waiting thread only.
    private let connection: PostgresConnection
    private var listening = true
    private let cancellation: WatchCancellation
    private let lock = NSLock()
    private var reconnects = 0

    /// Connects to the journal at `url` and listens; throws if the server cannot be reached.
    public init(url: String) throws(JournalError) {
        name = JournalAddress.redacted(url)
        do {
            connection = try PostgresConnection(conninfo: url)
            try connection.execute("LISTEN \(PostgresJournal.channel)")
        } catch {
            throw PostgresJournal.connectError(error, name: JournalAddress.redacted(url))
        }
        do {
            cancellation = try WatchCancellation(journal: name)
        } catch {
            connection.close()
            throw error
        }
    }

    /// Watches the database `journal` is on (a connection of its own, same parameters).
    public convenience init(journal: PostgresJournal) throws(JournalError) {
        try self.init(url: journal.connection.conninfo)
    }

    deinit {
        connection.close()
    }

    public func waitForChange() -> Bool {
        var delay = Self.firstRetryDelay
        while !isCancelled {
            guard listening else {
                if reconnect() {
                    lock.lock()
                    reconnects += 1
                    lock.unlock()
                    return true
                }
                // Away still: sleep on the cancel pipe, then try again.
                if wait(for: -1, events: 0, seconds: delay) { return false }
                delay = min(delay * 2, Self.longestRetryDelay)
                continue
            }
            do {
                if try !connection.takeNotifications().isEmpty { return true }
            } catch {
                listening = false
                continue
            }
            // Readable socket: a notification, or the server's goodbye (the next take says so).
            if wait(for: connection.socket, events: Int16(POLLIN), seconds: nil) { return false }
        }
        return false
    }

    public func cancel() {
        cancellation.cancel()
    }

    /// How many times the watch reconnected after losing the server.
    public var reconnectCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return reconnects
    }

    private var isCancelled: Bool { cancellation.isCancelled }

    /// Reconnects and listens again; false when the server is still away (or cancelled).
    private func reconnect() -> Bool {
        do {
            guard try connection.reset(waiting: { socket, events in !wait(for: socket, events: events, seconds: nil) }) else { return false }
            try connection.execute("LISTEN \(PostgresJournal.channel)")
            listening = true
            return true
        } catch {
            return false
        }
    }

    /// Sleeps until `socket` (none if negative) is ready for `events`, `seconds` pass (nil:
    /// no limit) or the watch is cancelled; returns whether it was cancelled.
    private func wait(for socket: Int32, events: Int16, seconds: Double?) -> Bool {
        var fds = [pollfd(fd: cancellation.fd, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: socket, events: events, revents: 0)]
        let timeout = seconds.map { Int32(($0 * 1000).rounded(.up)) } ?? -1
        let ready = poll(&fds, socket >= 0 ? 2 : 1, timeout)
        if ready < 0, errno == EINTR { return isCancelled }
        return fds[0].revents != 0 || isCancelled
    }
}
