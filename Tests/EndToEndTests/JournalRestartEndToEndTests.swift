import Foundation
import XCTest

/// `pantau run --journal FILE` in tmux: a restart shows the state the journal holds and goes on
/// from it, after a clean quit (from the checkpoint) and after `kill -9` (from the entries).
final class JournalRestartEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-journal-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A sources file following `feed`, which holds `lines`.
    func sources(_ name: String, lines: [String]) throws -> URL {
        let feed = dir.appendingPathComponent("\(name).ndjson")
        try lines.map { $0 + "\n" }.joined().write(to: feed, atomically: true, encoding: .utf8)
        let sources = dir.appendingPathComponent("\(name).yaml")
        try "sources:\n  - name: \(name)\n    type: file\n    path: \(feed.path)\n".write(to: sources, atomically: true, encoding: .utf8)
        return sources
    }

    func incident(_ n: Int, _ title: String) -> String {
        #"{"v":1,"ts":"2026-11-23T17:0\#(n):00+07:00","kind":"incident","id":"INC-20261123-090\#(n)","category":"fire","severity":4,"status":"new","title":"\#(title)","district":"Karawaci"}"#
    }

    func testARestartShowsWhatTheJournalHoldsAfterAQuitAndAfterKill9() throws {
        let journal = dir.appendingPathComponent("journal.sqlite").path
        let pantau = "'\(PantauBinary.url.path)' run --journal '\(journal)' --sources"

        // First run: two incidents from the feed, then q (a clean exit).
        let first = try sources("first", lines: [incident(1, "Kebakaran ruko"), incident(2, "Kebakaran gudang")])
        var tmux = try TmuxSession(command: "sh -c \"\(pantau) '\(first.path)'; echo EXITED=\\$?; sleep 60\"")
        try tmux.waitFor("both incidents") { $0.contains("INC-0901") && $0.contains("INC-0902") }
        try tmux.send("q")
        try tmux.waitFor(text: "EXITED=0")

        // Second run, fed a third incident only: the first two are back, and it goes on.
        let second = try sources("second", lines: [incident(3, "Kebakaran pasar")])
        tmux = try TmuxSession(command: "\(pantau) '\(second.path)'")
        var screen = try tmux.waitFor("the restored incidents and the new one") {
            $0.contains("INC-0901") && $0.contains("INC-0902") && $0.contains("INC-0903")
        }
        XCTAssertTrue(screen.contains("Incidents (3 open"), screen)

        // kill -9 once the third is on screen: the restart from the entries still shows it.
        let pid = try TmuxSession.shell(["tmux", "display-message", "-p", "-t", tmux.name, "#{pane_pid}"])
        let pantauPID = try XCTUnwrap(Int32(pid.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(kill(pantauPID, SIGKILL), 0)

        let third = try sources("third", lines: [])
        tmux = try TmuxSession(command: "\(pantau) '\(third.path)'")
        screen = try tmux.waitFor("all three after kill -9") {
            $0.contains("INC-0901") && $0.contains("INC-0902") && $0.contains("INC-0903")
        }
        XCTAssertTrue(screen.contains("Incidents (3 open"), screen)
        try tmux.send("q")
    }
}
