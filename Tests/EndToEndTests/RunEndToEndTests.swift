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
        let tmux = try TmuxSession(command: "sh -c \"'\(PantauBinary.url.path)' run --sources '\(sources.path)'; echo EXITED=\\$?; sleep 60\"")

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
}
