import Foundation
import XCTest

/// Many consoles on one journal, through the binary: a headless `pantau ingest` appends a file
/// source's events to a SQLite journal, and two `pantau run --journal J --follow` consoles in
/// tmux show them; an acknowledgement on one shows on the other; after they stop, both print the
/// fingerprint `pantau journal info` gives for the journal's fold, and so does a console started
/// late from the checkpoint they left.
final class SharedJournalEndToEndTests: XCTestCase {
    var dir: URL!
    var journal: String { dir.appendingPathComponent("journal.sqlite").path }
    var feed: URL { dir.appendingPathComponent("feed.ndjson") }

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-shared-journal-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// `pantau ingest` on the feed file, its stderr into `ingest.err`.
    func startIngest() throws -> Process {
        try "".write(to: feed, atomically: true, encoding: .utf8)
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: city-feed\n    type: file\n    path: \(feed.path)\n".write(to: sources, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = PantauBinary.url
        p.arguments = ["ingest", "--sources", sources.path, "--journal", journal, "--name", "ingest-e2e",
                       "--positions", dir.appendingPathComponent("positions.json").path]
        p.environment = ProcessInfo.processInfo.environment.merging(TmuxSession.locale) { _, new in new }
        let err = dir.appendingPathComponent("ingest.err")
        XCTAssertTrue(FileManager.default.createFile(atPath: err.path, contents: nil))
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A following console as `user`; its stderr (the exit line) into `NAME.err`.
    func startConsole(_ name: String, user: String) throws -> TmuxSession {
        let err = dir.appendingPathComponent("\(name).err").path
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --journal '\(journal)' --follow --user \(user) --console \(name) --layout supervisor 2>'\(err)'")
        try tmux.waitFor(text: "Incidents (")
        return tmux
    }

    func appendToFeed(_ line: String) throws {
        let handle = try FileHandle(forWritingTo: feed)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
        try handle.close()
    }

    func waitForFile(_ name: String, containing text: String, timeout: Double = 30) throws -> String {
        try CommandRoom.waitForFile(dir.appendingPathComponent(name), containing: text, timeout: timeout)
    }

    func entryAndFingerprint(in text: String) -> (entry: String, fingerprint: String)? {
        CommandRoom.entryAndFingerprint(in: text)
    }

    func testAnIncidentFromTheFeedAndAnAcknowledgementShowOnBothConsolesWhichEndOnTheJournalsFold() throws {
        let ingest = try startIngest()
        defer { if ingest.isRunning { ingest.terminate() } }
        _ = try waitForFile("ingest.err", containing: "appending to")
        let a = try startConsole("desk-a", user: "ani")
        let b = try startConsole("desk-b", user: "budi")

        let now = ISO8601DateFormatter().string(from: Date())
        try appendToFeed(#"{"v":1,"ts":"\#(now)","kind":"incident","id":"INC-E2E-1","category":"flood","severity":5,"status":"new","title":"Banjir bersama","district":"Periuk"}"#)
        try a.waitFor(text: "INC-E2E-1")
        try b.waitFor(text: "INC-E2E-1")

        // Acknowledged on A, seen on B: the latency includes tmux's capture every 100 ms.
        let sent = Date()
        try a.send("a")
        try b.waitFor("the acknowledgement on B") { $0.contains("INC-E2E-1") && $0.contains("acknowled") }
        let latency = Date().timeIntervalSince(sent)
        print("SharedJournalEndToEndTests: an action on console A showed on console B after \(Int(latency * 1000)) ms (tmux capture every 100 ms)")
        try a.waitFor(text: "acknowled")

        // Both stop; each prints the last entry it applied and its state's fingerprint.
        try a.send("q")
        try b.send("q")
        let aLine = try waitForFile("desk-a.err", containing: "state fingerprint")
        let bLine = try waitForFile("desk-b.err", containing: "state fingerprint")
        ingest.terminate()
        ingest.waitUntilExit()
        XCTAssertEqual(ingest.terminationStatus, 0, "SIGTERM ends ingest cleanly")
        let ingestLog = try waitForFile("ingest.err", containing: "stopped")
        XCTAssertTrue(ingestLog.contains("1 in all"), ingestLog)

        let info = try PantauBinary.run(["journal", "info", "--journal", journal])
        XCTAssertEqual(info.status, 0, info.stderr)
        let expected = try XCTUnwrap(entryAndFingerprint(in: info.stdout), info.stdout)
        XCTAssertEqual(expected.entry, "2", "the feed's incident and the acknowledgement:\n\(info.stdout)")
        let consoleA = try XCTUnwrap(entryAndFingerprint(in: aLine), aLine)
        let consoleB = try XCTUnwrap(entryAndFingerprint(in: bLine), bLine)
        XCTAssertEqual(consoleA.entry, expected.entry)
        XCTAssertEqual(consoleB.entry, expected.entry)
        XCTAssertEqual(consoleA.fingerprint, expected.fingerprint, "console A's state is the journal's fold")
        XCTAssertEqual(consoleB.fingerprint, expected.fingerprint, "console B's state is the journal's fold")

        // A console started late restores from the checkpoint the others left, to the same state.
        XCTAssertTrue(info.stdout.contains("latest at entry 2"), "the consoles checkpointed at exit:\n\(info.stdout)")
        let c = try startConsole("desk-c", user: "sari")
        try c.waitFor(text: "acknowled")
        try c.send("q")
        let late = try XCTUnwrap(entryAndFingerprint(in: try waitForFile("desk-c.err", containing: "state fingerprint")))
        XCTAssertEqual(late.entry, expected.entry)
        XCTAssertEqual(late.fingerprint, expected.fingerprint, "a late console's state is the journal's fold")
    }

    /// `pantau simulate | pantau ingest` with a stdin source: ends when stdin closes.
    func ingestSimulated(seed: Int) throws -> (status: Int32, stderr: String) {
        let sources = dir.appendingPathComponent("stdin.yaml")
        try "sources:\n  - name: simulator\n    type: stdin\n".write(to: sources, atomically: true, encoding: .utf8)
        let bin = PantauBinary.url.path
        let err = dir.appendingPathComponent("ingest-\(seed).err")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "'\(bin)' simulate --seed \(seed) --hours 0.5 | '\(bin)' ingest --sources '\(sources.path)' --journal '\(journal)' 2>'\(err.path)'"]
        p.environment = ProcessInfo.processInfo.environment.merging(TmuxSession.locale) { _, new in new }
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func testIngestEndsWithItsSourcesAndARestartAppendsAfterTheLastEntry() throws {
        func simulatedLines(seed: Int) throws -> Int {
            try PantauBinary.run(["simulate", "--seed", "\(seed)", "--hours", "0.5"]).stdout.split(separator: "\n").count
        }
        let lines = try simulatedLines(seed: 4)
        let more = try simulatedLines(seed: 5)
        XCTAssertGreaterThan(lines, 50)

        let first = try ingestSimulated(seed: 4)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("after entry 0"), first.stderr)
        XCTAssertTrue(first.stderr.contains("stopped; \(lines) events appended"), first.stderr)
        let second = try ingestSimulated(seed: 5)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("after entry \(lines),"), "a restart resumes after the last entry:\n\(second.stderr)")

        let verify = try PantauBinary.run(["journal", "verify", "--journal", journal])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("\(lines + more) entries, chain intact"), verify.stdout)
    }

    func testIngestRefusesAJournalThatIsNotOne() throws {
        let notJournal = dir.appendingPathComponent("garbage.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: notJournal)
        try "".write(to: feed, atomically: true, encoding: .utf8)
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: city-feed\n    type: file\n    path: \(feed.path)\n".write(to: sources, atomically: true, encoding: .utf8)
        let r = try PantauBinary.run(["ingest", "--sources", sources.path, "--journal", notJournal.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("is not a Pantau journal or is damaged"), r.stderr)
    }

    func testFollowNeedsAJournalAndTakesNoSources() throws {
        let r = try PantauBinary.run(["run", "--follow"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("--follow needs --journal"), r.stderr)
    }
}
