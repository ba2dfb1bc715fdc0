import Foundation
import XCTest

/// A detached tmux session running a command in a real terminal of a given size.
final class TmuxSession {
    let name: String

    /// The locale every session (and tmux itself) runs in, whatever the runner's: UTF-8, and
    /// English labels (pantau takes its language from LC_ALL / LC_MESSAGES / LANG).
    static let locale = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]

    static var isAvailable: Bool { (try? shell(["tmux", "-V"]).status) == 0 }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The session's own state directory (`XDG_STATE_HOME`): `pantau run`'s default journal
    /// goes there, so no session restores another's state (or the user's). Removed with it.
    let stateDirectory: String

    /// Starts `command` (under TERM=xterm-256color, ``locale`` and its own state directory).
    /// tmux being installed but unable to start a session is a failure, not a reason to skip.
    init(command: String, width: Int = 120, height: Int = 40) throws {
        name = "pantau-e2e-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        stateDirectory = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-state")
        let environment = (Self.locale.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + ["XDG_STATE_HOME=\(stateDirectory)"]).joined(separator: " ")
        let arguments = ["tmux", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                         "env TERM=xterm-256color \(environment) \(command)"]
        var r = try Self.shell(arguments)
        // tmux's own race: a session started while the server is exiting (the previous test's last
        // session was just killed) fails with "server exited unexpectedly"; a new server then starts.
        var attempts = 1
        while r.status != 0, r.output.contains("server exited unexpectedly"), attempts < 5 {
            usleep(200_000)
            r = try Self.shell(arguments)
            attempts += 1
        }
        guard r.status == 0 else { throw StartFailure(description: "tmux could not start a session: \(r.output)") }
    }

    deinit {
        _ = try? Self.shell(["tmux", "kill-session", "-t", name])
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    /// Types keys (tmux key names: Enter, Escape, Tab, Up, Down, C-c, or literal text).
    func send(_ keys: String...) throws {
        _ = try Self.shell(["tmux", "send-keys", "-t", name] + keys)
    }

    /// The visible screen as text.
    func capture() throws -> String {
        try Self.shell(["tmux", "capture-pane", "-p", "-t", name]).output
    }

    /// Waits up to `timeout` seconds (a deadline for a failing test, generous for a loaded
    /// machine) for the screen to satisfy `predicate`; returns that screen once it has settled
    /// (see ``settled(_:_:)``), or the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 30, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return try settled(screen, predicate) }
            usleep(100_000)
        }
        XCTFail("timed out waiting for \(what); screen was:\n\(screen)")
        return screen
    }

    /// A capture shows what tmux has received so far, which on a loaded machine can be part of
    /// a frame: the header of a new screen over the rows of the old one. So a screen that
    /// satisfies the predicate is taken once a capture a moment later is the same; a screen
    /// that keeps changing (a running clock) gives the latest capture that satisfies it.
    private func settled(_ first: String, _ predicate: (String) -> Bool) throws -> String {
        var last = first, latestSatisfying = first
        for _ in 0..<5 {
            usleep(40_000)
            let next = try capture()
            if next == last { return next }
            if predicate(next) { latestSatisfying = next }
            last = next
        }
        return latestSatisfying
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 30) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Runs a command and waits for it with `waitpid`. Output goes to a file, not a pipe, and the
    /// child is not watched through descriptors: a tmux server forked by `new-session` inherits
    /// whatever the client had open and lives on, which would hang a pipe reader (and
    /// Foundation's `Process.waitUntilExit`, seen here) until the server exits.
    @discardableResult
    static func shell(_ args: [String]) throws -> (status: Int32, output: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        // The runner's environment with ``locale`` (the tmux client and server read it too).
        var environment = ProcessInfo.processInfo.environment
        environment.merge(locale) { _, new in new }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for e in envp { free(e) } }
        let rc = posix_spawnp(&pid, args[0], &actions, nil, argv, envp)
        guard rc == 0 else { return (127, "cannot run \(args[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitCode, String(decoding: data, as: UTF8.self))
    }
}
