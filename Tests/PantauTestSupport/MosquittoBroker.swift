import Foundation
import XCTest

/// A real Mosquitto broker (Debian's `mosquitto`) for tests: listens on a loopback port from a
/// generated config in its own temporary folder; killed (SIGKILL, by pid) and started again on
/// the same port to test reconnects; always stopped by ``stop()`` (call it in `tearDown`).
///
/// Children are run with `posix_spawn` and reaped with `waitpid`, their output going to files,
/// never pipes (a pipe reader, or Foundation's `Process.waitUntilExit`, can hang on a child
/// that leaves a descendant holding the pipe).
public final class MosquittoBroker {
    /// Where Debian puts the binaries (plus /usr/local); nil when not installed.
    public static func binary(_ name: String) -> String? {
        for dir in ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin"] {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Skips the calling test unless `mosquitto` and `mosquitto_pub` are installed.
    public static func requireInstalled(_ extra: String...) throws {
        let missing = (["mosquitto", "mosquitto_pub"] + extra).filter { binary($0) == nil }
        if !missing.isEmpty {
            throw XCTSkip("\(missing.joined(separator: ", ")) not installed (Debian: apt-get install mosquitto mosquitto-clients)")
        }
    }

    public let port: UInt16
    /// The broker's folder: config, log, password file, certificates.
    public let dir: String
    /// Config lines after the listener's (`allow_anonymous`, `password_file`, `certfile`, …),
    /// read at each ``start(timeout:)``.
    public var config: [String]
    /// Whether the broker keeps its state (persistent sessions, their queued messages) in its
    /// folder across a ``terminate()`` and ``start(timeout:)``.
    public var persistent = false
    public private(set) var pid: pid_t = 0

    /// A broker (not yet started) on `port` with `config` lines added to the listener's.
    public init(port: UInt16 = freeLoopbackPort(), config: [String] = ["allow_anonymous true"]) throws {
        self.port = port
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-mosquitto-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        self.config = config
    }

    deinit { stop() }

    public var logPath: String { "\(dir)/mosquitto.log" }
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Starts the broker and waits until its port accepts connections.
    public func start(timeout: Double = 10) throws {
        guard pid == 0 else { return }
        guard let mosquitto = Self.binary("mosquitto") else { throw XCTSkip("mosquitto not installed") }
        let lines = [
            "listener \(port) 127.0.0.1",
            // Run as root (CI is), the broker would switch to the `mosquitto` user and lose its files.
            "user root",
        ] + (persistent ? ["persistence true", "persistence_location \(dir)/"] : ["persistence false"]) + [
            "log_dest file \(logPath)",
            "log_type all",
        ] + config
        let configPath = "\(dir)/mosquitto.conf"
        try (lines.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
        pid = try Self.spawn([mosquitto, "-c", configPath], output: logPath, append: true)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if Self.accepts(port) { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                throw BrokerError("mosquitto exited (status \(status)) before listening on \(port):\n\(log)")
            }
            usleep(20_000)
        }
        throw BrokerError("mosquitto did not listen on \(port) within \(timeout) s:\n\(log)")
    }

    /// Kills the broker at once (SIGKILL): its clients see the connection drop.
    public func kill() { end(SIGKILL) }

    /// Stops the broker as a service manager would (SIGTERM): a persistent broker saves its
    /// state first.
    public func terminate() { end(SIGTERM) }

    /// Sends `signal` and reaps the broker.
    private func end(_ signal: Int32) {
        guard pid > 0 else { return }
        _ = Foundation.kill(pid, signal)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        pid = 0
    }

    /// Kills the broker if running and removes its folder.
    public func stop() {
        kill()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Publishes with `mosquitto_pub`, QoS 1 (it exits after the broker's PUBACK): each of
    /// `lines` as its own message, or `message` as one message (it may hold newlines).
    @discardableResult
    public func publish(topic: String, lines: [String] = [], message: String? = nil, extra: [String] = []) throws -> String {
        guard let pub = Self.binary("mosquitto_pub") else { throw XCTSkip("mosquitto_pub not installed") }
        let input = "\(dir)/pub-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: input) }
        try (message ?? lines.map { $0 + "\n" }.joined()).write(toFile: input, atomically: true, encoding: .utf8)
        let mode = message == nil ? "-l" : "-s"
        let r = try Self.run([pub, "-h", "127.0.0.1", "-p", "\(port)", "-q", "1", "-t", topic, mode] + extra, stdin: input)
        guard r.status == 0 else { throw BrokerError("mosquitto_pub failed (\(r.status)): \(r.output)") }
        return r.output
    }

    /// Writes a password file for `user` with `mosquitto_passwd -b`; returns its path.
    public func passwordFile(user: String, password: String) throws -> String {
        guard let passwd = Self.binary("mosquitto_passwd") else { throw XCTSkip("mosquitto_passwd not installed") }
        let path = "\(dir)/passwords"
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        let r = try Self.run([passwd, "-b", path, user, password])
        guard r.status == 0 else { throw BrokerError("mosquitto_passwd failed (\(r.status)): \(r.output)") }
        return path
    }

    public struct BrokerError: Error, CustomStringConvertible {
        public var description: String
        public init(_ d: String) { description = d }
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func accepts(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = port.bigEndian
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Starts `args` with stdin from `stdin` (else /dev/null) and stdout+stderr into `output`.
    public static func spawn(_ args: [String], stdin: String? = nil, output: String, append: Bool = false) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, args[0], &actions, nil, argv, environ)
        guard rc == 0 else { throw BrokerError("cannot run \(args[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Runs `args` to its end (killed after `timeout` seconds); its status and output.
    public static func run(_ args: [String], stdin: String? = nil, timeout: Double = 10) throws -> (status: Int32, output: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pid = try spawn(args, stdin: stdin, output: path)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var timedOut = false
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if Date() > deadline, !timedOut {
                timedOut = true
                _ = Foundation.kill(pid, SIGKILL)
            }
            usleep(5_000)
        }
        let output = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        if timedOut { return (124, "timed out after \(timeout) s: \(output)") }
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (code, output)
    }
}

/// A loopback TCP port that is free now (the kernel's pick for a bound, unused socket).
public func freeLoopbackPort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return UInt16(bigEndian: addr.sin_port)
}
