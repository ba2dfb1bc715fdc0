import Foundation
import PantauCore
#if canImport(Glibc)
import Glibc
#endif

/// The threads that read a feed ahead of its consumer (framing, decoding, scheduling), started
/// a little nicer than the thread that starts them.
///
/// The consumer (a snapshot's or a replay's applying thread) does work no other thread can
/// take over, and the readers wait on it most of the time; on a machine with fewer cores than
/// threads, equal priorities let the readers take its core in turns all the same. At nice +6 it
/// keeps about four fifths of a core it shares with one reader. Measured on the realistic 1M
/// feed, 2 cores, 12 interleaved rounds each: `snapshot --at end` median wall 0.84 s at +4,
/// 0.80 s at +6, 0.82 s at +8 and +10, against about 0.90 s at equal priority.
enum ReaderThread {
    /// How much nicer than its starter a reading thread runs (within the nice range).
    static let niceness: Int32 = 6

    /// Starts `body` on a new thread named `name`, ``niceness`` nicer than the caller.
    static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        NamedThread.start(name) {
            lowerPriority()
            body()
        }
    }

    /// Lowers the calling thread's priority by ``niceness``: on Linux a thread's nice value is
    /// its own, and `PRIO_PROCESS` with 0 names the calling thread. Best effort (a failure
    /// leaves the thread as it was).
    private static func lowerPriority() {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        guard errno == 0 else { return }
        _ = setpriority(which, 0, min(19, current + niceness))
        #endif
    }
}
