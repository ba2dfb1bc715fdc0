import Foundation
import Glibc

/// How a ``JournalWatch``'s blocking wait is ended from another thread: a flag, and a pipe whose
/// read end (``fd``) the wait polls beside what it watches, written to by ``cancel()``. Closed
/// when released.
public final class WatchCancellation: @unchecked Sendable {
    /// The descriptor to poll for `POLLIN`: readable once cancelled.
    public let fd: Int32
    private let writeEnd: Int32
    private let lock = NSLock()
    private var cancelled = false

    /// A new, uncancelled one; throws (naming the journal `name`) if no pipe can be made.
    public init(journal name: String) throws(JournalError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw JournalError(.unavailable, "cannot watch journal \(name): no pipe") }
        for end in fds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        fd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        close(fd)
        close(writeEnd)
    }

    /// Cancels, now and for good, from any thread: ``fd`` becomes readable.
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
