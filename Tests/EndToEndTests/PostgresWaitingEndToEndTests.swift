import Foundation
import PantauTestSupport
import XCTest

/// Started while the database server is down, through the binary: `pantau ingest` says so and
/// keeps its source's events, `pantau run --follow` in tmux shows the waiting line; once the
/// server is started, the ingest appends, the console shows the dashboard with the incident,
/// and its exit fingerprint is `pantau journal info`'s. A server of the test's own
/// (``PostgresTestServer``).
final class PostgresWaitingEndToEndTests: XCTestCase {
    var dir: URL!
    var server: PostgresTestServer?

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-pg-wait-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        server?.stop()
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func testAConsoleAndAnIngestStartedWithTheServerDownWaitThenFollowOnceItStarts() throws {
        let server = try PostgresTestServer()
        self.server = server
        let url = server.url
        try server.pause()

        let now = ISO8601DateFormatter().string(from: Date())
        let fileIngest = try FileIngest.start(journal: url, in: dir, name: "ingest-wait")
        defer { fileIngest.stopIfRunning() }
        let ingest = fileIngest.process, feed = fileIngest.feed, ingestErr = fileIngest.log
        let waitingLine = try CommandRoom.waitForFile(ingestErr, containing: "waiting for it")
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

        try server.resume()
        // The incident and the end of the waiting, which may come a frame apart.
        try console.waitFor("the incident, and the waiting over") { $0.contains("INC-WAIT-1") && !$0.contains("waiting for the journal") }
        let ingestLog = try CommandRoom.waitForFile(ingestErr, containing: "journal writable again", timeout: 60)
        XCTAssertEqual(ingestLog.components(separatedBy: "waiting for it").count, 2, "said once:\n\(ingestLog)")

        try console.send("q")
        let exitLine = try CommandRoom.waitForFile(URL(fileURLWithPath: consoleErr), containing: "state fingerprint")
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
        let server = try PostgresTestServer()
        self.server = server
        let missing = server.url.replacingOccurrences(of: "/postgres", with: "/pantau_no_such_database")
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: city-feed\n    type: file\n    path: /dev/null\n".write(to: sources, atomically: true, encoding: .utf8)
        let result = try PantauBinary.run(["ingest", "--sources", sources.path, "--journal", missing])
        XCTAssertEqual(result.status, 1, "not waited for: \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("pantau_no_such_database"), result.stderr)
        XCTAssertFalse(result.stderr.contains("waiting for it"), result.stderr)
    }
}
