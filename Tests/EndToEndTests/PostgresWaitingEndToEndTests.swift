import Foundation
import XCTest

/// Started while the database server is down, through the binary: `pantau ingest` says so and
/// keeps its source's events, `pantau run --follow` in tmux shows the waiting line; once the
/// server is started, the ingest appends, the console shows the dashboard with the incident,
/// and its exit fingerprint is `pantau journal info`'s. A server of the test's own
/// (scripts/pg-test-server).
final class PostgresWaitingEndToEndTests: XCTestCase {
    var dir: URL!
    var serverDirectory: String?

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/pg-test-server").path

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-pg-wait-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let serverDirectory { _ = try? server("stop", serverDirectory) }
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// Runs the test server script to its end, its output in a file: not a pipe, and not
    /// `Process`, whose wait never ends while the server it started holds its descriptors.
    @discardableResult
    func server(_ arguments: String...) throws -> (status: Int32, output: String) {
        let output = dir.appendingPathComponent("pg-\(UUID().uuidString).out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/bin/bash", Self.script] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard rc == 0 else { throw E2EPostgresError(description: "cannot run \(Self.script): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return ((status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), text)
    }

    func testAConsoleAndAnIngestStartedWithTheServerDownWaitThenFollowOnceItStarts() throws {
        let serverPath = dir.appendingPathComponent("server").path
        let started = try server("start", serverPath)
        guard started.status == 0, let first = started.output.split(separator: "\n").first else {
            let message = "scripts/pg-test-server start failed (\(started.status)): \(started.output)"
            if started.status == 2, ProcessInfo.processInfo.environment["PANTAU_REQUIRE_POSTGRES"] == nil { throw XCTSkip(message) }
            return XCTFail(message)
        }
        serverDirectory = serverPath
        let url = String(first)
        XCTAssertEqual(try server("pause", serverPath).status, 0)

        let now = ISO8601DateFormatter().string(from: Date())
        let feed = dir.appendingPathComponent("feed.ndjson")
        try "".write(to: feed, atomically: true, encoding: .utf8)
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: city-feed\n    type: file\n    path: \(feed.path)\n".write(to: sources, atomically: true, encoding: .utf8)
        let ingestErr = dir.appendingPathComponent("ingest.err")
        XCTAssertTrue(FileManager.default.createFile(atPath: ingestErr.path, contents: nil))
        let ingest = Process()
        ingest.executableURL = PantauBinary.url
        ingest.arguments = ["ingest", "--sources", sources.path, "--journal", url, "--name", "ingest-wait"]
        ingest.environment = ProcessInfo.processInfo.environment.merging(TmuxSession.locale) { _, new in new }
        ingest.standardError = try FileHandle(forWritingTo: ingestErr)
        ingest.standardOutput = FileHandle.nullDevice
        ingest.standardInput = FileHandle.nullDevice
        try ingest.run()
        defer { if ingest.isRunning { ingest.terminate() } }
        let waitingLine = try waitForFile(ingestErr, containing: "waiting for it")
        XCTAssertTrue(waitingLine.contains("ingest-wait: journal \(url) is unavailable (cannot reach the server"), waitingLine)
        XCTAssertTrue(ingest.isRunning, "the ingest waits rather than exiting")
        // Its source runs meanwhile: this incident waits in it for the journal.
        let handle = try FileHandle(forWritingTo: feed)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((#"{"v":1,"ts":"\#(now)","kind":"incident","id":"INC-WAIT-1","category":"flood","severity":5,"status":"new","title":"Banjir di Periuk","district":"Periuk"}"# + "\n").utf8))
        try handle.close()

        let consoleErr = dir.appendingPathComponent("console.err").path
        let console = try TmuxSession(command: "'\(PantauBinary.url.path)' run --journal '\(url)' --follow --user ani --console desk-wait --layout supervisor 2>'\(consoleErr)'")
        let waiting = try console.waitFor(text: "waiting for the journal")
        XCTAssertTrue(waiting.contains("Incidents ("), "the dashboard is up while it waits:\n\(waiting)")
        XCTAssertFalse(waiting.contains("INC-WAIT-1"))

        XCTAssertEqual(try server("resume", serverPath).status, 0)
        try console.waitFor(text: "INC-WAIT-1")
        let after = try console.capture()
        XCTAssertFalse(after.contains("waiting for the journal"), after)
        let ingestLog = try waitForFile(ingestErr, containing: "journal writable again")
        XCTAssertEqual(ingestLog.components(separatedBy: "waiting for it").count, 2, "said once:\n\(ingestLog)")

        try console.send("q")
        let exitLine = try waitForFile(URL(fileURLWithPath: consoleErr), containing: "state fingerprint")
        XCTAssertTrue(exitLine.contains("through entry 1,"), exitLine)
        ingest.terminate()
        ingest.waitUntilExit()
        XCTAssertEqual(ingest.terminationStatus, 0, "SIGTERM ends ingest cleanly")

        let info = try PantauBinary.run(["journal", "info", "--journal", url])
        XCTAssertEqual(info.status, 0, info.stderr)
        let fingerprint = try XCTUnwrap(exitLine.split(separator: " ").last).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(info.stdout.contains("through entry 1, fingerprint \(fingerprint)"), "the console's state is the journal's fold:\n\(info.stdout)\n\(exitLine)")
    }

    func testAnIngestOnADatabaseThatDoesNotExistStillExitsOne() throws {
        let serverPath = dir.appendingPathComponent("server").path
        let started = try server("start", serverPath)
        guard started.status == 0, let first = started.output.split(separator: "\n").first else {
            let message = "scripts/pg-test-server start failed (\(started.status)): \(started.output)"
            if started.status == 2, ProcessInfo.processInfo.environment["PANTAU_REQUIRE_POSTGRES"] == nil { throw XCTSkip(message) }
            return XCTFail(message)
        }
        serverDirectory = serverPath
        let missing = String(first).replacingOccurrences(of: "/postgres", with: "/pantau_no_such_database")
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: city-feed\n    type: file\n    path: /dev/null\n".write(to: sources, atomically: true, encoding: .utf8)
        let result = try PantauBinary.run(["ingest", "--sources", sources.path, "--journal", missing])
        XCTAssertEqual(result.status, 1, "not waited for: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("pantau_no_such_database"), result.stderr)
        XCTAssertFalse(result.stderr.contains("waiting for it"), result.stderr)
    }

    // MARK: Plumbing

    @discardableResult
    func waitForFile(_ file: URL, containing text: String, timeout: Double = 60) throws -> String {
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
}
