import Foundation
import PantauCore
import PantauJournal
import PantauTestSupport
import XCTest

/// Following a SQLite journal that another connection appends to: every entry seen, in order,
/// once; and between appends the follower's thread sleeps in the kernel.
final class JournalFollowerTests: JournalTestCase {
    /// Waits (a generous deadline, for a loaded machine) for `condition`.
    func wait(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) rethrows {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(5_000)
        }
        XCTFail("timed out waiting for \(what)")
    }

    func testEntriesAppendedByAnotherConnectionInAnotherThreadAreSeenInOrderOnce() throws {
        let file = path("shared.sqlite")
        let reader = try SQLiteJournal(path: file)
        let events = Self.events(hours: 2)
        let wanted = min(events.count, 3_000)
        let seed = SeededRandom.seed(default: 11)
        print("JournalFollowerTests: \(SeededRandom.describe(seed))")
        var random = SeededRandom(seed: seed)
        var sizes: [Int] = []
        var total = 0
        while total < wanted {
            let n = min(Int(random.next() % 40) + 1, wanted - total)
            sizes.append(n)
            total += n
        }
        let lines = events.prefix(total).map(FeedEventEncoder.line(for:))

        let woken = DispatchSemaphore(value: 0)
        let follower = JournalFollower(watch: try SQLiteJournalWatch(path: file)) { woken.signal() }
        follower.start()
        defer { follower.stop() }

        let writer = Thread { [sizes, events] in
            guard let journal = try? SQLiteJournal(path: file) else { return }
            var at = 0
            for (i, n) in sizes.enumerated() {
                _ = try? journal.append(Array(events[at..<(at + n)]), recordedAt: Self.start.adding(seconds: Double(i)))
                at += n
                if i % 7 == 0 { usleep(2_000) }
            }
        }
        writer.start()

        var seen: [JournalEntry] = []
        let deadline = Date().addingTimeInterval(120)
        while seen.count < total, Date() < deadline {
            _ = woken.wait(timeout: .now() + 1)
            guard follower.takeChange() else { continue }
            seen += try JournalFollower.entries(of: reader, after: seen.last?.sequence ?? 0, limit: 100)
        }
        XCTAssertEqual(seen.map(\.sequence), (1...Int64(total)).map { $0 }, "every entry, in order, none twice; \(SeededRandom.describe(seed))")
        XCTAssertEqual(seen.map(\.line), lines)
        XCTAssertGreaterThan(follower.wakeUpCount, 0)
    }

    func testTheWaitingThreadSleepsUntilAnotherProcessAppends() throws {
        let file = path("quiet.sqlite")
        let journal = try SQLiteJournal(path: file)
        _ = try journal.append(Array(Self.events().prefix(5)), recordedAt: Self.start)
        let watch = ThreadRecordingWatch(try SQLiteJournalWatch(path: file))
        let follower = JournalFollower(watch: watch) {}
        follower.start()
        defer { follower.stop() }
        XCTAssertTrue(follower.takeChange(), "the first look reads what was there before")

        // The follower's thread, once waiting, is asleep in the kernel and uses no CPU.
        var thread: ThreadStat?
        wait("the follower's thread asleep") {
            thread = watch.threadID.flatMap(ThreadStat.init(tid:))
            return thread?.state == "S"
        }
        let before = try XCTUnwrap(thread)
        usleep(500_000)
        let after = try XCTUnwrap(ThreadStat(tid: before.tid))
        XCTAssertEqual(after.state, "S", "a waiting follower sleeps")
        XCTAssertLessThanOrEqual(after.cpuTicks - before.cpuTicks, 1, "a waiting follower does not spin: \(after.cpuTicks - before.cpuTicks) ticks in half a second")
        XCTAssertEqual(follower.wakeUpCount, 0, "nothing appended, nothing woke it")
        XCTAssertFalse(follower.takeChange())

        // Another connection's append wakes it.
        let other = try SQLiteJournal(path: file)
        _ = try other.append(Array(Self.events().dropFirst(5).prefix(3)), recordedAt: Self.start.adding(seconds: 1))
        wait("the append to wake the follower") { follower.wakeUpCount > 0 }
        XCTAssertTrue(follower.takeChange())
        XCTAssertEqual(try JournalFollower.entries(of: journal, after: 5).map(\.sequence), [6, 7, 8])
    }

    func testEachAppendAloneWakesTheFollowerToReadIt() throws {
        // In lockstep: a writer thread appends one batch and waits until the follower (this
        // thread, reading as soon as it is woken) has read it. A wake-up that came before the
        // commit was visible, with none after it, would stall here.
        let file = path("lockstep.sqlite")
        let reader = try SQLiteJournal(path: file)
        let events = Array(Self.events().prefix(60))
        let woken = DispatchSemaphore(value: 0)
        let read = DispatchSemaphore(value: 0)
        let follower = JournalFollower(watch: try SQLiteJournalWatch(path: file)) { woken.signal() }
        follower.start()
        defer { follower.stop() }
        _ = follower.takeChange()
        let appended = TimeMark()
        let writer = Thread {
            guard let journal = try? SQLiteJournal(path: file) else { return }
            for (i, pair) in stride(from: 0, to: events.count, by: 2).enumerated() {
                _ = try? journal.append(Array(events[pair..<(pair + 2)]), recordedAt: Self.start.adding(seconds: Double(i)))
                appended.note(Date())
                guard read.wait(timeout: .now() + 60) == .success else { return }
            }
        }
        var latencies: [Double] = []
        defer {
            // A figure for the README, not an assertion: from an append's return to its read.
            let sorted = latencies.sorted()
            if !sorted.isEmpty {
                print(String(format: "JournalFollowerTests: append to read in another thread over %d appends: median %.2f ms, max %.2f ms",
                             sorted.count, sorted[sorted.count / 2] * 1000, sorted[sorted.count - 1] * 1000))
            }
        }
        writer.start()
        var applied: Int64 = 0
        for (i, pair) in stride(from: 0, to: events.count, by: 2).enumerated() {
            let deadline = Date().addingTimeInterval(30)
            while applied < Int64(pair + 2), Date() < deadline {
                _ = woken.wait(timeout: .now() + 30)
                guard follower.takeChange() else { continue }
                applied = try JournalFollower.entries(of: reader, after: applied).last?.sequence ?? applied
            }
            XCTAssertEqual(applied, Int64(pair + 2), "append \(i + 1) was not read after its wake-up")
            if let last = appended.last { latencies.append(Date().timeIntervalSince(last)) }
            read.signal()
            if applied != Int64(pair + 2) { return }
        }
    }

    func testTwoAppendersInterleaveIntoOneIntactChainThatAFollowerReadsWhole() throws {
        // Two ingest processes on one journal: each append is one IMMEDIATE transaction, so they
        // take turns (waiting on the busy timeout), never fork the chain.
        let file = path("two-writers.sqlite")
        let reader = try SQLiteJournal(path: file)
        let events = Self.events(hours: 1)
        let halves = [Array(events.prefix(events.count / 2)), Array(events.dropFirst(events.count / 2))]
        let woken = DispatchSemaphore(value: 0)
        let follower = JournalFollower(watch: try SQLiteJournalWatch(path: file)) { woken.signal() }
        follower.start()
        defer { follower.stop() }
        let done = DispatchGroup()
        let failures = TimeMark()
        for half in halves {
            done.enter()
            Thread {
                defer { done.leave() }
                guard let journal = try? SQLiteJournal(path: file) else { return failures.note(Date()) }
                for start in stride(from: 0, to: half.count, by: 5) {
                    do {
                        _ = try journal.append(Array(half[start..<min(half.count, start + 5)]), recordedAt: Self.start)
                    } catch {
                        return failures.note(Date())
                    }
                }
            }.start()
        }
        var seen: [JournalEntry] = []
        let deadline = Date().addingTimeInterval(120)
        while seen.count < events.count, Date() < deadline {
            _ = woken.wait(timeout: .now() + 1)
            if follower.takeChange() { seen += try JournalFollower.entries(of: reader, after: seen.last?.sequence ?? 0) }
        }
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
        XCTAssertNil(failures.last, "an append failed")
        XCTAssertEqual(seen.map(\.sequence), (1...Int64(events.count)).map { $0 })
        // Each writer's lines in its own order, interleaved by whole appends.
        for half in halves {
            let lines = Set(half.map(FeedEventEncoder.line(for:)))
            XCTAssertEqual(seen.map(\.line).filter(lines.contains), half.map(FeedEventEncoder.line(for:)))
        }
        XCTAssertNil(try JournalVerifier.verify(reader).problem)
    }

    func testStoppingEndsTheWait() throws {
        let file = path("stop.sqlite")
        _ = try SQLiteJournal(path: file)
        let follower = JournalFollower(watch: try SQLiteJournalWatch(path: file)) {}
        follower.start()
        follower.stop()
        follower.stop()
    }
}

