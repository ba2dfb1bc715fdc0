import Foundation
import PantauTestSupport
import XCTest

/// A command room for end-to-end tests, through the binary: a real Mosquitto broker of its own
/// (persistence on, in a temp folder, on a free port), a shared journal (a SQLite file, or a
/// PostgreSQL server of its own when `postgres` is set), `pantau ingest` processes subscribed
/// with a persistent session, and consoles in tmux following the journal. Everything it starts
/// is stopped by ``stop()``.
final class CommandRoom {
    let dir: URL
    let broker: MosquittoBroker
    /// The test's own PostgreSQL server (restartable), or nil for a SQLite journal file.
    let postgres: PostgresTestServer?
    /// The MQTT client id of the ingest's persistent session.
    let clientID = "pantau-ingest-e2e-\(UUID().uuidString.prefix(8))"
    /// The topic the sensors publish to (the ingest subscribes to `tangerang/e2e/#`).
    let topic = "tangerang/e2e/incidents"
    private(set) var ingest: Process?
    private var ingestStarts = 0

    /// The journal as `--journal` takes it.
    var journal: String {
        if let postgres { return postgres.url }
        return dir.appendingPathComponent("journal.sqlite").path
    }

    var sourcesFile: URL { dir.appendingPathComponent("sources.yaml") }
    /// The shipped desk with budi a supervisor too (two supervisors to race a dispatch).
    var deskFile: URL { dir.appendingPathComponent("desk.yaml") }

