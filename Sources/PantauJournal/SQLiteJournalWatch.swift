import Foundation
import Glibc

/// A ``JournalWatch`` on a SQLite journal: an inotify watch on the journal's directory,
/// filtered to its `-notify` file, which ``SQLiteJournal`` touches after each committed append
/// (so a follower woken by it reads the new entries), and to the database file and its
/// write-ahead log (`-wal`), which change while an append is written (a wake-up that may come
/// before the commit is visible: the `-notify` one follows). The wait blocks in `poll` on the
/// inotify descriptor and a pipe that ``cancel()`` writes to: the thread sleeps in the kernel
/// until another process appends.
public final class SQLiteJournalWatch: JournalWatch, @unchecked Sendable {
    /// The journal's file.
    public let path: String
    private let names: Set<String>
    private let inotifyFD: Int32
    private let cancellation: WatchCancellation

    /// Watches the journal at `path`; throws if its directory cannot be watched.
    public init(path: String) throws(JournalError) {
        let url = URL(fileURLWithPath: path)
        self.path = url.path
        let name = url.lastPathComponent
        names = [name, name + "-wal", (SQLiteJournal.notifyPath(of: name) as NSString).lastPathComponent]
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw JournalError(.unavailable, "cannot watch journal \(path): \(String(cString: strerror(errno)))") }
        // Written, created (a new -wal), renamed into place, or closed after writing.
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)
        guard inotify_add_watch(fd, url.deletingLastPathComponent().path, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw JournalError(.unavailable, "cannot watch journal \(path): \(reason)")
        }
        do {
            cancellation = try WatchCancellation(journal: path)
        } catch {
            close(fd)
            throw error
        }
        inotifyFD = fd
    }

    deinit {
        close(inotifyFD)
    }

    public func waitForChange() -> Bool {
        while true {
            if cancellation.isCancelled { return false }
            if drainEvents() { return true }
            var fds = [pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: cancellation.fd, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0, errno != EINTR { return false }
        }
    }

    public func cancel() {
        cancellation.cancel()
    }

    /// Reads every pending event; true if one concerned the journal's files.
    private func drainEvents() -> Bool {
        InotifyEvents.drainNames(inotifyFD).contains(where: names.contains)
    }
}
