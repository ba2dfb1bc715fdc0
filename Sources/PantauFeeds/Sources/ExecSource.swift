import Foundation

/// An `exec` source: a command, given as an argument list and started with `posix_spawn`
/// (never through a shell), whose standard output is read. NDJSON output is read line by line
/// as it comes; in another format each run's whole output is one payload (a fetch command
/// run again and again). Its standard error is captured, never shown on the terminal: the
/// last lines (of the last 4 KB) are the failure reason when the command fails.
///
/// The source is `live` once the command's output has been read. A run that exits with a
/// non-zero status or on a signal, exits 0 without printing anything, or prints nothing
/// readable is a failure (`exited 0 with no output: <stderr>`). When the command exits it
/// is started again after `restart_backoff` (1 s unless told) with jitter: a good run (a
/// batch of readable output, or a run of 30 s or more) keeps that wait, so a batch command
/// is polled at that pace; failures double it, up to a minute. Stopping the source sends the
/// command `SIGTERM`.
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
        let restartBackoff = config.duration("restart_backoff")
        guard let argv = config.stringList("command") else { throw config.refused }
        guard !argv[0].isEmpty else {
            throw config.error("command", "`command` must be a list: the program, then its arguments")
        }
        if let problem = Self.commandProblem(argv, givenAsText: config.isText("command")) {
            config.report("command", item: 0, problem)
            throw config.refused
        }
        self.init(name: config.name, command: argv, format: config.format, restartBackoff: restartBackoff ?? 1)
    }

    /// Why `argv` looks like a shell command line written as one text (`"laksa-export --since
    /// 1h"`), which would run a program of that whole name: Pantau never runs a shell. A
    /// program path with spaces that exists is fine.
    static func commandProblem(_ argv: [String], givenAsText: Bool) -> String? {
        let program = argv[0]
        guard program.contains(where: \.isWhitespace), !FileManager.default.isExecutableFile(atPath: program) else { return nil }
        let words = program.split(whereSeparator: \.isWhitespace).map(String.init) + argv.dropFirst()
        let list = "[" + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let what = givenAsText ? "`command` is one text with spaces" : "the program in `command` has spaces in its name"
        var hint = "\(what), and Pantau runs no shell to split it: write the program and each argument as a list, \(list)"
        if program.contains(where: { "|&;<>$`*?()'\"\\".contains($0) }) {
            hint += " (for pipes, redirections or quotes, run a shell yourself: [\"/bin/sh\", \"-c\", \"…\"])"
        }
        return hint
    }

    public func start(_ sink: SourceSink) {
        SourceThread.start(name: name, sink: sink) { [self] in run(sink) }
    }

    public func stop() {
        signal.stop()
        lock.lock()
        let pid = child
        lock.unlock()
        if pid > 0 { kill(pid, SIGTERM) }
    }

    /// Seconds without contact before the source is stale: five minutes, or three restart
    /// waits for a command that prints a batch and exits, polled every `restart_backoff`.
    public var staleAfter: Double { max(300, 3 * restartBackoff) }

    private func run(_ sink: SourceSink) {
        var backoff = Backoff(initial: restartBackoff)
        var stream = StreamDecoder(format: format, source: name)
        var stderr = OutputTail()
        let bufferSize = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        sink.connecting()
        while !signal.isStopped {
            let spawned: Spawned
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
            let before = sink.snapshot(now: started)
            stream.reset()
            stderr.reset()
            var outputBytes = 0
            var out: Int32 = spawned.stdout, err: Int32 = spawned.stderr
            var status: Int32 = 0
            var reaped = false
            // Both pipes are drained as they fill (a child never blocks on its stderr); the
            // run ends when stdout closes, or when the child has exited with only stderr open.
            while out >= 0 || (err >= 0 && !reaped) {
                var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
                let ready = poll(&fds, 2, out >= 0 ? -1 : 100)
                if ready < 0, errno != EINTR { break }
                for (i, fd) in [out, err].enumerated() where fd >= 0 && fds[i].revents != 0 {
                    let n = read(fd, buffer.baseAddress, bufferSize)
                    if n > 0 {
                        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                        if i == 0 {
                            outputBytes += n
                            stream.feed(bytes, into: sink)
                        } else {
                            stderr.append(bytes)
                        }
                    } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                        close(fd)
                        if i == 0 { out = -1 } else { err = -1 }
                    }
                }
                if out < 0, !reaped, waitpid(spawned.pid, &status, WNOHANG) == spawned.pid { reaped = true }
            }
            if out >= 0 { close(out) }
            if !reaped {
                while waitpid(spawned.pid, &status, 0) < 0, errno == EINTR {}
            }
            if err >= 0 {
                // What the child wrote just before it exited (a descendant may hold the pipe open).
                _ = fcntl(err, F_SETFL, fcntl(err, F_GETFL) | O_NONBLOCK)
                while true {
                    let n = read(err, buffer.baseAddress, bufferSize)
                    guard n > 0 else { break }
                    stderr.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                }
                close(err)
            }
            stream.finishPayload(into: sink)
            lock.lock()
            child = 0
            lock.unlock()
            if signal.isStopped { break }
            let after = sink.snapshot()
            let outcome = Self.outcome(status: status, outputBytes: outputBytes, events: after.events - before.events,
                                       skipped: after.skipped - before.skipped, stderr: stderr.lastLines())
            if outcome == nil || Date().timeIntervalSince(started) >= 30 { backoff.reset() }
            let wait = backoff.next()
            if let reason = outcome {
                sink.failed(reason, retryIn: wait)
            } else {
                sink.touched()
            }
            signal.sleep(wait)
        }
    }

    /// Why a finished run counts as a failure, or nil for a good one: a non-zero status or a
    /// signal, no output at all, or output none of which could be read. The last lines of the
    /// command's stderr follow the reason.
    static func outcome(status: Int32, outputBytes: Int, events: Int, skipped: Int, stderr: String?) -> String? {
        let exitCode = (status >> 8) & 0xFF, termSignal = status & 0x7F
        let reason: String
        if termSignal != 0 {
            reason = "exited on signal \(termSignal)"
        } else if exitCode != 0 {
            reason = "exited with status \(exitCode)"
        } else if outputBytes == 0 {
            reason = "exited 0 with no output"
        } else if events == 0, skipped > 0 {
            reason = "exited 0 with no readable output (\(skipped) skipped)"
        } else {
            return nil
        }
        return stderr.map { "\(reason): \($0)" } ?? reason
    }

    /// A started command: its pid and the read ends of its stdout and stderr pipes.
    struct Spawned {
        var pid: pid_t
        var stdout: Int32
        var stderr: Int32
    }

    /// Starts `argv` with stdout and stderr on new pipes (stderr never reaches the terminal
    /// under the dashboard), stdin from /dev/null, and signals at their defaults; in this
    /// process's environment unless given another. With `discardOutput` its stdout goes to
    /// /dev/null instead (``Spawned/stdout`` is -1).
    static func spawn(_ argv: [String], environment: [String: String]? = nil,
                      discardOutput: Bool = false) -> Result<Spawned, SpawnFailure> {
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard pipe(&out) == 0 else { return .failure(SpawnFailure("cannot make a pipe: \(String(cString: strerror(errno)))")) }
        guard pipe(&err) == 0 else {
            let reason = String(cString: strerror(errno))
            close(out[0])
            close(out[1])
            return .failure(SpawnFailure("cannot make a pipe: \(reason)"))
        }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if discardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        }
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
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
        let cEnv = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = argv[0].contains("/")
            ? posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
            : posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        close(out[1])
        close(err[1])
        if discardOutput { close(out[0]) }
        guard rc == 0 else {
            if !discardOutput { close(out[0]) }
            close(err[0])
            return .failure(SpawnFailure("cannot start \(argv[0]): \(String(cString: strerror(rc)))"))
        }
        return .success(Spawned(pid: pid, stdout: discardOutput ? -1 : out[0], stderr: err[0]))
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
