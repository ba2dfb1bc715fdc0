import Foundation
import PantauCore
import PantauFeeds
import PantauTerminal
import PantauUI

/// Runs the live dashboard in a real terminal: the single-threaded main loop over the events
/// the sources post into their shared inbox.
///
/// Each turn drains the inbox and applies its events in arrival order, draws a frame if
/// anything visible changed (at most 30 a second, for keys and for data alike), then sleeps in `poll`
/// until a key, the inbox's wake descriptor, the next second of the header clock or the next
/// health check. "Now" is the wall clock: the frame is redrawn each second, so ages and SLA
/// countdowns grow with no events at all, and an event stamped ahead never moves them. While a data frame is owed but not yet due it sleeps on keys only, so a fast
/// source cannot make the loop spin; events wait in the (bounded) inbox meanwhile.
enum LiveSession {
    /// How often source health is looked at for the status line.
    static let healthInterval = 1.0
    /// Events applied per turn at most, so keys stay responsive under a flood.
    static let batchLimit = 20_000

    static func run(sources configured: [ConfiguredSource], layoutName: String, theme: Theme = .dark) throws {
        guard TerminalCheck.isInteractive() else {
            throw CLIError("the dashboard needs an interactive terminal (stdout is not a TTY, or TERM is unset or dumb); use 'pantau record' to record the sources instead")
        }
        let layout = try LayoutLoader.load(layoutName)
        let set = SourceSet(configured: configured)
        var state = CityState()
        state.staleLimits.bySource = ConfiguredSource.staleLimits(of: configured)
        var dashboard = Dashboard(layout: layout)
        dashboard.layoutNames = ShippedLayouts.sources.map(\.name)
        var layouts = LayoutSwitcher(layoutName)
        let screen = try TerminalScreen()
        dashboard.theme = theme.adapted(to: screen.colorDepth)
        dashboard.colorDepth = screen.colorDepth
        defer {
            screen.restore()
            set.stop()
        }
        set.start()

        var pacer = FramePacer(now: FramePacer.monotonicSeconds(), dataInterval: FramePacer.liveDataInterval)
        var lastSecond = Int64.min
        var healthLine: String?
        var skipped = 0
        var nextHealth = 0.0
        var dropped = 0

        while true {
            let now = FramePacer.monotonicSeconds()
            let batch = set.inbox.drain(max: batchLimit)
            if !batch.events.isEmpty {
                state.apply(batch.events)
                dashboard.activity.record(batch.events)
                dashboard.observe(state)
                pacer.dataChanged()
            }
            dropped += batch.dropped
            if now >= nextHealth {
                nextHealth = now + healthInterval
                let health = set.health()
                logStateChanges(from: dashboard.sources, to: health, into: &dashboard.activity)
                dashboard.sources = health
                let line = statusLine(health, dropped: dropped)
                let total = health.reduce(0) { $0 + $1.skipped }
                if line != healthLine || total != skipped {
                    healthLine = line
                    skipped = total
                    pacer.dataChanged()
                }
            }
            let blinking = state.incidentSequence > dashboard.seenIncidentSequence
            pacer.tick(now: now, blinking: blinking)
            let wall = Instant(date: Date())
            dashboard.wallNow = wall
            dashboard.now = wall
            // Every turn, before any frame: an alert that expires closes on screen as it lapses.
            if state.sweep(asOf: wall) { pacer.dataChanged() }
            let second = wall.millis / 1000
            if second != lastSecond {
                lastSecond = second
                pacer.dataChanged()
            }

            if pacer.frameDue(now: now) {
                let size = screen.size
                dashboard.screenSize = size
                let status = DashboardStatus(
                    mode: .live, skippedLines: skipped, message: pacer.message ?? healthLine,
                    blinkOn: pacer.blinkOn, finished: false, showSeconds: true, time: wall)
                screen.present(dashboard.render(state: state, status: status, width: size.width, height: size.height))
                pacer.frameDrawn(now: now)
            }

            // How long to sleep, and whether new events may wake us.
            var timeout: Double?
            func until(_ t: Double?) { if let t { timeout = min(timeout ?? .infinity, max(0, t)) } }
            // While a frame is owed, sleep on keys only: the inbox waits until the frame is drawn.
            let watchInbox = !pacer.dirty
            until(pacer.secondsToWake(now: now, blinking: blinking))
            if batch.events.count >= batchLimit { until(0) }
            until(Double(1000 - wall.millis % 1000) / 1000)
            until(nextHealth - now)

            let keys = screen.waitForKeys(timeout: timeout, wakeFD: watchInbox ? set.inbox.wakeFD : nil,
                                          alsoWakeFD: layouts.fd)
            if screen.interrupted { return }
            let after = FramePacer.monotonicSeconds()
            for command in SessionInput.take(keys, screen: screen, state: state, dashboard: &dashboard,
                                             layouts: &layouts, pacer: &pacer, now: after) {
                switch command {
                case .quit: return
                default:
                    // Pause and speed are a replay's: live, the picture follows the clock.
                    pacer.show("Live: time runs at real speed; pause and speed are for replays", until: after + 1.5)
                }
            }
        }
    }

    /// Notes each source whose state changed (a new failure reason included) in the activity log,
    /// each source that skipped bad input for a new reason, and each source whose events come
    /// stamped ahead of the clock (when it starts, and when how far ahead changes as shown).
    static func logStateChanges(from old: [SourceHealth], to new: [SourceHealth], into log: inout ActivityLog) {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Instant(date: Date())
        for h in new {
            let was = before[h.name]
            if was?.state != h.state && !(was == nil && h.state == .connecting) {
                let tone: BandTone = h.state.isFailing ? .danger : h.state == .stale ? .warning : .good
                log.system("source \(h.state)", subject: h.name, tone: tone, at: now)
            }
            if h.aheadEvents > (was?.aheadEvents ?? 0), let by = h.aheadBy,
               (was?.aheadEvents ?? 0) == 0 || was?.aheadBy.map({ durationText(seconds: $0) }) != durationText(seconds: by) {
                log.system("events stamped \(durationText(seconds: by)) ahead of the clock (not taken as now)",
                           subject: h.name, tone: .warning, at: now)
            }
        }
        log.noteSkips(from: old, to: new, at: now)
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
}
