import Foundation
import XCTest

/// Drives the real `pantau` binary in tmux and reads the screen, as an operator would see it.
final class DashboardEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    /// A shell script that runs pantau, then reports how it exited and the terminal's line
    /// discipline. The shell traps SIGINT so that Ctrl-C reaches pantau and the shell lives on
    /// to report.
    func command(_ args: String) throws -> String {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-e2e-\(UUID().uuidString).sh")
        let text = """
        #!/bin/sh
        rm -f "$0"
        trap ':' INT
        '\(PantauBinary.url.path)' \(args)
        echo "EXITED=$?"
        stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '
        echo
        sleep 60
        """
        try text.write(to: script, atomically: true, encoding: .utf8)
        return "sh \(script.path)"
    }

    func testDemoDrillDownHelpAndQuit() throws {
        let tmux = try TmuxSession(command: try command("demo --from 17:30 --speed 60"))
        // The header can be on screen before the rest of the first frame: wait for all of it.
        var screen = try tmux.waitFor("the first whole frame") {
            $0.contains("Pantau · Kota Tangerang") && $0.contains("Pintu Air Sepuluh") && $0.contains("WIB")
                && $0.contains("Tickets")
        }
        XCTAssertTrue(screen.contains("Traffic"))
        XCTAssertTrue(screen.contains("Incidents"))
        XCTAssertTrue(screen.contains("Sensors"))
        XCTAssertTrue(screen.contains("Tickets"))
        XCTAssertTrue(screen.contains("Pintu Air Sepuluh"), screen)
        XCTAssertTrue(screen.contains("WIB"))

        // Focus incidents, open the first one, go back.
        try tmux.send("2")
        try tmux.send("Enter")
        screen = try tmux.waitFor("the incident detail") {
            $0.contains("Dashboard › Incident") && $0.contains("Within 2 km") && $0.contains("Esc")
        }
        XCTAssertTrue(screen.contains("Timeline"))
        XCTAssertTrue(screen.contains("Within 2 km"))
        XCTAssertTrue(screen.contains("Esc"), "footer shows the detail view's keys")
        try tmux.send("Escape")
        screen = try tmux.waitFor("the dashboard again") { !$0.contains("Dashboard › Incident") && $0.contains("Sensors") }

        // Help overlay, generated from the key table.
        try tmux.send("?")
        screen = try tmux.waitFor("the help overlay") {
            $0.contains("any key closes") && $0.contains("quit") && $0.contains("open the incident's detail")
        }
        XCTAssertTrue(screen.contains("open the incident's detail"), screen)
        try tmux.send("x")
        try tmux.waitFor("help closed") { !$0.contains("any key closes") }

        // Pause shows in the header.
        try tmux.send("Space")
        try tmux.waitFor(text: "PAUSED")
        try tmux.send("Space")
        try tmux.waitFor("resumed") { !$0.contains("PAUSED") }

        try tmux.send("q")
        screen = try tmux.waitFor("the exit report") { $0.contains("EXITED=0") && $0.contains("echo") }
        XCTAssertTrue(screen.contains("icanon") && !screen.contains("-icanon"), "terminal restored: \(screen)")
        XCTAssertTrue(screen.contains(" echo") || screen.hasPrefix("echo"), screen)
    }

    func testCtrlCRestoresTheTerminal() throws {
        let tmux = try TmuxSession(command: try command("demo"))
        try tmux.waitFor(text: "Pantau · Kota Tangerang")
        try tmux.send("C-c")
        let screen = try tmux.waitFor("the exit report") { $0.contains("EXITED=") && $0.contains("icanon") }
        XCTAssertFalse(screen.contains("-icanon"), screen)
        XCTAssertFalse(screen.contains("-echo"), screen)
    }

    func testHostileFeedPlaysAndShowsTheSkippedCount() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let feed = dir.appendingPathComponent("hostile.ndjson")
        try HostileFeed.text.write(to: feed, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: try command("replay \(feed.path) --speed 3600"))
        let screen = try tmux.waitFor("the replayed hostile feed") {
            $0.contains("skipped \(HostileFeed.badLines)") && $0.contains("INC-2") && $0.contains("Pintu Air Sepuluh")
        }
        XCTAssertTrue(screen.contains("INC-1") && screen.contains("fire"), screen)
        let title = try TmuxSession.shell(["tmux", "display-message", "-p", "-t", tmux.name, "#{pane_title}"]).output
        XCTAssertFalse(title.contains("HIJACK"), "the OSC sequence in the feed must not retitle the terminal")
        XCTAssertTrue(screen.contains("INC-2") && screen.contains("Pintu Air Sepuluh"),
                      "a clear-screen sequence in the feed must not wipe the frame")
        try tmux.send("q")
        try tmux.waitFor(text: "EXITED=0")
    }

    /// Whether `screen` is a whole frame `width` × `height`: the top pane border runs to the
    /// last column and ends in a corner, and the footer is on the last row.
    func fillsTheScreen(_ screen: String, width: Int, height: Int) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= height, lines[0].contains("Pantau") else { return false }
        // The panes' top border is under the header, or under the alarm banner when one shows.
        let top = lines[1].contains("ALARM") ? lines[2] : lines[1]
        return top.count == width && (top.last == "┐" || top.last == "┓") && lines[height - 1].contains("quit")
    }

    func testResizeRelaysOutAndSmallTerminalsGetAMessage() throws {
        let tmux = try TmuxSession(command: try command("demo --from 08:00"), width: 120, height: 40)
        try tmux.waitFor("a whole 120x40 frame") { self.fillsTheScreen($0, width: 120, height: 40) }
        _ = try TmuxSession.shell(["tmux", "resize-window", "-t", tmux.name, "-x", "50", "-y", "15"])
        try tmux.waitFor(text: "Terminal too small: 50x15")
        _ = try TmuxSession.shell(["tmux", "resize-window", "-t", tmux.name, "-x", "100", "-y", "30"])
        let screen = try tmux.waitFor("a whole 100x30 frame") { self.fillsTheScreen($0, width: 100, height: 30) }
        XCTAssertFalse(screen.contains("too small"), screen)
        try tmux.send("q")
        try tmux.waitFor(text: "EXITED=0")
    }
}
