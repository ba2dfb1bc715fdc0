import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauPostgres

// pantau-bench consoles [--url postgres://…] [--consoles 3] [--rate 1000] [--seconds 20]
//                       [--think 2] [--contend-every 0.5] [--contenders K] [--seed S] [--pg-data DIR]
//
// N consoles (threads, each a following Session with its own two connections) and a feed
// writer on one PostgreSQL journal (ConsoleSimulation.swift), in a scratch database on the
// server --url names (default $PANTAU_BENCH_POSTGRES_URL; with neither, a server of its own from
// scripts/pg-test-server, stopped after). Then the database's append throughput: 1,000-event
// transactions by one writer, and single-action compare-and-set transactions by N contenders.
// The database server's CPU is read from /proc (its postmaster and backends) when the server is
// its own or --pg-data names its directory.

func consolesBench(_ args: [String]) throws {
    func option(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }
    var config = ConsoleSimulation.Config()
    config.consoles = Int(option("--consoles") ?? "") ?? 3
    config.rate = Double(option("--rate") ?? "") ?? 1_000
    config.seconds = Double(option("--seconds") ?? "") ?? 20
    config.think = Double(option("--think") ?? "") ?? 2
    config.contendEvery = Double(option("--contend-every") ?? "") ?? 0.5
    config.contenders = Int(option("--contenders") ?? "") ?? 0
    config.seed = UInt64(option("--seed") ?? "") ?? UInt64(Date().timeIntervalSince1970)

    var server = option("--url") ?? ProcessInfo.processInfo.environment["PANTAU_BENCH_POSTGRES_URL"]
    var dataDir = option("--pg-data")
    var ownServer: String?
    if server == nil {
        let started = try startTestServer(connections: 2 * config.consoles + 20)
        server = started.url
        dataDir = started.dir
        ownServer = started.dir
    }
    defer { if let dir = ownServer { stopTestServer(dir) } }
    guard let server else { return }

    print(String(format: "consoles: %d consoles, feed %.0f events/s, %.0f s, a random action every %.1f s per console, %d consoles on one of %d hot incidents every %.2f s; seed %llu; on %@",
                 config.consoles, config.rate, config.seconds, config.think, config.contendersPerSlot, config.hotIncidents,
                 config.contendEvery, config.seed, JournalAddress.redacted(server)))
    fflush(nil)
    let postmaster = dataDir.flatMap(postmasterPID(dataDirectory:))
    let dbCPU0 = postmaster.map(serverCPUSeconds)
    let host0 = hostCPU()
    let cpu0 = cpuSeconds()
    let result = try ConsoleSimulation.run(serverURL: server, config: config) { print("consoles: \($0)") }
    let host1 = hostCPU()
    let dbCPU = postmaster.map(serverCPUSeconds).flatMap { after in dbCPU0.map { after - $0 } }
    let busy = Double(host1.busy - host0.busy) / Double(max(1, host1.total - host0.total))
    let wall = Double(host1.total - host0.total) / Double(max(1, ProcessInfo.processInfo.activeProcessorCount)) / 100

    let actions = result.submissions.count
    print(String(format: "actions: %d (%.1f/s; %d in contention slots): accepted %d, conflicted (compare-and-set) %d, rejected by the fold %d (of them version conflicts %d), refused %d",
                 actions, Double(actions) / result.actingSeconds, result.submissions.filter(\.contended).count, result.accepted,
                 result.conflicted, result.foldRejected, result.foldConflicts, result.refused))
    print("propagation, commit → every other console applied it and drew a frame: \(msSummary(result.toAll))")
    print("propagation, commit → each other console's frame: \(msSummary(result.toEach)); frames before the append returned: \(result.beforeCommitReturned)")
    print(String(format: "journal: %lld entries (%d feed events, %.0f/s); convergence after the writers stopped: %@; fingerprint %@",
                 result.entries, result.feedEvents, Double(result.feedEvents) / result.actingSeconds,
                 result.convergence.map { String(format: "%.0f ms", $0 * 1000) } ?? "not reached",
                 String(result.fingerprint?.hex.prefix(16) ?? "none")))
    print(String(format: "load: host CPU %.0f%% busy of %d cores over %.0f s (load average %@); this process %.1f s CPU; database server %@",
                 busy * 100, ProcessInfo.processInfo.activeProcessorCount, wall, loadAverage(), cpuSeconds() - cpu0,
                 dbCPU.map { String(format: "%.1f s CPU", $0) } ?? "CPU unknown (not its own server; --pg-data DIR)"))
    if result.problems.isEmpty {
        print("checks: every console holds the journal's fold; every action journaled once or, refused, never; every conflict told to its loser, naming another console's accepted action")
    } else {
        print("checks FAILED (\(result.problems.count)):")
        for p in result.problems.prefix(20) { print("  \(p)") }
    }
    fflush(nil)
    try appendThroughput(serverURL: server, contenders: config.consoles, units: config.units)
    if !result.problems.isEmpty { exit(1) }
}

