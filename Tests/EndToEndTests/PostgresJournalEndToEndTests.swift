import Foundation
import XCTest

/// A console on a PostgreSQL journal, through the binary: `pantau ingest --journal postgres://…`
/// appends a file source's incident, and `pantau run --journal postgres://… --follow` in tmux
/// shows it (learnt through LISTEN/NOTIFY). A database of the test's own (``E2EPostgresDatabase``).
final class PostgresJournalEndToEndTests: XCTestCase {
    var dir: URL!
    var database: E2EPostgresDatabase?
    var journalURL: String { database!.url }

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        database = try E2EPostgresDatabase()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-pg-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        database?.drop()
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func testAFollowingConsoleShowsAnIncidentAnotherProcessAppended() throws {
        let fileIngest = try FileIngest.start(journal: journalURL, in: dir, name: "ingest-pg-e2e")
        defer { fileIngest.stopIfRunning() }
        let ingest = fileIngest.process, feed = fileIngest.feed, ingestErr = fileIngest.log
        try waitForFile(ingestErr, containing: "appending to")

        let consoleErr = dir.appendingPathComponent("console.err").path
        let console = try TmuxSession(command: "'\(PantauBinary.url.path)' run --journal '\(journalURL)' --follow --user ani --console desk-pg --layout supervisor 2>'\(consoleErr)'")
        try console.waitFor(text: "Incidents (")

        let now = ISO8601DateFormatter().string(from: Date())
        let handle = try FileHandle(forWritingTo: feed)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((#"{"v":1,"ts":"\#(now)","kind":"incident","id":"INC-PG-1","category":"flood","severity":5,"status":"new","title":"Banjir di Periuk","district":"Periuk"}"# + "\n").utf8))
        try handle.close()
        try console.waitFor(text: "INC-PG-1")

        try console.send("q")
        let exitLine = try waitForFile(URL(fileURLWithPath: consoleErr), containing: "state fingerprint")
        XCTAssertTrue(exitLine.contains("through entry 1,"), exitLine)
        ingest.terminate()
        ingest.waitUntilExit()
        XCTAssertEqual(ingest.terminationStatus, 0, "SIGTERM ends ingest cleanly")

        let info = try PantauBinary.run(["journal", "info", "--journal", journalURL])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("entries      1\n"), info.stdout)
        let fingerprint = try XCTUnwrap(exitLine.split(separator: " ").last).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(info.stdout.contains("through entry 1, fingerprint \(fingerprint)"), "the console's state is the journal's fold:\n\(info.stdout)\n\(exitLine)")
    }

    // MARK: Plumbing

    @discardableResult
    func waitForFile(_ file: URL, containing text: String, timeout: Double = 30) throws -> String {
        try CommandRoom.waitForFile(file, containing: text, timeout: timeout)
    }
}
