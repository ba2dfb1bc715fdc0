import Foundation
import XCTest

/// `pantau run` with live sources, end to end: what a sources file is refused for, and what a
/// failing exec source shows (its stderr as the reason on screen, never written over it).
final class SourcesEndToEndTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-sources-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every problem of the file, each at its line and column, before any screen opens.
    func testRunListsEveryProblemBeforeTheScreenOpens() throws {
        let path = try write("sources.yaml", """
        sources:
          - name: laksa
            type: exec
            command: "laksa-export --since 1h"
          - name: web
            type: http
            url: http://127.0.0.1:8080/x
            every: 0s
          - name: sensors
            type: mqtt
            host: broker
            topics: ["a/#/b"]
            tls: true
            ca_file: \(dir.path)/missing-ca.pem
          - name: piped
            type: stdin
        """)
        let r = try PantauBinary.run(["run", "--sources", path])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stdout, "", "no screen was drawn")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5, r.stderr)
        XCTAssertTrue(lines[0].hasPrefix("pantau: \(path):4:14: `command` is one text with spaces"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("pantau: \(path):8:12: `every` must be longer than zero"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("pantau: \(path):12:14: `a/#/b`: `#` must be the whole last level"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("pantau: \(path):14:14: `ca_file` `\(dir.path)/missing-ca.pem` cannot be read"), lines[3])
        XCTAssertTrue(lines[4].hasPrefix("pantau: \(path):16:11: source `piped`: a stdin source cannot feed the dashboard"), lines[4])
    }

    /// A failing command's stderr is the reason in the sources pane and the log pane, and never
    /// reaches the terminal: its first line (left out of the reason, which keeps the last
    /// three) is on no screen while the command is retried again and again.
    func testExecStderrIsTheReasonOnScreenNeverOnTheTerminal() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let sources = try write("sources.yaml", """
        sources:
          - name: laksa
            type: exec
            command: ["/bin/sh", "-c", "echo EARLY-NOISE-LINE >&2; echo step-a >&2; echo step-b >&2; echo 'token expired' >&2; exit 3"]
            restart_backoff: 100ms
        """)
        let layout = try write("layout.yaml", """
        name: sources-and-log
        layout:
          rows:
            - type: sources
            - type: log
        """)
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --sources '\(sources)' --layout '\(layout)'",
                                   width: 160, height: 30)
        let screen = try tmux.waitFor("the reason in the sources pane and the log") {
            $0.components(separatedBy: "step-a | step-b | token expired").count >= 3
        }
        XCTAssertTrue(screen.contains("exited with status 3: step-a | step-b | token expired"), screen)
        // Many restarts later, the child's stderr has still not been written over the screen.
        let later = Date().addingTimeInterval(2)
        while Date() < later {
            let s = try tmux.capture()
            XCTAssertFalse(s.contains("EARLY-NOISE-LINE"), "stderr reached the terminal:\n\(s)")
            if s.contains("EARLY-NOISE-LINE") { break }
            usleep(100_000)
        }
        try tmux.send("q")
    }
}
