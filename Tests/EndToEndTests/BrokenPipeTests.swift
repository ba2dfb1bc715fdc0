import Foundation
import XCTest

/// Writing to a pipe nobody reads any more is an error the command reports (one line, status
/// 1), not death by SIGPIPE and not a trap in Foundation's `FileHandle.write`.
final class BrokenPipeTests: XCTestCase {
    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
    }

    func testSnapshotIntoAClosedPipeReportsTheError() throws {
        let result = try runIntoClosedPipe(["snapshot", "--size", "80x24"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("pantau: cannot write output: Broken pipe"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr)
    }

    /// `simulate --hours 8000` would write for minutes: it must stop at the first failed write.
    func testSimulateStopsAtTheFirstFailedWrite() throws {
        let result = try runIntoClosedPipe(["simulate", "--seed", "7", "--hours", "8000"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "pantau: cannot write output: Broken pipe\n")
    }

    /// Runs pantau with stdout on a pipe whose read end is already closed; stderr to a file.
    private func runIntoClosedPipe(_ args: [String]) throws -> (status: Int32, stderr: String) {
        var fds: [Int32] = [-1, -1]
        XCTAssertEqual(pipe(&fds), 0)
        close(fds[0])
        defer { close(fds[1]) }
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-epipe-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([PantauBinary.url.path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // SIGPIPE at its default in the child, as a shell starts it (the test runner may ignore it).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let rc = posix_spawn(&pid, PantauBinary.url.path, &actions, &attributes, argv, environ)
        XCTAssertEqual(rc, 0, "spawn pantau")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return (exit, stderr)
    }
}
