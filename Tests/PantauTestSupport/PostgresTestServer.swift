import Foundation
import XCTest

/// A PostgreSQL server of a test's own (scripts/pg-test-server in a scratch directory), for
/// tests that restart or stop it. Stopped and removed by ``stop()``.
public final class PostgresTestServer: Sendable {
    public let url: String
    private let directory: String

    /// The script, found from this file's place in the package.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/pg-test-server").path

    /// Starts a server; skips (fails where `PANTAU_REQUIRE_POSTGRES` is set) when PostgreSQL's
    /// server is not installed.
    public init() throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("pantau-pg-\(UUID().uuidString.prefix(8))")
        let result = try Self.run(["start", directory])
        // The URL is the first line of stdout; anything pg_ctl said on the way is in `errors`.
        guard result.status == 0, let first = result.output.split(separator: "\n").first, first.hasPrefix("postgres://") else {
            let message = "scripts/pg-test-server start failed (\(result.status)): \(result.output)\(result.errors)"
            if result.status == 2, ProcessInfo.processInfo.environment["PANTAU_REQUIRE_POSTGRES"] == nil { throw XCTSkip(message) }
            throw PostgresTestError(description: message)
        }
        url = String(first)
    }

    /// `pg_ctl restart`: every connection is cut; the server is back (same port) on return.
    public func restart() throws {
        let result = try Self.run(["restart", directory])
        guard result.status == 0 else { throw PostgresTestError(description: "restart failed: \(result.output)\(result.errors)") }
    }

    /// Stops the server, keeping its files: clients find the database down until ``resume()``.
    public func pause() throws {
        let result = try Self.run(["pause", directory])
        guard result.status == 0 else { throw PostgresTestError(description: "pause failed: \(result.output)\(result.errors)") }
    }

    /// Starts a paused server again on its port.
    public func resume() throws {
        let result = try Self.run(["resume", directory])
        guard result.status == 0 else { throw PostgresTestError(description: "resume failed: \(result.output)\(result.errors)") }
    }

    public func stop() {
        _ = try? Self.run(["stop", directory])
    }

    /// Runs the script to its end, its stdout and stderr each in a file: not a pipe, which the
    /// server it starts could hold open (a pipe reader, or `Process.waitUntilExit`, would wait
    /// for ever). Kept apart, so that a message on stderr is never read as the URL.
    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("pantau-pg-run-\(UUID().uuidString)")
        let output = base + ".out", errors = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: errors)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/bin/bash", script] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard rc == 0 else { throw PostgresTestError(description: "cannot run \(script): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return ((status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), text(output), text(errors))
    }
}

/// A test PostgreSQL server's (or database's) failure.
public struct PostgresTestError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}
