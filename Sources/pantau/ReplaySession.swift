import Foundation
import PantauCore
import PantauFeeds
import PantauTerminal
import PantauUI

/// Runs a recording on the dashboard in a real terminal: the single-threaded main loop.
///
/// Each turn applies the events whose time has come, draws a frame if anything visible changed
/// (at most 30 a second), then sleeps in `poll` until the next key, the next event due, or the
/// next visible tick of the header clock. Paused, there is nothing due: it sleeps until a key.
enum ReplaySession {
    /// Frames answering a key: at most 30 a second.
    static let frameInterval = 1.0 / 30
    /// Frames that only show new data: at most 4 a second. A dashboard read across a room
    /// needs no more, and it keeps a fast replay's CPU use low.
    static let dataFrameInterval = 0.25
    static let blinkInterval = 0.5
    /// Events applied per turn at most, so keys stay responsive when a fast replay catches up.
    static let batchLimit = 20_000

    static func run(recording: Recording, options: ReplayOptions, defaultFrom: String?) throws {
        guard TerminalCheck.isInteractive() else {
            throw CLIError("the dashboard needs an interactive terminal (stdout is not a TTY, or TERM is unset or dumb); use 'pantau snapshot' to print a frame as text")
        }
        let layout = try LayoutLoader.load(options.layout)
        let reader = try recording.openReader()
        var state = CityState()
        var pending = try reader.next()
        guard let first = pending else {
            throw CLIError("\(recording.label) holds no events (\(reader.stats.skipSummary))")
        }
        // Everything before the start is applied at once.
        let spec = (options.from ?? defaultFrom).flatMap(TimeSpec.init) ?? .instant(first.time)
        let start = max(spec.resolve(firstEvent: first.time) ?? first.time, first.time)
        while let e = pending, e.time < start {
            state.apply(e)
            pending = try reader.next()
        }

        var dashboard = Dashboard(layout: layout)
        var clock = ReplayClock(start: start, speed: options.speed, wallNow: monotonicSeconds())
        let screen = try TerminalScreen()
        defer { screen.restore() }

        var dirty = true
        var inputDirty = true
        var lastFrame = -Double.infinity
        var blinkOn = true
        var nextBlink = monotonicSeconds() + blinkInterval
        var lastClockText = ""
        var message: String?
        var messageUntil = 0.0

        while true {
            let now = monotonicSeconds()
            let feedNow = clock.feedTime(atWall: now)
            var applied = 0
            while let e = pending, e.time <= feedNow, applied < batchLimit {
                state.apply(e)
                applied += 1
                pending = try reader.next()
            }
            if applied > 0 {
                dashboard.observe(state)
                dirty = true
            }
            let finished = pending == nil
            if finished, !clock.isPaused, applied == 0, state.clock.map({ feedNow > $0 }) ?? true {
                // Hold the clock at the end of the recording.
                clock.setPaused(true, wallNow: now)
                message = "End of recording. q quits."
                messageUntil = .infinity
                dirty = true
            }
            let hasUnseen = state.incidentSequence > dashboard.seenIncidentSequence
            if hasUnseen, !clock.isPaused, now >= nextBlink {
                blinkOn.toggle()
                nextBlink = now + blinkInterval
                dirty = true
            }
            if message != nil, now >= messageUntil {
                message = nil
                dirty = true
            }
            let showSeconds = clock.speed < 60
            let clockText = CivilTime(feedNow).clockText
            let shownClock = showSeconds ? clockText : String(clockText.prefix(5))
            if shownClock != lastClockText {
                lastClockText = shownClock
                dirty = true
            }

            let interval = inputDirty ? frameInterval : dataFrameInterval
            if dirty, now - lastFrame >= interval {
                let size = screen.size
                dashboard.screenSize = size
                let status = DashboardStatus(
                    mode: .replay(speed: clock.speed), paused: clock.isPaused && !finished,
                    skippedLines: reader.stats.skippedTotal, message: message,
                    blinkOn: blinkOn || clock.isPaused, finished: finished, showSeconds: showSeconds,
                    time: clock.feedTime(atWall: now))
                screen.present(dashboard.render(state: state, status: status, width: size.width, height: size.height))
                lastFrame = now
                dirty = false
                inputDirty = false
            }

            // How long to sleep: until the next frame if one is owed, else the next thing due.
            var timeout: Double?
            func until(_ t: Double?) {
                guard let t else { return }
                timeout = min(timeout ?? .infinity, max(0, t))
            }
            if dirty { until(lastFrame + (inputDirty ? frameInterval : dataFrameInterval) - now) }
            if applied >= batchLimit { until(0) }
            if let e = pending { until(clock.wallSeconds(until: e.time, wallNow: now)) }
            if !clock.isPaused {
                // The next change of the header clock as shown.
                let step = showSeconds ? 1.0 : 60.0
                let ms = Double(feedNow.millis) / 1000
                let next = Instant(millis: Int64(((ms / step).rounded(.down) + 1) * step * 1000))
                until(clock.wallSeconds(until: next, wallNow: now))
            }
            if hasUnseen, !clock.isPaused { until(nextBlink - now) }
            if messageUntil.isFinite, message != nil { until(messageUntil - now) }

            let keys = screen.waitForKeys(timeout: timeout)
            if screen.interrupted { return }
            let wall = monotonicSeconds()
            if !keys.isEmpty { inputDirty = true }
            for key in keys {
                if key == .resize {
                    screen.invalidate()
                    dirty = true
                    continue
                }
                if key == .char("\u{0C}") { // Ctrl-L redraws
                    screen.invalidate()
                    dirty = true
                    continue
                }
                dirty = true
                switch dashboard.handle(key, state: state) {
                case .quit?: return
                case .togglePause?:
                    if !finished { clock.setPaused(!clock.isPaused, wallNow: wall) }
                case .faster?:
                    clock.setSpeed(clock.steppedSpeed(faster: true), wallNow: wall)
                    message = "Speed \(Int(clock.speed))x"
                    messageUntil = wall + 1.5
                case .slower?:
                    clock.setSpeed(clock.steppedSpeed(faster: false), wallNow: wall)
                    message = "Speed \(Int(clock.speed))x"
                    messageUntil = wall + 1.5
                case nil: break
                }
            }
        }
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