/// When a writer thread's last append returned (or failed).
private final class TimeMark: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Date?

    func note(_ date: Date) {
        lock.lock()
        time = date
        lock.unlock()
    }

    var last: Date? {
        lock.lock()
        defer { lock.unlock() }
        return time
    }
}

/// A watch that notes which thread waits on it: its Linux thread id, from `/proc/thread-self`
/// (a link to `PID/task/TID`).
private final class ThreadRecordingWatch: JournalWatch, @unchecked Sendable {
    let inner: any JournalWatch
    private let lock = NSLock()
    private var tid: Int32?

    init(_ inner: any JournalWatch) { self.inner = inner }

    var threadID: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return tid
    }

    func waitForChange() -> Bool {
        let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
        lock.lock()
        tid = link.flatMap { $0.split(separator: "/").last }.flatMap { Int32($0) }
        lock.unlock()
        return inner.waitForChange()
    }

    func cancel() { inner.cancel() }
}

/// A thread's scheduling state and CPU time, from `/proc/self/task/TID/stat`.
private struct ThreadStat {
    let tid: Int32
    /// R running, S sleeping, …
    let state: String
    /// User plus system time, in clock ticks.
    let cpuTicks: Int

    init?(tid: Int32) {
        guard let text = try? String(contentsOfFile: "/proc/self/task/\(tid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm) ": state is field 3, utime and stime fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        self.tid = tid
        state = String(fields[0])
        cpuTicks = user + system
    }
}
