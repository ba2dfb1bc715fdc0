import Foundation
import Glibc

/// Temporary journals (``SQLiteJournal/temporary()``: the demo's, a replay's) left behind by a
/// process that did not close them: killed (`SIGKILL`, a second signal while shutting down, a
/// closed terminal), crashed, or out of power. Each is a few megabytes to hundreds; nothing
/// else would ever remove them, so a new temporary journal first removes those.
///
/// A file `pantau-journal-PID-UUID.sqlite` (with its `-wal`, `-shm` and `-notify` files) is
/// abandoned when all of these hold:
/// - PID is not this process and no process with that PID runs here;
/// - none of its files changed in the last ``minimumAge`` seconds (a process in another PID
///   namespace sharing the directory, just opening it);
/// - no connection has its shared memory open: SQLite holds a read lock on a byte of the `-shm`
///   file for every open connection (the "DMS" lock), which `fcntl(F_OFD_GETLK)` sees from any
///   process, this one included (an open file description's lock query conflicts with record
///   locks of its own process too).
public enum AbandonedTemporaryJournals {
    /// Files changed more recently than this (seconds) are never taken for abandoned.
    public static let minimumAge: TimeInterval = 60
    /// The offset of SQLite's DMS lock byte in a `-shm` file (`UNIX_SHM_DMS` in os_unix.c: 120 + 8).
    static let sharedMemoryLockOffset: off_t = 128
    /// `F_OFD_GETLK` (Linux 3.15; not exported by Swift's Glibc module).
    static let openFileDescriptionGetLock: Int32 = 36

    /// Removes the abandoned temporary journals in `directory`; returns the main files'
    /// names removed (or, for companions left without one, the name the main file had).
    @discardableResult
    public static func remove(in directory: String, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var journals = Set<String>()
        for name in names {
            guard let main = mainName(of: name) else { continue }
            journals.insert(main)
        }
        var removed: [String] = []
        for main in journals.sorted() {
            let base = (directory as NSString).appendingPathComponent(main)
            guard let pid = processID(in: main), isAbandoned(base, pid: pid, now: now) else { continue }
            for suffix in SQLiteJournal.fileSuffixes { unlink(base + suffix) }
            removed.append(main)
        }
        return removed
    }

    /// The main file's name for `name` if it is a temporary journal's file or companion.
    static func mainName(of name: String) -> String? {
        guard name.hasPrefix(SQLiteJournal.temporaryPrefix) else { return nil }
        for suffix in SQLiteJournal.fileSuffixes.dropFirst() where name.hasSuffix(".sqlite" + suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name.hasSuffix(".sqlite") ? name : nil
    }

    /// The PID in `pantau-journal-PID-UUID.sqlite`, if the name has that shape.
    static func processID(in main: String) -> pid_t? {
        let stem = main.dropFirst(SQLiteJournal.temporaryPrefix.count).dropLast(".sqlite".count)
        let parts = stem.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, parts[1].count == 36, UUID(uuidString: String(parts[1])) != nil,
              let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }

    private static func isAbandoned(_ base: String, pid: pid_t, now: Date) -> Bool {
        if pid == getpid() { return false }
        // Alive here (EPERM: alive, someone else's).
        if kill(pid, 0) == 0 || errno == EPERM { return false }
        for suffix in SQLiteJournal.fileSuffixes {
            var st = stat()
            guard stat(base + suffix, &st) == 0 else { continue }
            let modified = Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
            if now.timeIntervalSince1970 - modified < minimumAge { return false }
        }
        return !sharedMemoryIsOpen(base + "-shm")
    }

    /// Whether a connection holds SQLite's DMS lock on the `-shm` file at `path` (has the
    /// journal open). False when there is no such file.
    static func sharedMemoryIsOpen(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = sharedMemoryLockOffset
        lock.l_len = 1
        // A lock that would conflict with a write lock there: someone holds it. (Unsure: open.)
        guard fcntl(fd, openFileDescriptionGetLock, &lock) == 0 else { return true }
        return lock.l_type != Int16(F_UNLCK)
    }
}
