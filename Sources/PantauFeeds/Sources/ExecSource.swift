import Foundation

/// An `exec` source: a command, given as an argument list and started with `posix_spawn`
/// (never through a shell), whose standard output is read. NDJSON output is read line by line
/// as it comes; in another format each run's whole output is one payload (a fetch command
/// run again and again). When the command exits it is started again after an exponential
/// backoff with jitter (from `restart_backoff`, 1 s unless told, capped at a minute; reset
/// after a run of 30 s or more). Stopping the source sends the command `SIGTERM`.
///
/// ```yaml
/// - name: laksa
///   type: exec
///   command: ["/usr/local/bin/laksa-export", "--follow"]
///   restart_backoff: 2s
/// ```
public final class ExecSource: FeedSource, @unchecked Sendable {
    public let name: String
    public let type = "exec"
    public let format: String
    /// The command and its arguments.
    public let command: [String]
    /// The first wait before a restart, in seconds.
    public let restartBackoff: Double
    private let signal = StopSignal()
    private let lock = NSLock()
    private var child: pid_t = 0

    /// A source running `command`.
    public init(name: String, command: [String], format: String = "ndjson", restartBackoff: Double = 1) {
        self.name = name
        self.command = command
        self.format = format
        self.restartBackoff = restartBackoff
    }

    convenience init(config: SourceConfig) throws {
        guard let argv = try config.stringList("command"), !argv[0].isEmpty else {
            throw config.error("command", "`command` must be a list: the program, then its arguments")
        }
        self.init(name: config.name, command: argv, format: config.format,
                  restartBackoff: try config.duration("restart_backoff") ?? 1)
    }

    public func start(_ sink: SourceSink) {
        SourceThread.start(name: name) { [self] in run(sink) }
    }

    public func stop() {
        signal.stop()
        lock.lock()
        let pid = child
        lock.unlock()
        if pid > 0 { kill(pid, SIGTERM) }
    }

    private func run(_ sink: SourceSink) {
        var backoff = Backoff(initial: restartBackoff)
        var stream = StreamDecoder(format: format, source: name)
        let bufferSize = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        sink.connecting()
        while !signal.isStopped {
            let spawned: (pid: pid_t, fd: Int32)
            switch Self.spawn(command) {
            case .failure(let reason):
                let wait = backoff.next()
                sink.failed(reason, retryIn: wait)
                signal.sleep(wait)
                continue
            case .success(let s):
                spawned = s
            }
            lock.lock()
            child = spawned.pid
            lock.unlock()
            if signal.isStopped { kill(spawned.pid, SIGTERM) }
            let started = Date()
            sink.touched()
            stream.reset()
            while true {
                let n = read(spawned.fd, buffer.baseAddress, bufferSize)
                if n > 0 {
                    stream.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), into: sink)
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(spawned.fd)
            stream.finishPayload(into: sink)
            var status: Int32 = 0
            while waitpid(spawned.pid, &status, 0) < 0, errno == EINTR {}
            lock.lock()
            child = 0
            lock.unlock()
            if signal.isStopped { break }
            if Date().timeIntervalSince(started) >= 30 { backoff.reset() }
            let wait = backoff.next()
            let exitCode = (status >> 8) & 0xFF, termSignal = status & 0x7F
            if termSignal != 0 {
                sink.failed("exited on signal \(termSignal)", retryIn: wait)
            } else if exitCode != 0 {
                sink.failed("exited with status \(exitCode)", retryIn: wait)
            }
            signal.sleep(wait)
        }
    }

    /// Starts `argv` with stdout on a new pipe, stdin from /dev/null, stderr inherited, and
    /// signals at their defaults.
    static func spawn(_ argv: [String]) -> Result<(pid: pid_t, fd: Int32), SpawnFailure> {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .failure(SpawnFailure("cannot make a pipe: \(String(cString: strerror(errno)))")) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = argv[0].contains("/")
            ? posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
            : posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            return .failure(SpawnFailure("cannot start \(argv[0]): \(String(cString: strerror(rc)))"))
        }
        return .success((pid, fds[0]))
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}

private extension SourceSink {
    func failed(_ reason: ExecSource.SpawnFailure, retryIn: Double) { failed(reason.description, retryIn: retryIn) }
}

extension ExecSource {
    /// `type: exec`: `command` (required, a list), `restart_backoff` (a duration).
    public static let kind = SourceKind(type: "exec", keys: ["command", "restart_backoff"], required: ["command"]) { config in
        try ExecSource(config: config)
    }
}