    /// Skips without tmux, mosquitto or (for `postgres`) PostgreSQL's server (fails instead where
    /// `PANTAU_REQUIRE_POSTGRES` is set); starts the broker.
    init(postgres: Bool) throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        try MosquittoBroker.requireInstalled()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-command-room-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        broker = try MosquittoBroker()
        broker.persistent = true
        try broker.start()
        self.postgres = postgres ? try PostgresTestServer() : nil
        let sources = """
            sources:
              - name: sensors
                type: mqtt
                host: 127.0.0.1
                port: \(broker.port)
                topics: ["tangerang/e2e/#"]
                qos: 1
                clean_session: false
                client_id: \(clientID)

            """
        try sources.write(to: sourcesFile, atomically: true, encoding: .utf8)
        let desk = try PantauBinary.run(["desk", "example"])
        XCTAssertEqual(desk.status, 0, desk.stderr)
        let supervisors = desk.stdout.replacingOccurrences(of: "budi: {role: operator", with: "budi: {role: supervisor")
        XCTAssertNotEqual(supervisors, desk.stdout, "the shipped desk lists budi")
        try supervisors.write(to: deskFile, atomically: true, encoding: .utf8)
    }

    func stop() {
        if let ingest, ingest.isRunning {
            ingest.terminate()
            ingest.waitUntilExit()
        }
        broker.stop()
        postgres?.stop()
        try? FileManager.default.removeItem(at: dir)
    }

    /// The `n`th numbered incident's feed line (`INC-MQ-0007`), as a sensor gateway would publish it.
    static func incidentLine(_ n: Int) -> String {
        let id = "INC-MQ-" + String(repeating: "0", count: max(0, 4 - "\(n)".count)) + "\(n)"
        let now = ISO8601DateFormatter().string(from: Date())
        return #"{"v":1,"ts":"\#(now)","kind":"incident","id":"\#(id)","category":"flood","severity":3,"status":"new","title":"Genangan \#(n)","district":"Periuk"}"#
    }

    /// Publishes incidents `numbers` (QoS 1, one message each; `mosquitto_pub` returns after the
    /// broker's PUBACKs).
    func publish(_ numbers: ClosedRange<Int>) throws {
        try broker.publish(topic: topic, lines: numbers.map(Self.incidentLine))
    }

    /// Starts `pantau ingest` on the mqtt source; its stderr into `ingest-K.err` (K counts the
    /// starts). Waits until the broker has the session's subscription, so nothing published
    /// after this returns is missed even by a first start.
    @discardableResult
    func startIngest() throws -> Process {
        ingestStarts += 1
        let err = dir.appendingPathComponent("ingest-\(ingestStarts).err")
        XCTAssertTrue(FileManager.default.createFile(atPath: err.path, contents: nil))
        let subscriptionsBefore = broker.log.components(separatedBy: "Sending SUBACK to \(clientID)").count
        let p = Process()
        p.executableURL = PantauBinary.url
        p.arguments = ["ingest", "--sources", sourcesFile.path, "--journal", journal, "--name", "ingest-e2e"]
        p.environment = ProcessInfo.processInfo.environment.merging(TmuxSession.locale) { _, new in new }
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        ingest = p
        _ = try waitForFile("ingest-\(ingestStarts).err", containing: "appending to")
        try waitUntil("the ingest's subscription (broker log)") {
            broker.log.components(separatedBy: "Sending SUBACK to \(clientID)").count > subscriptionsBefore
        }
        return p
    }

    /// Ends the running ingest with `signal` and reaps it; its exit status (the signal's number
    /// when the signal ended it).
    @discardableResult
    func stopIngest(_ signal: Int32 = SIGTERM) -> Int32 {
        guard let p = ingest else { return -1 }
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        ingest = nil
        return p.terminationStatus
    }

    /// The current (last started) ingest's log.
    var ingestLog: String {
        (try? String(contentsOf: dir.appendingPathComponent("ingest-\(ingestStarts).err"), encoding: .utf8)) ?? ""
    }

    /// A console following the journal as `user` with the room's desk, in tmux (120×40); its
    /// stderr (the exit line) into `NAME.err`.
    func startConsole(_ name: String, user: String) throws -> TmuxSession {
        let err = dir.appendingPathComponent("\(name).err").path
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --journal '\(journal)' --follow --desk '\(deskFile.path)' --user \(user) --console \(name) --layout supervisor 2>'\(err)'")
        try tmux.waitFor(text: "Incidents (")
        return tmux
    }

    /// Quits a console and returns its exit line's entry and fingerprint.
    func quit(_ console: TmuxSession, _ name: String) throws -> (entry: String, fingerprint: String) {
        try console.send("q")
        let line = try waitForFile("\(name).err", containing: "state fingerprint")
        return try XCTUnwrap(Self.entryAndFingerprint(in: line), line)
    }

    /// `pantau journal info`'s entry and fingerprint of the journal's fold.
    func journalFold() throws -> (entry: String, fingerprint: String) {
        let info = try PantauBinary.run(["journal", "info", "--journal", journal, "--desk", deskFile.path])
        XCTAssertEqual(info.status, 0, info.stderr)
        return try XCTUnwrap(Self.entryAndFingerprint(in: info.stdout), info.stdout)
    }

    /// The number of entries in the journal (its last sequence).
    func entryCount() throws -> Int {
        let info = try PantauBinary.run(["journal", "info", "--journal", journal])
        guard info.status == 0 else { return -1 }
        return Self.entryAndFingerprint(in: info.stdout).flatMap { Int($0.entry) } ?? 0
    }

    /// Waits until the journal holds `count` entries.
    func waitForEntries(_ count: Int, timeout: Double = 60) throws {
        var last = 0
        try waitUntil("\(count) entries in the journal", timeout: timeout) {
            last = (try? entryCount()) ?? -1
            return last >= count
        }
        XCTAssertEqual(last, count, "no more than \(count) entries")
    }

    /// How many times each numbered incident's feed line is in the journal (`pantau journal
    /// export`; actions on them are not counted).
    func incidentCounts() throws -> [String: Int] {
        let export = try PantauBinary.run(["journal", "export", "--journal", journal])
        XCTAssertEqual(export.status, 0, export.stderr)
        var counts: [String: Int] = [:]
        for line in export.stdout.split(separator: "\n") where line.contains(#""kind":"incident""#) {
            guard let range = line.range(of: #"INC-MQ-\d{4}"#, options: .regularExpression) else { continue }
            counts[String(line[range]), default: 0] += 1
        }
        return counts
    }

    /// Fails unless incidents 1…`n` are each in the journal exactly once, and nothing else is.
    func assertEachIncidentOnce(through n: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let counts = try incidentCounts()
        let missing = (1...n).map { "INC-MQ-" + String(format: "%04d", $0) }.filter { counts[$0] == nil }
        let repeated = counts.filter { $0.value > 1 }.keys.sorted()
        XCTAssertEqual(missing, [], "lost", file: file, line: line)
        XCTAssertEqual(repeated, [], "duplicated", file: file, line: line)
        XCTAssertEqual(counts.count, n, file: file, line: line)
    }

    func waitForFile(_ name: String, containing text: String, timeout: Double = 30) throws -> String {
        try Self.waitForFile(dir.appendingPathComponent(name), containing: text, timeout: timeout)
    }

    /// Waits for `file` to contain `text`; its content.
    static func waitForFile(_ file: URL, containing text: String, timeout: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var content = ""
        while Date() < deadline {
            content = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if content.contains(text) { return content }
            usleep(100_000)
        }
        XCTFail("timed out waiting for '\(text)' in \(file.lastPathComponent): \(content)")
        return content
    }

    /// Polls `condition` every 100 ms until it holds, failing after `timeout` seconds (a
    /// deadline for a failing test, generous for a loaded machine).
    func waitUntil(_ what: String, timeout: Double = 30, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            usleep(100_000)
        }
        XCTFail("timed out waiting for \(what)")
    }

    /// The entry and fingerprint of a line `... through entry N, state fingerprint HEX` (a
    /// console's exit line) or `through entry N, fingerprint HEX` (`pantau journal info`).
    static func entryAndFingerprint(in text: String) -> (entry: String, fingerprint: String)? {
        guard let range = text.range(of: #"through entry (\d+), (state )?fingerprint ([0-9a-f]{64})"#, options: .regularExpression) else { return nil }
        let words = text[range].split(separator: " ")
        return (String(words[2].dropLast()), String(words.last!))
    }
}
