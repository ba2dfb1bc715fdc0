import Foundation
import XCTest

/// A detached tmux session running a command in a real terminal of a given size.
final class TmuxSession {
    let name: String

    static var isAvailable: Bool { (try? shell(["tmux", "-V"]).status) == 0 }

    init(command: String, width: Int = 120, height: Int = 40) throws {
        name = "pantau-e2e-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        let r = try Self.shell(["tmux", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                "env TERM=xterm-256color \(command)"])
        guard r.status == 0 else { throw XCTSkip("tmux could not start a session: \(r.output)") }
    }

    deinit { _ = try? Self.shell(["tmux", "kill-session", "-t", name]) }

    /// Types keys (tmux key names: Enter, Escape, Tab, Up, Down, C-c, or literal text).
    func send(_ keys: String...) throws {
        _ = try Self.shell(["tmux", "send-keys", "-t", name] + keys)
    }

    /// The visible screen as text.
    func capture() throws -> String {
        try Self.shell(["tmux", "capture-pane", "-p", "-t", name]).output
    }

    /// Waits up to `timeout` seconds for the screen to satisfy `predicate`; returns the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 15, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            usleep(100_000)
        }
        XCTFail("timed out waiting for \(what); screen was:\n\(screen)")
        return screen
    }

    func waitFor(text: String, timeout: Double = 15) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    @discardableResult
    static func shell(_ args: [String]) throws -> (status: Int32, output: String) {
        // Output goes to a file, not a pipe: a tmux server started by `new-session` would inherit
        // the pipe and keep it open for its whole life.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-tmux-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let out = FileHandle(forWritingAtPath: path) else { throw XCTSkip("cannot write \(path)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close()
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
