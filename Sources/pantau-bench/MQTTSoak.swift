import Foundation
import PantauCore
import PantauFeeds
import PantauUI

// pantau-bench mqtt-soak [--seconds 120] [--rate 10000] [--host H --port P] [--topic T]
//
// The live dashboard fed by an MQTT source at a steady rate, to show it keeps up and that its
// memory stops growing once warm. Unless --host is given it starts Debian's `mosquitto` on a
// free loopback port (stopped at the end). It first writes a feed of one continuous city
// simulation long enough for the run (about 26,000 events a simulated day, so days pass in
// seconds and finished incidents are let go as they would be over weeks; kept in the temporary
// folder for the next run); a publisher thread writes its lines, paced to --rate a second,
// into `mosquitto_pub -q 1 -l` (one message per line). This process runs what `pantau run` runs:
// an `MQTTSource` into the bounded `EventInbox`, drained into `CityState`, and renders a
// 200x60 dashboard frame 30 times a second (as many as the live loop draws for data at most).
// Every 10 s it prints events published and received a second, inbox drops, RSS; at the end
// the RSS at 60 s against the end.

/// Counters shared between the publisher thread and the main loop.
final class SoakCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var publishedStorage = 0
    private var stopStorage = false
    private var publisherCPUStorage = 0.0

    var published: Int { lock.lock(); defer { lock.unlock() }; return publishedStorage }
    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return stopStorage }
    func add(_ n: Int) { lock.lock(); publishedStorage += n; lock.unlock() }
    func stop() { lock.lock(); stopStorage = true; lock.unlock() }
    /// CPU seconds the publisher thread used (simulating and encoding), set when it ends.
    var publisherCPU: Double {
        get { lock.lock(); defer { lock.unlock() }; return publisherCPUStorage }
        set { lock.lock(); publisherCPUStorage = newValue; lock.unlock() }
    }
}

/// This process's resident memory in MB (VmRSS), or 0 where /proc is missing.
func residentMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kb / 1024
}

/// CPU seconds (user + system) of the main thread, from /proc (0 where it is missing).
func mainThreadCPUSeconds() -> Double {
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    guard let stat = try? String(contentsOfFile: "/proc/self/task/\(getpid())/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / ticks
}

private func findBinary(_ name: String) -> String? {
    for dir in ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
    }
    return nil
}

private func accepts(_ host: String, _ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
    addr.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    } == 0
}

func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// Writes all of `bytes` to `fd` (blocking); false when the reader has gone.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    return bytes.withUnsafeBytes { raw in
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }
}

/// Writes `events` lines of one continuous simulation (days on end, so incidents open and close
/// as in a long-running city) to `path`, unless a file of that name is already there.
func soakFeed(events target: Int) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-soak-\(target).ndjson").path
    if FileManager.default.fileExists(atPath: path) { return path }
    let partial = path + ".part"
    guard let out = fopen(partial, "w") else { throw FeedReadError("cannot write \(partial)") }
    let start = RFC3339.parse("2026-11-01T00:00:00+07:00")!
    var count = 0
    let days = Double(target) / 20_000 + 2 // a day is about 26,000 events
    CitySimulator(seed: 1, start: start, hours: days * 24).run { event in
        guard count < target else { return }
        let line = FeedEventEncoder.line(for: event) + "\n"
        fputs(line, out)
        count += 1
    }
    fclose(out)
    guard rename(partial, path) == 0 else { throw FeedReadError("cannot rename \(partial)") }
    return path
}

