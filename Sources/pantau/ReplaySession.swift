import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauSession
import PantauTerminal
import PantauUI

/// Runs a recording on the dashboard in a real terminal: the single-threaded main loop.
///
/// Each turn applies the events whose time has come, draws a frame if anything visible changed
/// (at most 30 a second), then sleeps in `poll` until the next key, the next event due, or the
/// next visible tick of the header clock. Paused, there is nothing due: it sleeps until a key.
enum ReplaySession {
    /// Events applied per turn at most, so keys stay responsive when a fast replay catches up.
    static let batchLimit = 20_000
    /// How often the catch-up to `--from` shows how far it has come, in seconds.
    static let catchUpProgressInterval = 0.25

    /// Replays `recording` with `desk`'s units, the user's role given by `role`.
    static func run(recording: Recording, options: ReplayOptions, defaultFrom: String?, desk: DeskConfig,
                    rules: RulesOptions, role: (String) -> Role) throws {
        guard TerminalCheck.isInteractive() else {
            throw CLIError("the dashboard needs an interactive terminal (stdout is not a TTY, or TERM is unset or dumb); use 'pantau snapshot' to print a frame as text")
        }
        let layout = try LayoutLoader.load(options.layout)
        // Decoded on worker threads a few chunks ahead (asleep while the replay waits): the
        // catch-up to --from reads most of a long recording at once.
        let reader = ScheduledReader(ParallelFeedReader(try recording.openReader()))
        var pending = try reader.next()
        guard pending != nil, let recordingStart = reader.start else {
            throw CLIError("\(recording.label) holds no events (\(reader.stats.skipSummary))")
        }
        // The recording starts at its first arrival, not at its first line's own time (an old
        // record); everything before the start is applied at once.
        let spec = (options.from ?? defaultFrom).flatMap(TimeSpec.init) ?? .instant(recordingStart)
        let start = max(spec.resolve(firstEvent: recordingStart) ?? recordingStart, recordingStart)
        var state = CityState()
        state.registerUnits(desk.units)
        let session = options.console.session(state: state, layout: layout, role: role, replay: true)
        defer { session.checkpoint() }
        session.dashboard.layoutNames = ShippedLayouts.sources.map(\.name)
        session.dashboard.take(desk)
        let rulesReloader = try rules.install(in: session, targets: desk.targets)
        var layouts = LayoutSwitcher(options.layout)
        var recordingHealth = RecordingHealth(label: recording.label)
        // The latest arrival applied: the clock never shows a time past it while ingest lags.
        var appliedThrough: Instant?
        // The screen opens first: a long catch-up shows how far it has come instead of a blank
        // terminal, and q or Ctrl-C stops it.
        let screen = try TerminalScreen()
        defer { screen.restore() }
        session.dashboard.theme = options.display.resolvedTheme().adapted(to: screen.colorDepth)
        session.dashboard.colorDepth = screen.colorDepth

        // The log shows what happened lately: the catch-up writes lines only for its last hours,
        // not for every event of a long recording.
        let logFrom = start.adding(seconds: -6 * 3600)
        var catchUp: [ScheduledEvent] = []
        var caughtUp = 0
        // Keys typed while catching up (a pane to focus, a speed, help), acted on once it is done.
        var typedDuringCatchUp: [Key] = []
        var progressShown = -Double.infinity
        while let e = pending, e.arrival < start {
            catchUp.append(e)
            recordingHealth.arrived(e)
            appliedThrough = e.arrival
            if catchUp.count >= batchLimit {
                session.catchUp(lending: &catchUp, loggingFrom: logFrom)
                recordingHealth.played(catchUp.count, inRate: false)
                caughtUp += catchUp.count
                catchUp.removeAll(keepingCapacity: true)
                let now = FramePacer.monotonicSeconds()
                if now - progressShown >= catchUpProgressInterval {
                    progressShown = now
                    guard showCatchUp(to: start, at: e.arrival, events: caughtUp, session: session, screen: screen,
                                      speed: options.speed, skipped: reader.stats.skippedTotal,
                                      typed: &typedDuringCatchUp) else { return }
                }
            }
            pending = try reader.next()
        }
        session.catchUp(lending: &catchUp, loggingFrom: logFrom)
        recordingHealth.played(catchUp.count, inRate: false)

        var clock = ReplayClock(start: start, speed: options.speed, wallNow: FramePacer.monotonicSeconds())
        // Alarms raised while catching up to the start are history: only those raised as the
        // replay plays ring, run commands, publish or open incidents.
        let alarms = options.console.alarms.responder()
        defer { alarms.stop() }

        var pacer = FramePacer(now: FramePacer.monotonicSeconds())
        var lastClockText = ""
        // Rewound, the replay's front holds still (paused) until the return to live.
        var pausedForRewind = false

        while true {
            let now = FramePacer.monotonicSeconds()
            let due = clock.feedTime(atWall: now)
            var played: [ScheduledEvent] = []
            // By arrival, as a snapshot does, so the state at T is the same either way: an
            // event stamped ahead is applied when it arrives (and counted as ahead).
            while let e = pending, e.arrival <= due, played.count < batchLimit {
                played.append(e)
                recordingHealth.arrived(e)
                appliedThrough = e.arrival
                pending = try reader.next()
            }
            let applied = played.count
            if applied > 0 {
                let effects = session.play(lending: &played)
                if effects.frameOwed { pacer.dataChanged() }
                _ = SessionInput.carryOut(alarms.respond(to: effects.raisedAlarms, session: session), session: session,
                                          screen: screen, layouts: &layouts, pacer: &pacer, now: now)
                recordingHealth.played(applied)
            }
            // What the header shows: held back while ingest lags, stopped at the last event.
            let feedNow = clock.settle(appliedThrough: appliedThrough, nextEvent: pending?.arrival, wallNow: now)
            // The replay clock is "now": ages, countdowns and overdue are measured from it.
            let ticked = session.update(.tick(now: feedNow, wall: Instant(date: Date())))
            if ticked.frameOwed { pacer.dataChanged() }
            _ = SessionInput.carryOut(alarms.respond(to: ticked.raisedAlarms, session: session), session: session,
                                      screen: screen, layouts: &layouts, pacer: &pacer, now: now)
            if alarms.takeReports(into: session) { pacer.dataChanged() }
            let finished = pending == nil
            if finished, !clock.isPaused, clock.hasEnded(atWall: now) {
                // Hold the clock at the end of the recording.
                clock.setPaused(true, wallNow: now)
                pacer.show("End of recording. q quits.", until: .infinity)
            }
            let blinking = session.hasUnseenIncidents && !clock.isPaused
            pacer.tick(now: now, blinking: blinking)
            let showSeconds = clock.speed < 60
            let clockText = CivilTime(feedNow).clockText
            let shownClock = showSeconds ? clockText : String(clockText.prefix(5))
            if shownClock != lastClockText {
                lastClockText = shownClock
                pacer.dataChanged()
            }

            if pacer.frameDue(now: now) {
                let size = screen.size
                session.update(.resize(width: size.width, height: size.height))
                session.update(.recordingHealth(recordingHealth.snapshot(skipped: reader.stats.skippedTotal, finished: finished)))
                session.dashboard.wallNow = Instant(date: Date())
                let status = DashboardStatus(
                    mode: .replay(speed: clock.speed), paused: clock.isPaused && !finished,
                    skippedLines: reader.stats.skippedTotal,
                    message: pacer.message ?? session.statusNote ?? RecordingHealth.olderNote(reader.olderThanStart),
                    blinkOn: pacer.blinkOn || clock.isPaused, finished: finished, showSeconds: showSeconds,
                    time: feedNow)
                screen.present(session.frame(status: status))
                pacer.frameDrawn(now: now)
                DebugCrashHook.fireIfRequested()
            }

            // How long to sleep: until the next frame if one is owed, else the next thing due.
            var timeout: Double?
            func until(_ t: Double?) {
                guard let t else { return }
                timeout = min(timeout ?? .infinity, max(0, t))
            }
            until(pacer.secondsToWake(now: now, blinking: blinking))
            if applied >= batchLimit { until(0) }
            if let e = pending { until(clock.wallSeconds(until: e.arrival, wallNow: now)) }
            if !clock.isPaused {
                // The next change of the header clock as shown.
                let step = showSeconds ? 1.0 : 60.0
                let ms = Double(feedNow.millis) / 1000
                let next = Instant(millis: Int64(saturating: ((ms / step).rounded(.down) + 1) * step * 1000))
                until(clock.wallSeconds(until: next, wallNow: now))
            }

            var keys = screen.waitForKeys(timeout: typedDuringCatchUp.isEmpty ? timeout : 0, wakeFD: layouts.fd)
            if screen.interrupted { return }
            if !typedDuringCatchUp.isEmpty {
                keys = typedDuringCatchUp + keys
                typedDuringCatchUp = []
            }
            let wall = FramePacer.monotonicSeconds()
            for command in SessionInput.take(keys, session: session, screen: screen, layouts: &layouts,
                                             pacer: &pacer, now: wall, rules: rulesReloader) {
                switch command {
                case .quit: return
                case .togglePause:
                    if !finished { clock.setPaused(!clock.isPaused, wallNow: wall) }
                case .faster, .slower, .setSpeed:
                    var speed = clock.steppedSpeed(faster: command == .faster)
                    if case .setSpeed(let x) = command { speed = x }
                    clock.setSpeed(speed, wallNow: wall)
                    pacer.show("Speed \(speed == speed.rounded() ? "\(Int(speed))" : "\(speed)")x", until: wall + 1.5)
                default: break
                }
            }
            if session.isRewound, !clock.isPaused {
                clock.setPaused(true, wallNow: wall)
                pausedForRewind = true
            } else if !session.isRewound, pausedForRewind {
                clock.setPaused(false, wallNow: wall)
                pausedForRewind = false
            }
        }
    }

    /// Draws the dashboard as the catch-up to `start` has built it so far (the header at the
    /// catch-up's time, the status line saying how far it has come) and reads the keys: false
    /// when the user quit (q, or Ctrl-C). Other keys are added to `typed`, in order, for the
    /// replay to act on when the catch-up is done.
    private static func showCatchUp(to start: Instant, at time: Instant, events: Int, session: Session,
                                    screen: TerminalScreen, speed: Double, skipped: Int, typed: inout [Key]) -> Bool {
        let keys = screen.waitForKeys(timeout: 0)
        if screen.interrupted || keys.contains(.char("q")) || keys.contains(.char("Q")) { return false }
        typed += keys.filter { $0 != .resize }
        let size = screen.size
        session.update(.resize(width: size.width, height: size.height))
        if keys.contains(.resize) { screen.invalidate() }
        let target = CivilTime(start)
        let status = DashboardStatus(
            mode: .replay(speed: speed), skippedLines: skipped,
            message: "Catching up to \(target.dateText) \(target.shortClockText): \(GroupedCount.text(events)) events applied (q quits)",
            showSeconds: false, time: time)
        screen.present(session.frame(status: status))
        return true
    }
}
