import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI

// pantau-bench follow [--rate 1000] [--seconds 20]
//
// Console A to console B through a shared SQLite journal, under a feed. Three connections to one
// journal file in the temporary directory: an ingest thread appends the city simulation's events
// at --rate events a second (one transaction every 20 ms, at the wall clock, as `pantau ingest`
// does); a console-A thread appends a note action on one incident every 100 ms; and console B,
// this thread, is a following `Session` woken by a `JournalFollower` (inotify), reading a batch of
// at most 20,000 entries a turn (`catchUp(limit:)`) and folding them as `pantau run --follow`
// does. Measured: from the return of A's append (durable) to B having applied that entry. No
// frame is drawn (B's frame is at most one data interval, 33 ms, on top).

/// Action sequences and when their appends returned, shared by console A's thread and B.
private final class ActionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var appended: [(sequence: Int64, at: Double)] = []
    private var done = false

    func note(_ sequence: Int64, at time: Double) {
        lock.lock()
        appended.append((sequence, time))
        lock.unlock()
    }

    func finish() {
        lock.lock()
        done = true
        lock.unlock()
    }

    /// The actions so far, and whether A has stopped.
    var snapshot: ([(sequence: Int64, at: Double)], Bool) {
        lock.lock()
        defer { lock.unlock() }
        return (appended, done)
    }
}

func followBench(_ args: [String]) throws {
    func value(_ name: String, _ fallback: Double) -> Double {
        guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Double(args[i + 1]) else { return fallback }
        return v
    }
    let rate = value("--rate", 1000)
    let seconds = value("--seconds", 20)
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("pantau-bench-follow-\(getpid()).sqlite")
    defer { for suffix in SQLiteJournal.fileSuffixes { try? FileManager.default.removeItem(atPath: path + suffix) } }

    var feed: [FeedEvent] = []
    let wanted = Int(rate * seconds) + 1
    var day = 0
    while feed.count < wanted {
        CitySimulator(seed: 7, start: Instant(seconds: 1_795_000_000 + Int64(day) * 86_400), hours: 24).run { feed.append($0) }
        day += 1
    }
    let events = Array(feed.prefix(wanted))
    var incident = IncidentUpdate(id: "BENCH-1")
    incident.category = .flood
    incident.title = "Follow bench"
    incident.status = .new
    let setup = try SQLiteJournal(path: path)
    _ = try setup.append([FeedEvent(time: Instant(date: Date()), payload: .incident(incident))], recordedAt: Instant(date: Date()))
    setup.close()

    let b = Session(layout: try ShippedLayouts.named("command-center")!,
                    identity: ConsoleIdentity(user: "budi", role: .operator, console: "bench-b"),
                    journal: try SQLiteJournal(path: path))
    b.followsJournal = true
    b.restoreFromJournal()
    let woken = DispatchSemaphore(value: 0)
    let follower = JournalFollower(watch: try SQLiteJournalWatch(path: path)) { woken.signal() }
    follower.start()
    defer { follower.stop() }

    let start = now()
    let end = start + seconds
    let ingest = Thread {
        guard let journal = try? SQLiteJournal(path: path) else { return }
        let perTurn = max(1, Int(rate / 50))
        var next = start
        var i = 0
        while i < events.count, now() < end {
            let batch = Array(events[i..<min(events.count, i + perTurn)])
            _ = try? journal.append(batch, recordedAt: Instant(date: Date()))
            i += perTurn
            next += 0.02
            let wait = next - now()
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
        }
    }
    let actions = ActionLog()
    let consoleA = Thread {
        guard let journal = try? SQLiteJournal(path: path) else { return actions.finish() }
        var n = 0
        var next = start + 0.05
        while now() < end {
            n += 1
            var fields = ActionFields()
            fields.note = "note \(n)"
            let action = ActionEvent(actionID: "bench-a-\(n)", verb: .note, target: "BENCH-1", by: "ani", role: .operator,
                                     console: "bench-a", seenVersion: nil, fields: fields)
            if let entry = try? journal.append([FeedEvent(time: Instant(date: Date()), payload: .action(action))], recordedAt: Instant(date: Date())).last {
                actions.note(entry.sequence, at: now())
            }
            next += 0.1
            let wait = next - now()
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
        }
        actions.finish()
    }
    ingest.start()
    consoleA.start()

    var latencies: [Double] = []
    var counted = 0
    let cpu0 = cpuSeconds()
    while true {
        _ = woken.wait(timeout: .now() + 0.5)
        if follower.takeChange() || b.hasUnreadEntries {
            b.catchUp(limit: 20_000)
            while b.hasUnreadEntries { b.catchUp(limit: 20_000) }
        }
        let t = now()
        let (appended, done) = actions.snapshot
        while counted < appended.count, appended[counted].sequence <= b.journalSequence {
            latencies.append(t - appended[counted].at)
            counted += 1
        }
        if done, counted == appended.count, now() > end { break }
        if now() > end + 30 { break }
    }
    let entries = b.journalSequence
    let elapsed = now() - start
    latencies.sort()
    guard !latencies.isEmpty else { return print("follow: no action was read back") }
    print(String(format: "follow: %lld entries in %.1f s (%.0f/s: feed at %.0f events/s plus %d actions); A's append to B's fold: median %.1f ms, p99 %.1f ms, max %.1f ms; process CPU %.1f s",
                 entries, elapsed, Double(entries) / elapsed, rate, latencies.count, latencies[latencies.count / 2] * 1000,
                 latencies[min(latencies.count - 1, latencies.count * 99 / 100)] * 1000, latencies.last! * 1000, cpuSeconds() - cpu0))
}