/// The publisher: the lines of `path`, paced to `rate` a second, into `fd`. `prepare`, when
/// given, may rewrite each line (its number from 0; the bytes end with the newline) just before
/// it is released.
func publish(file path: String, into fd: Int32, rate: Double, counters: SoakCounters,
             prepare: ((Int, inout [UInt8]) -> Void)? = nil) {
    guard let input = fopen(path, "r") else { return }
    defer { fclose(input) }
    let t0 = now()
    var sent = 0
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 16)
    var pending = 0
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    while !counters.stopped {
        let n = getline(&line, &capacity, input)
        if n <= 0 { break } // the end of the feed
        line!.withMemoryRebound(to: UInt8.self, capacity: n) {
            if let prepare {
                var bytes = Array(UnsafeBufferPointer(start: $0, count: n))
                prepare(sent, &bytes)
                buffer.append(contentsOf: bytes)
            } else {
                buffer.append(contentsOf: UnsafeBufferPointer(start: $0, count: n))
            }
        }
        sent += 1
        pending += 1
        // Release the lines due by now in one write, then wait for the next ones' time.
        let wait = t0 + Double(sent) / rate - now()
        if wait > 0.002 || pending >= 512 {
            if !writeAll(fd, buffer) { return }
            counters.add(pending)
            buffer.removeAll(keepingCapacity: true)
            pending = 0
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
        }
    }
    if !buffer.isEmpty, writeAll(fd, buffer) { counters.add(pending) }
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    counters.publisherCPU = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Starts Debian's `mosquitto` on loopback `port` (anonymous, no persistence; its config and
/// log in `dir`) and waits until it accepts connections. Returns its process id.
func startMosquitto(port: Int, in dir: String) throws -> pid_t {
    guard let mosquitto = findBinary("mosquitto") else {
        throw FeedReadError("mosquitto not installed (apt-get install mosquitto mosquitto-clients), or give --host/--port")
    }
    let config = """
    listener \(port) 127.0.0.1
    allow_anonymous true
    user root
    persistence false
    log_type error
    log_type warning
    log_type notice
    """
    try config.write(toFile: "\(dir)/mosquitto.conf", atomically: true, encoding: .utf8)
    let pid = try spawnChild([mosquitto, "-c", "\(dir)/mosquitto.conf"], log: "\(dir)/mosquitto.log")
    let deadline = now() + 10
    while !accepts("127.0.0.1", port) {
        guard now() < deadline else {
            reap(pid, signal: SIGTERM)
            throw FeedReadError("mosquitto did not listen on \(port)")
        }
        usleep(20_000)
    }
    return pid
}

/// Starts `mosquitto_pub -q 1 -l` publishing each line written to the returned descriptor as one
/// message on `topic` (its output in `dir`). SIGPIPE is ignored from then on.
func startMosquittoPub(host: String, port: Int, topic: String, in dir: String) throws -> (pid: pid_t, writeFD: Int32) {
    guard let pub = findBinary("mosquitto_pub") else {
        throw FeedReadError("mosquitto_pub not installed (apt-get install mosquitto-clients)")
    }
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw FeedReadError("pipe failed") }
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    signal(SIGPIPE, SIG_IGN)
    let pid = try spawnChild([pub, "-h", host, "-p", "\(port)", "-q", "1", "-t", topic, "-l"],
                             stdinFD: fds[0], closeInChild: [fds[1]], log: "\(dir)/mosquitto_pub.log")
    close(fds[0])
    return (pid, fds[1])
}

/// What mqtt-soak and latency share: a temporary folder, the simulated feed (`soakFeed`), a
/// broker (ours, `mosquitto` on a free loopback port, unless `--host` is given), an
/// `MQTTSource` subscribed to `topic` in a started `SourceSet`, live, and `mosquitto_pub`
/// publishing each line written to `writeFD`. ``stop()`` ends them all.
final class MQTTBenchRig {
    let host: String
    let port: Int
    let topic: String
    let dir: String
    let feed: String
    let set: SourceSet
    let writeFD: Int32
    private var brokerPID: pid_t = 0
    private var pubPID: pid_t = 0

    /// Whether the broker is ours (its log is `dir/mosquitto.log`).
    var ownsBroker: Bool { brokerPID > 0 }

