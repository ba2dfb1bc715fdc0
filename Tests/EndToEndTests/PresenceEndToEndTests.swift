import Foundation
import XCTest

/// Presence through the binary: two consoles in tmux follow one PostgreSQL journal (a database
/// of the test's own on the server `PANTAU_TEST_POSTGRES_URL` names; skipped without one unless
/// `PANTAU_REQUIRE_POSTGRES` is set). Console A opens the note form on an incident and console
/// B's detail of it says "ani (desk-a) is writing a note"; A closes it and B's line goes; A
/// opens the detail again and is killed with SIGKILL: its record ages out of B's view.
final class PresenceEndToEndTests: XCTestCase {
    var dir: URL!
    var serverURL = ""
    var databaseName = ""
    var journalURL: String {
        guard var components = URLComponents(string: serverURL) else { return serverURL }
        components.path = "/" + databaseName
        return components.string ?? serverURL
    }

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["PANTAU_TEST_POSTGRES_URL"], !url.isEmpty else {
            let hint = "PANTAU_TEST_POSTGRES_URL is not set (start a server: scripts/pg-test-server start)"
            if environment["PANTAU_REQUIRE_POSTGRES"] != nil { XCTFail(hint) }
            throw XCTSkip(hint)
        }
        try PantauBinary.requireBuilt()
        serverURL = url
        databaseName = "pantau_presence_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try psql("CREATE DATABASE \(databaseName)")
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-presence-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if !databaseName.isEmpty { try? psql("DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)") }
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func testAConsolesNoteFormShowsOnTheOthersDetailAndGoesWhenClosedOrKilled() throws {
        let journal = journalURL
        let init_ = try PantauBinary.run(["journal", "init", "--journal", journal])
        XCTAssertEqual(init_.status, 0, init_.stderr)
        // One incident, through a headless ingest (the consoles write only actions).
        let fileIngest = try FileIngest.start(journal: journal, in: dir, name: "ingest-presence")
        defer { fileIngest.stopIfRunning() }
        let ingest = fileIngest.process, feed = fileIngest.feed

        func console(_ name: String, user: String) throws -> TmuxSession {
            let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --journal '\(journal)' --follow --user \(user) --console \(name) --layout supervisor 2>/dev/null")
            try tmux.waitFor(text: "Incidents (")
            return tmux
        }
        let a = try console("desk-a", user: "ani")
        let b = try console("desk-b", user: "budi")
        let now = ISO8601DateFormatter().string(from: Date())
        let handle = try FileHandle(forWritingTo: feed)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((#"{"v":1,"ts":"\#(now)","kind":"incident","id":"INC-PRES-1","category":"flood","severity":5,"status":"new","title":"Banjir di Periuk","district":"Periuk"}"# + "\n").utf8))
        try handle.close()
        try a.waitFor(text: "INC-PRES-1")
        try b.waitFor(text: "INC-PRES-1")

        // B looks at the incident; A opens its detail, then the note form.
        try b.send("Enter")
        try b.waitFor(text: "Incident INC-PRES-1")
        try a.send("Enter")
        try a.waitFor(text: "Incident INC-PRES-1")
        try b.waitFor(text: "ani (desk-a) is looking", timeout: 60)
        try a.send("i")
        try b.waitFor(text: "ani (desk-a) is writing a note", timeout: 60)

        // A closes the form, then the detail: B's line changes, then goes.
        try a.send("Escape")
        try b.waitFor(text: "ani (desk-a) is looking", timeout: 60)
        // A's own screen (the form over it gone) never lists A; it does list B, who is looking.
        let aScreen = try a.waitFor(text: "budi (desk-b) is looking", timeout: 60)
        XCTAssertFalse(aScreen.contains("ani (desk-a)"), aScreen)
        try a.send("Escape")
        try b.waitFor("the line gone from B", timeout: 60) { !$0.contains("ani (desk-a)") && $0.contains("Incident INC-PRES-1") }

        // A opens the detail again and dies: no goodbye, its record ages out (30 s) of B's view.
        try a.send("Enter")
        try b.waitFor(text: "ani (desk-a) is looking", timeout: 60)
        let pid = try XCTUnwrap(a.pantauPID(), "console A's process")
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        let killed = Date()
        try b.waitFor("A's record aged out", timeout: 120) { !$0.contains("ani (desk-a)") }
        XCTAssertGreaterThan(Date().timeIntervalSince(killed), 15, "not removed at once: nobody said goodbye")
        try b.send("q")
        ingest.terminate()
        ingest.waitUntilExit()
    }

    /// Runs one statement with psql on the server's own database.
    func psql(_ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", serverURL, "-c", sql]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TmuxSession.StartFailure(description: "psql failed: \(sql)") }
    }
}

extension TmuxSession {
    /// The pid of the `pantau` process running in the session's pane (the pane's process or a
    /// descendant of it), read from /proc.
    func pantauPID() throws -> pid_t? {
        let pane = try Self.shell(["tmux", "list-panes", "-t", name, "-F", "#{pane_pid}"]).output
        guard let root = pid_t(pane.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        var queue = [root]
        while !queue.isEmpty {
            let pid = queue.removeFirst()
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            if comm == "pantau" { return pid }
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            queue += children.split(separator: " ").compactMap { pid_t($0) }
        }
        return nil
    }
}