/// The database's append throughput: 1,000-event transactions by one writer; single-action
/// compare-and-set transactions by `contenders` threads at once, each with its own connection.
private func appendThroughput(serverURL: String, contenders: Int, units: Int) throws {
    let database = try PostgresScratchDatabase(serverURL: serverURL, prefix: "pantau_sim")
    defer { try? database.drop() }
    let journal = try PostgresJournal(url: database.url)
    defer { journal.close() }
    var lines: [String] = []
    CitySimulator(seed: 3, start: Instant(date: Date()), hours: 24).run { if lines.count < 30_000 { lines.append(FeedEventEncoder.line(for: $0)) } }
    let wall = Instant(date: Date())
    let t0 = now()
    for start in stride(from: 0, to: lines.count, by: 1_000) {
        _ = try journal.appendLines(Array(lines[start..<min(lines.count, start + 1_000)]), recordedAt: wall)
    }
    let batched = Double(lines.count) / (now() - t0)

    // The contenders on a journal of their own: each one's first compare-and-set folds the
    // journal (done before the clock starts), as a console's first action does.
    let contended = try PostgresScratchDatabase(serverURL: serverURL, prefix: "pantau_sim")
    defer { try? contended.drop() }
    let seconds = 5.0
    let counts = BatchTimes()
    let group = DispatchGroup()
    let ready = DispatchGroup()
    let go = DispatchSemaphore(value: 0)
    let base = ConsoleSimulation.base(units: units)
    _ = try PostgresJournal(url: contended.url)
    for c in 0..<contenders {
        group.enter()
        ready.enter()
        Thread {
            defer { group.leave() }
            var waiting = true
            do {
                let mine = try PostgresJournal(url: contended.url)
                mine.versionBase = base
                let at = Instant(date: Date())
                var incident = IncidentUpdate(id: "TX-\(c)")
                incident.title = "Contended \(c)"
                _ = try mine.appendChecked([FeedEvent(time: at, payload: .incident(incident))], at: [at], recordedAt: at)
                waiting = false
                ready.leave()
                go.wait()
                let end = now() + seconds
                var n = 0
                while now() < end {
                    n += 1
                    var fields = ActionFields()
                    fields.note = "contender \(c) note \(n)"
                    let action = ActionEvent(actionID: "tx-\(c)-\(n)", verb: .note, target: "TX-\(c)", by: "op\(c)", role: .supervisor,
                                             console: "tx-\(c)", seenVersion: nil, fields: fields)
                    let t = now()
                    let at = Instant(date: Date())
                    _ = try mine.appendChecked([FeedEvent(time: at, payload: .action(action))], at: [at], recordedAt: at)
                    counts.add(now() - t)
                }
                mine.close()
            } catch {
                counts.fail("\(error)")
                if waiting { ready.leave() }
            }
        }.start()
    }
    ready.wait()
    for _ in 0..<contenders { go.signal() }
    group.wait()
    if let failure = counts.failure { throw PostgresBenchError("contender failed: \(failure)") }
    let times = counts.sorted
    print(String(format: "append throughput: %.0f events/s in 1,000-event transactions (one writer, %d events); %.0f single-action compare-and-set transactions/s by %d contenders (each: median %.1f ms, p99 %.1f ms)",
                 batched, lines.count, Double(times.count) / seconds, contenders,
                 (nearestRankPercentile(50, of: times) ?? 0) * 1000, (nearestRankPercentile(99, of: times) ?? 0) * 1000))
}

