import Foundation
import PantauCore

/// Runs a rule's command when its alarm is raised (``AlarmResponse/command``): the argument
/// list started with `posix_spawn` (never through a shell), the alarm's fields in its
/// environment, stdin from /dev/null, stdout discarded, the last 4 KB of stderr kept. A command
/// still running after its timeout gets `SIGTERM`, then `SIGKILL` after ``killGrace`` seconds.
///
/// ``start(_:alarm:at:timeout:report:)`` runs it on a thread of its own, so the dashboard's
/// loop never waits for it; the outcome comes back through `report` (for the activity log).
public enum AlarmCommand {
    /// Seconds between `SIGTERM` and `SIGKILL` for a command past its timeout.
    public static let killGrace = 2.0

    /// Runs `argv` on a thread of its own for `alarm` (which changed at `time`) and hands its
    /// outcome to `report` on that thread.
    public static func start(_ argv: [String], alarm: AlarmEvent, at time: Instant, timeout: Double,
                             report: @escaping @Sendable (AlarmCommandOutcome) -> Void) {
        let environment = environment(for: alarm, at: time)
        NamedThread.start("pantau-alarm-command", stackSize: 1 << 20) {
            report(run(argv, alarmID: alarm.id, environment: environment, timeout: timeout))
        }
    }

    /// This process's environment with the alarm's fields added: `PANTAU_ALARM_ID`, `_RULE`,
    /// `_STATE` (`raised`, `cleared`), `_SEVERITY`, `_SUBJECT`, `_TITLE`, `_VALUE` and `_LEVEL`
    /// (empty when the alarm has none), `_TIME` (RFC 3339, WIB). Control characters in the
    /// values (a newline in a feed's title) become spaces, so the words on either side stay apart.
    public static func environment(for alarm: AlarmEvent, at time: Instant,
                                   base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var env = base
        let fields: [(String, String)] = [
            ("ID", alarm.id), ("RULE", alarm.rule), ("STATE", alarm.transition.rawValue),
            ("SEVERITY", String(alarm.severity)), ("SUBJECT", alarm.subject), ("TITLE", alarm.title),
            ("VALUE", alarm.value.map(valueText) ?? ""), ("LEVEL", alarm.level ?? ""),
            ("TIME", RFC3339.format(time)),
        ]
        for (name, value) in fields {
            env["PANTAU_ALARM_\(name)"] = String(String.UnicodeScalarView(value.unicodeScalars.map {
                $0.properties.generalCategory == .control ? " " : $0
            }))
        }
        return env
    }

    /// A reading as a program reads it best: `12.5`, `210` (no `.0`).
    static func valueText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Runs `argv` with `environment` and waits for it (at most `timeout` seconds, then it is
    /// killed): what became of it.
    public static func run(_ argv: [String], alarmID: String, environment: [String: String],
                           timeout: Double) -> AlarmCommandOutcome {
        let program = argv.first ?? ""
        guard !program.isEmpty else {
            return AlarmCommandOutcome(alarmID: alarmID, program: program, ending: .notStarted("no program given"))
        }
        let spawned: ExecSource.Spawned
        switch ExecSource.spawn(argv, environment: environment, discardOutput: true) {
        case .failure(let failure):
            return AlarmCommandOutcome(alarmID: alarmID, program: program, ending: .notStarted(failure.description))
        case .success(let s):
            spawned = s
        }
        var stderr = OutputTail()
        var err = spawned.stderr
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
        defer { buffer.deallocate() }
        func drain(_ wait: Int32) {
            guard err >= 0 else { return }
            var fds = [pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, wait) > 0 else { return }
            let n = read(err, buffer.baseAddress, buffer.count)
            if n > 0 {
                stderr.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                close(err)
                err = -1
            }
        }
        let started = MQTTContext.monotonicSeconds()
        var status: Int32 = 0
        var timedOut = false
        var killed = false
        while true {
            let reaped = waitpid(spawned.pid, &status, WNOHANG)
            if reaped == spawned.pid || (reaped < 0 && errno != EINTR) { break }
            let elapsed = MQTTContext.monotonicSeconds() - started
            if !timedOut, elapsed >= timeout {
                timedOut = true
                kill(spawned.pid, SIGTERM)
            } else if timedOut, !killed, elapsed >= timeout + killGrace {
                killed = true
                kill(spawned.pid, SIGKILL)
            }
            if err >= 0 { drain(50) } else { usleep(20_000) }
        }
        if err >= 0 {
            // What it wrote just before it ended (a descendant may hold the pipe open).
            _ = fcntl(err, F_SETFL, fcntl(err, F_GETFL) | O_NONBLOCK)
            while err >= 0 {
                let n = read(err, buffer.baseAddress, buffer.count)
                guard n > 0 else { break }
                stderr.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            if err >= 0 { close(err) }
        }
        let ending: AlarmCommandOutcome.Ending
        if timedOut {
            ending = .timedOut(after: timeout)
        } else if status & 0x7F != 0 {
            ending = .signalled(status & 0x7F)
        } else {
            ending = .exited((status >> 8) & 0xFF)
        }
        return AlarmCommandOutcome(alarmID: alarmID, program: program, ending: ending, stderrLine: stderr.firstLine())
    }
}

/// What became of an alarm's command, as the activity log tells it.
public struct AlarmCommandOutcome: Sendable, Equatable {
    /// How the command ended.
    public enum Ending: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// It died by this signal (not ours).
        case signalled(Int32)
        /// It ran past its timeout (seconds) and was killed.
        case timedOut(after: Double)
        /// It could not be started (a missing program, a failed spawn): why.
        case notStarted(String)
    }

    /// The alarm it ran for.
    public var alarmID: String
    /// The program (argv[0]).
    public var program: String
    public var ending: Ending
    /// The first line of what it wrote to stderr (of the last 4 KB kept), cleaned, if any.
    public var stderrLine: String?

    public init(alarmID: String, program: String, ending: Ending, stderrLine: String? = nil) {
        self.alarmID = alarmID
        self.program = program
        self.ending = ending
        self.stderrLine = stderrLine
    }

    /// Whether it exited with status 0.
    public var succeeded: Bool { ending == .exited(0) }

    /// One line for the activity log: `alarm command notify-wa: exited with status 2: no token`.
    public var message: String {
        let name = (program as NSString).lastPathComponent
        var text: String
        switch ending {
        case .exited(0): text = "alarm command \(name) done"
        case .exited(let code): text = "alarm command \(name) failed: exited with status \(code)"
        case .signalled(let signal): text = "alarm command \(name) failed: ended by signal \(signal)"
        case .timedOut(let seconds):
            text = "alarm command \(name) killed after its timeout of \(DurationText.format(seconds))"
        case .notStarted(let reason): text = "alarm command failed: \(reason)"
        }
        if let stderrLine { text += ": \(stderrLine)" }
        return text
    }
}
