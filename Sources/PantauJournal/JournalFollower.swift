import Foundation
import PantauCore

/// Follows a journal that other processes append to: a thread blocks in the journal's
/// ``JournalWatch`` and, when it may have changed, raises a flag and calls `wake` (the loop's
/// own wake-up, e.g. its event inbox's pipe). The loop, on its thread, takes the flag
/// (``takeChange()``) and reads the entries after the last one it applied, in order: the journal
/// itself is only ever used from the loop's thread.
///
/// No polling: between appends the thread sleeps in the kernel, and the loop sleeps as it does
/// anyway (on keys, its inbox, its timers).
public final class JournalFollower: @unchecked Sendable {
    public let watch: any JournalWatch
    private let wake: @Sendable () -> Void
    private let lock = NSLock()
    private var changed = false
    private var wakeUps = 0
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    /// Follows through `watch`; `wake` is called (from the follower's thread) after each change.
    public init(watch: any JournalWatch, wake: @escaping @Sendable () -> Void) {
        self.watch = watch
        self.wake = wake
    }

    /// Starts the waiting thread (once). The first ``takeChange()`` is true, so the loop reads
    /// whatever was appended before the watch began.
    public func start() {
        lock.lock()
        defer { lock.unlock() }
        guard thread == nil else { return }
        changed = true
        thread = NamedThread.start("pantau-journal-follower") { [self] in
            while watch.waitForChange() {
                lock.lock()
                changed = true
                wakeUps += 1
                lock.unlock()
                wake()
            }
            finished.signal()
        }
    }

    /// Ends the waiting thread and waits for it.
    public func stop() {
        lock.lock()
        let running = thread != nil
        thread = nil
        lock.unlock()
        watch.cancel()
        if running { finished.wait() }
    }

    /// Whether the journal may have changed since the last call (and resets it).
    public func takeChange() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let was = changed
        changed = false
        return was
    }

    /// How many times the watch woke the thread so far.
    public var wakeUpCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return wakeUps
    }

    /// Every entry of `journal` after `sequence`, in order, read `limit` at a time until the last.
    public static func entries(of journal: any Journal, after sequence: Int64, limit: Int = JournalFold.batch) throws(JournalError) -> [JournalEntry] {
        var all: [JournalEntry] = []
        var after = sequence
        while true {
            let page = try journal.entries(after: after, limit: limit)
            all += page
            guard let last = page.last, page.count == limit else { return all }
            after = last.sequence
        }
    }
}