    /// Sets it all up for `events` lines of feed; `option` reads `--host` and `--port`.
    init(name: String, topic: String, events: Int, option: (String) -> String?) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-\(name)-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let host = option("--host") ?? "127.0.0.1"
        let port = option("--host") == nil ? option("--port").flatMap(Int.init) ?? freePort() : Int(option("--port") ?? "") ?? 1883
        var brokerPID: pid_t = 0
        var started: SourceSet?
        do {
            // The feed, made before anything is measured (and kept in the temporary folder for the next run).
            let feed = try soakFeed(events: events)
            if option("--host") == nil { brokerPID = try startMosquitto(port: port, in: dir) }
            let set = SourceSet(sources: [MQTTSource(name: name, host: host, port: port, topics: [topic])])
            started = set
            set.start()
            let connectDeadline = now() + 10
            while set.health()[0].state != .live {
                if now() > connectDeadline { throw FeedReadError("the source did not connect: \(set.health()[0].state)") }
                usleep(10_000)
            }
            (pubPID, writeFD) = try startMosquittoPub(host: host, port: port, topic: topic, in: dir)
            (self.host, self.port, self.topic, self.dir, self.feed, self.set, self.brokerPID) = (host, port, topic, dir, feed, set, brokerPID)
        } catch {
            started?.stop()
            reap(brokerPID, signal: SIGTERM)
            try? FileManager.default.removeItem(atPath: dir)
            throw error
        }
    }

    /// Closes the publisher's pipe (once the thread writing it has ended) and waits for
    /// `mosquitto_pub` to send what it has and exit.
    func endPublisher() {
        guard pubPID > 0 else { return }
        close(writeFD)
        reap(pubPID, signal: nil)
        pubPID = 0
    }

    /// Stops the publisher, the source and our broker, and removes the temporary folder.
    func stop() {
        if pubPID > 0 { reap(pubPID, signal: SIGTERM) }
        pubPID = 0
        set.stop()
        reap(brokerPID, signal: SIGTERM)
        brokerPID = 0
        try? FileManager.default.removeItem(atPath: dir)
    }
}

