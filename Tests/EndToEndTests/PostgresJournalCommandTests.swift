import Foundation
import XCTest

/// `pantau journal verify | export | info`, `snapshot --journal` and `report --journal` on a
/// PostgreSQL journal (a `postgres://` URL), written by `pantau ingest` from a feed on stdin.
final class PostgresJournalCommandTests: XCTestCase {
    var database: E2EPostgresDatabase?
    var url: String { database!.url }
    var dir: URL!

    /// Three incidents and an acknowledgement of the first, an hour of a morning.
    static let lines = [
        #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"incident","id":"INC-PG-1","category":"flood","severity":5,"status":"new","title":"Banjir Periuk","district":"Periuk"}"#,
        #"{"v":1,"ts":"2026-11-23T08:10:00+07:00","kind":"incident","id":"INC-PG-2","category":"fire","severity":4,"status":"new","title":"Kebakaran ruko","district":"Cipondoh"}"#,
        #"{"v":1,"ts":"2026-11-23T08:20:00+07:00","kind":"incident","id":"INC-PG-3","category":"traffic","severity":2,"status":"new","title":"Macet Jl. Daan Mogot","district":"Batuceper"}"#,
        #"{"v":1,"ts":"2026-11-23T08:30:00+07:00","kind":"action","action_id":"desk-1-1","verb":"acknowledge","target":"INC-PG-1","by":"siti","role":"operator","console":"desk-1","seen_version":0}"#,
    ]

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        database = try E2EPostgresDatabase()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-pg-commands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let ingest = try ingestFeed(into: url)
        XCTAssertEqual(ingest.status, 0, "ingest ends with stdin: \(ingest.stderr)")
    }

    /// `pantau ingest` of ``lines`` from stdin into `journal`; its exit status and stderr.
    func ingestFeed(into journal: String) throws -> (status: Int32, stderr: String) {
        let feed = dir.appendingPathComponent("feed.ndjson")
        try (Self.lines.joined(separator: "\n") + "\n").write(to: feed, atomically: true, encoding: .utf8)
        let sources = dir.appendingPathComponent("stdin.yaml")
        try "sources:\n  - name: feed\n    type: stdin\n".write(to: sources, atomically: true, encoding: .utf8)
        let err = dir.appendingPathComponent("ingest-\(UUID().uuidString).err")
        XCTAssertTrue(FileManager.default.createFile(atPath: err.path, contents: nil))
        let p = Process()
        p.executableURL = PantauBinary.url
        p.arguments = ["ingest", "--sources", sources.path, "--journal", journal]
        p.environment = ProcessInfo.processInfo.environment.merging(TmuxSession.locale) { _, new in new }
        p.standardInput = try FileHandle(forReadingFrom: feed)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    override func tearDownWithError() throws {
        database?.drop()
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func testVerify() throws {
        let r = try PantauBinary.run(["journal", "verify", "--journal", url])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "4 entries, chain intact; 0 checkpoints match their fingerprints\n")
    }

    func testVerifyNamesAnEditedEntry() throws {
        try E2EPostgresDatabase.psql(url, "UPDATE pantau.entries SET line = replace(line, 'Kebakaran', 'kebakaran') WHERE sequence = 2")
        let r = try PantauBinary.run(["journal", "verify", "--journal", url])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "pantau: \(url): entry 2 was edited (or entry 1 was rewritten with a new hash): its content does not match its hash\n")
    }

    func testExportCSV() throws {
        let r = try PantauBinary.run(["journal", "export", "--format", "csv", "--journal", url])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stdout.split(separator: "\n")
        XCTAssertEqual(rows.count, 5, r.stdout)
        XCTAssertTrue(rows[1].hasPrefix("1,"), r.stdout)
        XCTAssertTrue(rows[4].contains("acknowledge") && rows[4].contains("INC-PG-1"), r.stdout)
    }

    func testInfoNamesTheDatabaseWithoutItsPassword() throws {
        // Logins are trusted on the test server: the password is ignored, and must not show.
        var components = try XCTUnwrap(URLComponents(string: url))
        components.password = "rahasia"
        let withPassword = try XCTUnwrap(components.string)
        let r = try PantauBinary.run(["journal", "info", "--journal", withPassword])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("rahasia"), r.stdout)
        XCTAssertTrue(r.stdout.hasPrefix("journal      \(url)\nentries      4\n"), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: #"state        through entry 4, fingerprint [0-9a-f]{64}\n"#, options: .regularExpression), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: #"size         \d+ kB\n"#, options: .regularExpression), r.stdout)
    }

    func testIngestNamesTheDatabaseWithoutItsPassword() throws {
        var components = try XCTUnwrap(URLComponents(string: url))
        components.password = "rahasia"
        components.queryItems = [URLQueryItem(name: "password", value: "rahasia2")]
        let r = try ingestFeed(into: try XCTUnwrap(components.string))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("appending to \(url) after entry 4"), r.stderr)
        XCTAssertFalse(r.stderr.contains("rahasia"), r.stderr)
    }

    /// The test server speaks no TLS: a URL that requires it gets one clear line.
    func testAURLRequiringTLSOfAServerWithoutItIsOneClearLine() throws {
        var components = try XCTUnwrap(URLComponents(string: url))
        components.password = "rahasia"
        components.queryItems = [URLQueryItem(name: "sslmode", value: "require")]
        let r = try PantauBinary.run(["journal", "info", "--journal", try XCTUnwrap(components.string)])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "pantau: cannot open journal \(url)?sslmode=require over TLS (the URL's sslmode): connection to server at \"127.0.0.1\", port \(components.port ?? 0) failed: server does not support SSL, but SSL was required\n")
    }

    func testAMissingDatabaseIsOneLine() throws {
        let missing = E2EPostgresDatabase.url(url, database: database!.name + "_none")
        let r = try PantauBinary.run(["journal", "verify", "--journal", missing])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.hasPrefix("pantau: cannot open journal \(missing): "), r.stderr)
        XCTAssertTrue(r.stderr.contains("does not exist"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }

    func testSnapshotAndReport() throws {
        let snapshot = try PantauBinary.run(["snapshot", "--journal", url, "--at", "end", "--size", "160x40"])
        XCTAssertEqual(snapshot.status, 0, snapshot.stderr)
        for id in ["INC-PG-1", "INC-PG-2", "INC-PG-3"] { XCTAssertTrue(snapshot.stdout.contains(id), "\(id):\n\(snapshot.stdout)") }

        let report = try PantauBinary.run(["report", "--journal", url])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("| incidents reported | 3 |"), report.stdout)
        XCTAssertTrue(report.stdout.contains("| console actions | 1 |"), report.stdout)
    }
}
