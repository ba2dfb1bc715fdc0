import Foundation
import XCTest

/// `pantau run`, the live dashboard, in a real terminal: a file source that is followed as it
/// grows, a source that keeps failing, and what the status line and `s` say about them.
final class RunEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-run-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testAFileSourceAFailingSourceAndTheStatusLine() throws {
        let feed = dir.appendingPathComponent("city.ndjson")
        try """
        {"v":1,"ts":"2026-11-23T17:00:00+07:00","kind":"incident","id":"INC-20261123-0901","category":"fire","severity":5,"status":"new","title":"Kebakaran ruko","district":"Karawaci"}
        {"v":1,"ts":"2026-11-23T17:00:00+07:00","kind":"sensor","station":"pa-sepuluh","sensor":"water_level","value":350,"name":"Pintu Air Sepuluh"}
        not json

        """.write(to: feed, atomically: true, encoding: .utf8)
        let sources = dir.appendingPathComponent("sources.yaml")
        try """
        sources:
          - name: city-feed
            type: file
            path: \(feed.path)
          - name: broken-export
            type: exec
            command: ["/bin/false"]
            restart_backoff: 30s

        """.write(to: sources, atomically: true, encoding: .utf8)
        // Its own journal and positions (not the user's state directory).
        let state = "--journal '\(dir.appendingPathComponent("journal.sqlite").path)' --positions '\(dir.appendingPathComponent("positions.json").path)'"
        let tmux = try TmuxSession(command: "sh -c \"'\(PantauBinary.url.path)' run --sources '\(sources.path)' \(state); echo EXITED=\\$?; sleep 60\"")

        // The file's events on screen, the bad line counted, the failing source on the status line.
        var screen = try tmux.waitFor("the file's events and the failing source") {
            $0.contains("INC-0901") && $0.contains("Pintu Air Sepuluh")
                && $0.contains("source broken-export failing: exited with status 1")
        }
        XCTAssertTrue(screen.contains("LIVE") || screen.contains("Live"), screen)
        XCTAssertTrue(screen.contains("skipped 1"), screen)
        XCTAssertTrue(screen.contains("retry in"), screen)

        // The file is followed: a line appended while the dashboard runs shows up.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: feed.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"ts":"2026-11-23T17:01:00+07:00","kind":"incident","id":"INC-20261123-0902","category":"flood","severity":4,"status":"new","title":"Genangan","district":"Periuk"}"#.utf8 + [10]))
        handle.closeFile()
        try tmux.waitFor(text: "INC-0902")

        // s: every source's health.
        try tmux.send("s")
        screen = try tmux.waitFor("the sources overlay") { $0.contains("city-feed") && $0.contains("broken-export") && $0.contains("file") }
        XCTAssertTrue(screen.contains("live"), screen)
        XCTAssertTrue(screen.contains("failing"), screen)
        try tmux.send("x")
        try tmux.send("q")
        try tmux.waitFor(text: "EXITED=0")
    }

    /// A console restarted on the same file source goes on where it had read to: the lines it
    /// journaled before are not journaled again, the ones written meanwhile are.
    func testARestartedConsoleGoesOnWhereItsFileSourceStopped() throws {
        let feed = dir.appendingPathComponent("city.ndjson")
        func incident(_ n: Int) -> String {
            #"{"v":1,"ts":"2026-11-23T17:0\#(n):00+07:00","kind":"incident","id":"INC-20261123-090\#(n)","category":"fire","severity":3,"status":"new","title":"Kebakaran \#(n)","district":"Karawaci"}"# + "\n"
        }
        try (incident(1) + incident(2)).write(to: feed, atomically: true, encoding: .utf8)
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: city-feed\n    type: file\n    path: \(feed.path)\n".write(to: sources, atomically: true, encoding: .utf8)
        let journal = dir.appendingPathComponent("journal.sqlite").path
        let command = "sh -c \"'\(PantauBinary.url.path)' run --sources '\(sources.path)' --journal '\(journal)' --positions '\(dir.appendingPathComponent("positions.json").path)'; echo EXITED=\\$?; sleep 60\""

        let first = try TmuxSession(command: command)
        try first.waitFor(text: "INC-0902")
        try first.send("q")
        try first.waitFor(text: "EXITED=0")

        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: feed.path))
        handle.seekToEndOfFile()
        handle.write(Data(incident(3).utf8))
        handle.closeFile()
        let second = try TmuxSession(command: command)
        let screen = try second.waitFor("the restored and the new incident") { $0.contains("INC-0901") && $0.contains("INC-0903") }
        XCTAssertTrue(screen.contains("INC-0902"), screen)
        try second.send("q")
        let after = try second.waitFor(text: "EXITED=0")
        XCTAssertTrue(after.contains("city-feed: going on in \(feed.path) at byte"), after)

        let export = try PantauBinary.run(["journal", "export", "--journal", journal])
        let ids = export.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: #""id":"INC-"#) else { return nil }
            return String(line[r.lowerBound...].dropFirst(6).prefix { $0 != "\"" })
        }
        XCTAssertEqual(ids, ["INC-20261123-0901", "INC-20261123-0902", "INC-20261123-0903"], export.stdout)
    }
}
