import Foundation
import PantauCore
import PantauFeeds
import PantauTerminal
import PantauUI

/// Runs the live dashboard in a real terminal: the single-threaded main loop over the events
/// the sources post into their shared inbox.
///
/// Each turn drains the inbox and applies its events in arrival order, draws a frame if
/// anything visible changed (at most 30 a second for keys, 4 for data), then sleeps in `poll`
/// until a key, the inbox's wake descriptor, the next second of the header clock or the next
/// health check. While a data frame is owed but not yet due it sleeps on keys only, so a fast
/// source cannot make the loop spin; events wait in the (bounded) inbox meanwhile.
enum LiveSession {
    /// Frames answering a key: at most 30 a second.
    static let frameInterval = 1.0 / 30
    /// Frames that only show new data: at most 4 a second.
    static let dataFrameInterval = 0.25
    static let blinkInterval = 0.5
    /// How often source health is looked at for the status line.
    static let healthInterval = 1.0
    /// Events applied per turn at most, so keys stay responsive under a flood.
    static let batchLimit = 20_000

    static func run(sources: [any FeedSource], layoutName: String) throws {
        guard TerminalCheck.isInteractive() else {
            throw CLIError("the dashboard needs an interactive terminal (stdout is not a TTY, or TERM is unset or dumb); use 'pantau record' to record the sources instead")
        }
        if let s = sources.first(where: { $0.type == "stdin" }) {
            throw CLIError("source \(s.name): a stdin source cannot feed the dashboard, which reads keys from the terminal; use 'pantau record' with it")
        }
        let layout = try LayoutLoader.load(layoutName)
        let set = SourceSet(sources: sources)
        var state = CityState()
        var dashboard = Dashboard(layout: layout)
        let screen = try TerminalScreen()
        defer {
            screen.restore()
            set.stop()
        }
        set.start()

        var dirty = true
        var inputDirty = true
        var lastFrame = -Double.infinity
        var blinkOn = true
        var nextBlink = monotonicSeconds() + blinkInterval
        var lastSecond = Int64.min
        var message: String?
        var messageUntil = 0.0
        var paused = false
        var healthLine: String?
        var skipped = 0
        var nextHealth = 0.0
        var dropped = 0

        while true {
            let now = monotonicSeconds()
            let batch = set.inbox.drain(max: batchLimit)
            if !batch.events.isEmpty {
                state.apply(batch.events)
                dashboard.observe(state)
                if !paused { dirty = true }
            }
            dropped += batch.dropped
            if now >= nextHealth {
                nextHealth = now + healthInterval
                let health = set.health()
                let line = statusLine(health, dropped: dropped)
                let total = health.reduce(0) { $0 + $1.skipped }
                if line != healthLine || total != skipped {
                    healthLine = line
                    skipped = total
                    dirty = true
                }
            }
            let hasUnseen = state.incidentSequence > dashboard.seenIncidentSequence
            if hasUnseen, !paused, now >= nextBlink {
                blinkOn.toggle()
                nextBlink = now + blinkInterval
                dirty = true
            }
            if message != nil, now >= messageUntil {
                message = nil
                dirty = true
            }
            let wall = Instant(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
            let second = wall.millis / 1000
            if second != lastSecond {
                lastSecond = second
                dirty = true
            }

            let interval = inputDirty ? frameInterval : dataFrameInterval
            if dirty, now - lastFrame >= interval {
                let size = screen.size
                dashboard.screenSize = size
                let status = DashboardStatus(
                    mode: .live, paused: paused, skippedLines: skipped, message: message ?? healthLine,
                    blinkOn: blinkOn || paused, finished: false, showSeconds: true, time: wall)
                screen.present(dashboard.render(state: state, status: status, width: size.width, height: size.height))
                lastFrame = now
                dirty = false
                inputDirty = false
            }

            // How long to sleep, and whether new events may wake us.
            var timeout: Double?
            func until(_ t: Double) { timeout = min(timeout ?? .infinity, max(0, t)) }
            var watchInbox = true
            if dirty {
                until(lastFrame + (inputDirty ? frameInterval : dataFrameInterval) - now)
                watchInbox = false
            }
            if batch.events.count >= batchLimit { until(0) }
            until(Double(1000 - wall.millis % 1000) / 1000)
            until(nextHealth - now)
            if hasUnseen, !paused { until(nextBlink - now) }
            if messageUntil.isFinite, message != nil { until(messageUntil - now) }

            let keys = screen.waitForKeys(timeout: timeout, wakeFD: watchInbox ? set.inbox.wakeFD : nil)
            if screen.interrupted { return }
            let after = monotonicSeconds()
            if !keys.isEmpty { inputDirty = true }
            for key in keys {
                if key == .resize || key == .char("\u{0C}") {
                    screen.invalidate()
                    dirty = true
                    continue
                }
                dirty = true
                switch dashboard.handle(key, state: state) {
                case .quit?: return
                case .togglePause?:
                    paused.toggle()
                    message = paused ? "Display frozen; data still arrives. Space resumes." : "Live."
                    messageUntil = after + 2
                case .faster?, .slower?:
                    message = "Live: time runs at real speed"
                    messageUntil = after + 1.5
                case nil: break
                }
            }
        }
    }

    /// The status line for the first failing (else stale) source, e.g.
    /// `source bmkg-warnings failing: HTTP 500 (retry in 8s)`; nil when all are well.
    static func statusLine(_ health: [SourceHealth], dropped: Int) -> String? {
        var parts: [String] = []
        if let h = health.first(where: { $0.state.isFailing }) ?? health.first(where: { $0.state == .stale }) {
            let others = health.filter { $0.state.isFailing || $0.state == .stale }.count - 1
            parts.append(h.summary + (others > 0 ? " (+\(others) more)" : ""))
        }
        if dropped > 0 { parts.append("\(dropped) events dropped (display behind)") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