func mqttSoak(_ args: [String]) throws {
    func option(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }
    let seconds = Double(option("--seconds") ?? "") ?? 120
    let rate = Double(option("--rate") ?? "") ?? 10_000
    let topic = option("--topic") ?? "pantau/soak"
    let report = 10.0
    let rig = try MQTTBenchRig(name: "soak", topic: topic, events: Int(saturating: rate * seconds * 1.05).addingSaturated(10_000),
                               option: option)
    defer { rig.stop() }
    let (host, port, feed, set, writeFD) = (rig.host, rig.port, rig.feed, rig.set, rig.writeFD)
    let counters = SoakCounters()
    let publisher = Thread { publish(file: feed, into: writeFD, rate: rate, counters: counters) }
    publisher.name = "soak-publisher"
    publisher.start()

    var state = CityState()
    let layout = try ShippedLayouts.named(ShippedLayouts.defaultName)!
    var dashboard = Dashboard(layout: layout)
    dashboard.screenSize = (width: 200, height: 60)
    let frameInterval = 1.0 / 30
    let t0 = now()
    var nextFrame = t0
    var nextReport = t0 + report
    var received = 0, dropped = 0, frames = 0
    var lastReceived = 0, lastPublished = 0, lastDropped = 0, lastFrames = 0
    let cpu0 = cpuSeconds()
    let mainCPU0 = mainThreadCPUSeconds()
    var lastCPU = cpu0
    var frameMax = 0.0, frameTotal = 0.0
    var rssAt60: Double?
    var rssAfter60: [Double] = []
    print(String(format: "mqtt-soak: %.0f events/s for %.0f s over %@:%d topic %@ (QoS 1); 200x60 frames at 30/s",
                 rate, seconds, host, port, topic))
    print("    t   published/s  received/s  inbox drops  skipped  pending   RSS MB  CPU %  frames/s  frame max ms  open incidents  source")
    while true {
        let t = now()
        let batch = set.inbox.drain(max: 20_000)
        if !batch.events.isEmpty {
            for e in batch.events { state.applyPlayed(e) } // simulated days pass in seconds: feed time is now
            dashboard.observe(state)
            received += batch.events.count
        }
        dropped += batch.dropped
        if t >= nextFrame {
            let f = now()
            let grid = dashboard.render(state: state, status: DashboardStatus(mode: .live), width: 200, height: 60)
            let took = now() - f
            frameMax = max(frameMax, took)
            frameTotal += took
            frames += grid.cells.isEmpty ? 0 : 1
            nextFrame = max(nextFrame + frameInterval, t)
        }
        if t >= nextReport {
            let published = counters.published
            let health = set.health()[0]
            let rss = residentMB()
            let elapsed = t - t0
            if elapsed >= 60, rssAt60 == nil { rssAt60 = rss }
            if elapsed >= 60 { rssAfter60.append(rss) }
            let cpu = cpuSeconds()
            print(String(format: "%5.0f  %11.0f  %10.0f  %11d  %7d  %7d  %7.1f  %5.1f  %8.1f  %12.2f  %14d  %@",
                         elapsed, Double(published - lastPublished) / report, Double(received - lastReceived) / report,
                         dropped - lastDropped, health.skipped, set.inbox.pending, rss, (cpu - lastCPU) / report * 100,
                         Double(frames - lastFrames) / report, frameMax * 1000, state.openIncidentIDs.count,
                         "\(health.state)"))
            fflush(nil)
            lastPublished = published
            lastReceived = received
            lastDropped = dropped
            lastFrames = frames
            lastCPU = cpu
            frameMax = 0
            nextReport += report
            if elapsed >= seconds - 0.01 { break }
        }
        // As the live loop does while a frame is owed: the events wait in the inbox until the
        // frame is due (a full batch goes round at once).
        if batch.events.count < 20_000 {
            let wait = max(0, min(nextFrame, nextReport) - now())
            usleep(UInt32(wait * 1e6))
        }
    }

    // Stop publishing, let what is in flight arrive, then count what was lost.
    counters.stop()
    while !publisher.isFinished { usleep(10_000) }
    rig.endPublisher()
    let published = counters.published
    let settle = now() + 5
    while received + dropped < published, now() < settle {
        let batch = set.inbox.drain()
        received += batch.events.count
        dropped += batch.dropped
        for e in batch.events { state.applyPlayed(e) } // simulated days pass in seconds: feed time is now
        usleep(20_000)
    }
    let health = set.health()[0]
    let end = residentMB()
    let cpu = cpuSeconds() - cpu0
    let mainCPU = mainThreadCPUSeconds() - mainCPU0
    let publisherCPU = counters.publisherCPU
    let brokerLog = (try? String(contentsOfFile: "\(rig.dir)/mosquitto.log", encoding: .utf8)) ?? ""
    let dropEpisodes = brokerLog.components(separatedBy: "Outgoing messages are being dropped").count - 1
    print(String(format: "published %d (%.0f/s), received %d (%.0f/s), lost before the inbox %d, inbox drops %d, skipped %d",
                 published, Double(published) / seconds, received, Double(received) / seconds,
                 max(0, published - received - dropped), dropped, health.skipped))
    if rig.ownsBroker {
        print("broker: \(dropEpisodes) times it dropped messages queued for the source (mosquitto's max_queued_messages)")
    }
    let pantau = cpu - publisherCPU
    print(String(format: "CPU of Pantau's side %.1f s (%.1f %% of a core): main loop (apply, frames) %.1f s, MQTT source thread (receive, decode) %.1f s; the publisher thread (simulator, encoding) %.1f s more",
                 pantau, pantau / seconds * 100, mainCPU, max(0, pantau - mainCPU), publisherCPU))
    print(String(format: "frames %d, mean %.2f ms; RSS at 60 s %@, end %.1f MB (max after 60 s %@); peak %.1f MB",
                 frames, frames > 0 ? frameTotal / Double(frames) * 1000 : 0,
                 rssAt60.map { String(format: "%.1f MB", $0) } ?? "n/a", end,
                 rssAfter60.max().map { String(format: "%.1f MB", $0) } ?? "n/a", peakMemoryMB()))
}