/// `p50 … p99 … max … (n=…)` in ms.
private func msSummary(_ values: [Double]) -> String {
    let sorted = values.sorted()
    guard let p50 = nearestRankPercentile(50, of: sorted), let p99 = nearestRankPercentile(99, of: sorted) else { return "none" }
    return String(format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", p50, p99, sorted.last!, sorted.count)
}

/// Starts scripts/pg-test-server (found from the current directory, the package's root),
/// restarted with room for `connections` (two a console; the default 100 is short of 50 consoles).
private func startTestServer(connections: Int) throws -> (url: String, dir: String) {
    let lines = try testServer(["start"]).split(separator: "\n").map(String.init)
    guard lines.count >= 2 else { throw PostgresBenchError("scripts/pg-test-server start printed no URL") }
    if connections > 100, let conf = FileHandle(forUpdatingAtPath: "\(lines[1])/data/postgresql.conf") {
        conf.seekToEndOfFile()
        conf.write(Data("max_connections = \(connections)\n".utf8))
        try conf.close()
        _ = try testServer(["restart", lines[1]])
    }
    return (lines[0], lines[1])
}

private func stopTestServer(_ dir: String) {
    _ = try? testServer(["stop", dir])
}

/// Runs scripts/pg-test-server with `arguments`; returns what it printed on stdout (read from
/// a file after it ended: see ``spawnChild(_:stdinFD:closeInChild:log:errorsToLog:)``).
private func testServer(_ arguments: [String]) throws -> String {
    let script = "scripts/pg-test-server"
    let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-bench-pg-\(UUID().uuidString).out").path
    defer { try? FileManager.default.removeItem(atPath: outPath) }
    let pid: pid_t
    do {
        pid = try spawnChild([script] + arguments, log: outPath, errorsToLog: false)
    } catch {
        throw PostgresBenchError("\(error) (run from the package's root, or give --url)")
    }
    let status = reap(pid, signal: nil)
    // Exited normally (no signal, low 7 bits 0) with status 0.
    guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
        throw PostgresBenchError("\(script) \(arguments[0]) failed (run from the package's root, or give --url)")
    }
    return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
}

/// The postmaster's pid, from `postmaster.pid` in the server's directory (or its `data`).
private func postmasterPID(dataDirectory dir: String) -> Int32? {
    for path in ["\(dir)/data/postmaster.pid", "\(dir)/postmaster.pid"] {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let first = text.split(separator: "\n").first,
           let pid = Int32(first) { return pid }
    }
    return nil
}

/// CPU seconds of the postmaster, its live children and its reaped children (/proc/PID/stat).
private func serverCPUSeconds(_ postmaster: Int32) -> Double {
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    func stat(_ pid: String) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ") // fields from 3 (state) on
    }
    var total = 0.0
    if let f = stat("\(postmaster)"), f.count > 14 {
        // utime, stime, cutime, cstime are fields 14-17: indexes 11-14 here.
        total += (11...14).compactMap { Double(f[$0]) }.reduce(0, +)
    }
    for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int32(pid) != nil {
        guard let f = stat(pid), f.count > 14, Int32(f[1]) == postmaster else { continue }
        total += (11...12).compactMap { Double(f[$0]) }.reduce(0, +)
    }
    return total / ticks
}

/// Host CPU jiffies, busy and total, from /proc/stat's first line.
private func hostCPU() -> (busy: Int, total: Int) {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
          let line = text.split(separator: "\n").first else { return (0, 0) }
    let values = line.split(separator: " ").dropFirst().compactMap { Int($0) }
    guard values.count >= 5 else { return (0, 0) }
    let total = values.reduce(0, +)
    return (total - values[3] - values[4], total) // less idle and iowait
}

private func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
