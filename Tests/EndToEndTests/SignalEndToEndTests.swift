import Foundation
import XCTest

/// Every way the dashboard can end besides `q` — a signal sent with kill, a runtime trap, an
/// invalid memory access — gives the terminal back (normal screen, cursor shown, mouse
/// reports and keypad mode off, echo and line editing on) and ends with status 128+n.
final class SignalEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    func testInterruptSignalsRestoreTheTerminalAndExitWith128PlusN() throws {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE] {
            try assertEnds(by: sig, killed: true)
        }
    }

    func testSIGQUITRestoresTheTerminalAndDiesWithoutTheInteractiveBacktracer() throws {
        let screen = try assertEnds(by: SIGQUIT, killed: true)
        XCTAssertTrue(screen.contains("pantau: quit (SIGQUIT); terminal restored"), screen)
        XCTAssertFalse(screen.contains("Press space to interact"), screen)
    }

    func testARuntimeTrapRestoresTheTerminalAndKeepsTheRuntimeMessage() throws {
        let screen = try assertEnds(by: SIGILL, killed: false, environment: "PANTAU_DEBUG_CRASH=trap")
        // The runtime's message was written to stderr while the dashboard was up: it is shown
        // after the restore, not lost with the alternate screen.
        XCTAssertTrue(screen.contains("Fatal error: PANTAU_DEBUG_CRASH=trap"), screen)
        XCTAssertTrue(screen.contains("pantau: crashed (SIGILL"), screen)
    }

    func testAnInvalidMemoryAccessRestoresTheTerminal() throws {
        let screen = try assertEnds(by: SIGSEGV, killed: false, environment: "PANTAU_DEBUG_CRASH=segv")
        XCTAssertTrue(screen.contains("pantau: crashed (SIGSEGV"), screen)
    }

    /// The live dashboard ends in order on SIGTERM: its sources are stopped (the exec source's
    /// command is gone) before it dies by the signal.
    func testSIGTERMStopsTheLiveSourcesAndExits143() throws {
        let marker = "\(Int.random(in: 100_000...999_999))"
        print("exec source: sleep \(marker)")
        let sources = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-signal-\(UUID().uuidString).yaml")
        try """
        sources:
          - name: ticker
            type: exec
            command: ["sleep", "\(marker)"]
        """.write(to: sources, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: sources) }
        let tmux = try TmuxSession(command: try script(arguments: "run --sources '\(sources.path)'", environment: "",
                                                       term: "xterm-256color"))
        try tmux.waitFor("the live dashboard") { $0.contains("Pantau · Kota Tangerang") && $0.contains("LIVE") }
        let deadline = Date().addingTimeInterval(15)
        while try TmuxSession.shell(["pgrep", "-f", "^sleep \(marker)$"]).status != 0 {
            guard Date() < deadline else { return XCTFail("the exec source's command never started") }
            usleep(100_000)
        }
        XCTAssertEqual(kill(try pantauPID(in: tmux), SIGTERM), 0)
        let screen = try tmux.waitFor("the exit report") { $0.contains("EXITED=") && $0.contains("MODES ") }
        XCTAssertTrue(screen.contains("EXITED=143\n"), screen)
        // (SIGTERM was sent to it; it may take a moment to go.)
        let gone = Date().addingTimeInterval(15)
        while try TmuxSession.shell(["pgrep", "-f", "^sleep \(marker)$"]).status == 0 {
            guard Date() < gone else { return XCTFail("the exec source's command was left running") }
            usleep(100_000)
        }
    }

    /// vt100 has no alternate screen: the dashboard is cleared on exit, so the shell's output
    /// starts on a blank screen rather than over the last frame.
    func testATerminalWithoutAlternateScreenIsClearedOnExit() throws {
        for (sig, environment) in [(SIGTERM, ""), (SIGILL, "PANTAU_DEBUG_CRASH=trap")] {
            let screen = try assertEnds(by: sig, killed: environment.isEmpty, environment: environment, term: "vt100")
            XCTAssertFalse(screen.contains("Pantau · Kota Tangerang"), "TERM=vt100, signal \(sig): \(screen)")
            XCTAssertFalse(screen.contains("Traffic"), "TERM=vt100, signal \(sig): \(screen)")
            XCTAssertFalse(screen.contains("$<"), "terminfo padding must not be written out: \(screen)")
        }
    }

    /// Starts `pantau demo` in tmux, ends it (waits for its first frame and kills it with
    /// `sig`, or lets it make the crash `environment` asks for), then checks the exit status and the terminal's
    /// modes as the shell finds them. Returns the screen after the exit.
    @discardableResult
    private func assertEnds(by sig: Int32, killed: Bool, environment: String = "", term: String = "xterm-256color",
                            file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let name = "signal \(sig) (TERM=\(term)\(environment.isEmpty ? "" : ", \(environment)"))"
        let tmux = try TmuxSession(command: try script(arguments: "demo --from 17:30 --speed 60", environment: environment,
                                                       term: term))
        if killed {
            // (A crash comes right after the first frame: too soon to see it.)
            try tmux.waitFor("the first frame of \(name)") { $0.contains("Pantau · Kota Tangerang") && $0.contains("WIB") }
            let pid = try pantauPID(in: tmux)
            XCTAssertEqual(kill(pid, sig), 0, "kill \(pid) with \(sig)", file: file, line: line)
        }
        let screen = try tmux.waitFor("the exit report after \(name)") { $0.contains("EXITED=") && $0.contains("MODES ") }
        XCTAssertTrue(screen.contains("EXITED=\(128 + sig)\n"), "\(name): \(screen)", file: file, line: line)
        let modes = screen.split(separator: "\n").first { $0.hasPrefix("MODES ") }?.split(separator: " ") ?? []
        XCTAssertTrue(modes.contains("icanon") && modes.contains("echo"), "\(name): line discipline not restored: \(modes)",
                      file: file, line: line)
        let flags = try TmuxSession.shell(["tmux", "display-message", "-p", "-t", tmux.name,
                                           "alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_sgr_flag} keypad=#{keypad_cursor_flag}#{keypad_flag}"])
        XCTAssertEqual(flags.output.trimmingCharacters(in: .whitespacesAndNewlines),
                       "alt=0 cursor=1 mouse=0000 keypad=00", "\(name): terminal modes", file: file, line: line)
        return screen
    }

    /// The pid of the pantau process the pane's shell runs.
    private func pantauPID(in tmux: TmuxSession) throws -> pid_t {
        let shellPID = try TmuxSession.shell(["tmux", "display-message", "-p", "-t", tmux.name, "#{pane_pid}"])
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try TmuxSession.shell(["pgrep", "-P", shellPID]).output
        guard let pid = children.split(separator: "\n").compactMap({ pid_t($0) }).first else {
            XCTFail("no child of the pane's shell \(shellPID): \(children)")
            throw XCTSkip("pantau not found")
        }
        return pid
    }

    /// A shell script that runs `pantau ARGUMENTS` (no core files), then prints its exit status
    /// and the line discipline's `icanon` and `echo` flags, and stays.
    private func script(arguments: String, environment: String, term: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-signal-\(UUID().uuidString).sh")
        let text = """
        #!/bin/sh
        rm -f "$0"
        ulimit -c 0
        export TERM=\(term) LC_ALL=C.UTF-8
        env \(environment) '\(PantauBinary.url.path)' \(arguments)
        echo "EXITED=$?"
        echo "MODES $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' ')"
        sleep 60
        """
        try text.write(to: url, atomically: true, encoding: .utf8)
        return "sh \(url.path)"
    }
}
