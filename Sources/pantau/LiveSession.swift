import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauSession
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

    static func run(sources configured: [ConfiguredSource], layoutName: String, theme: Theme = .dark,
                    console: ConsoleOptions, desk: DeskConfig, rules: RulesOptions) throws {
        guard TerminalCheck.isInteractive() else {
            throw CLIError("the dashboard needs an interactive terminal (stdout is not a TTY, or TERM is unset or dumb); use 'pantau record' to record the sources instead")
        }
        let layout = try LayoutLoader.load(layoutName)
        let set = SourceSet(configured: configured)
        var state = CityState()
        state.staleLimits.bySource = ConfiguredSource.staleLimits(of: configured)
        state.registerUnits(desk.units)
        // A restart continues from the journal; the desk's roster gives the user's role.
        let session = console.session(state: state, layout: layout, role: desk.role(of:), replay: false)
        session.dashboard.layoutNames = ShippedLayouts.sources.map(\.name)
        session.dashboard.take(desk)
        let rulesReloader = try rules.install(in: session, targets: desk.targets)
        var layouts = LayoutSwitcher(layoutName)
        let alarms = console.alarms.responder()
        let screen = try TerminalScreen()
        session.dashboard.theme = theme.adapted(to: screen.colorDepth)
        session.dashboard.colorDepth = screen.colorDepth
        defer {
            screen.restore()
            set.stop()
            alarms.stop()
            session.checkpoint()
        }
        set.start()

        var pacer = FramePacer(now: FramePacer.monotonicSeconds(), dataInterval: FramePacer.liveDataInterval)
        var lastSecond = Int64.min
        var nextHealth = 0.0
        var dropped = 0

        while true {
            let now = FramePacer.monotonicSeconds()
            let batch = set.inbox.drain(max: batchLimit)
            let applied = session.update(.events(batch.events))
            if applied.frameOwed { pacer.dataChanged() }
            _ = SessionInput.carryOut(alarms.respond(to: applied.raisedAlarms, session: session), session: session,
                                      screen: screen, layouts: &layouts, pacer: &pacer, now: now)
            dropped += batch.dropped
            if now >= nextHealth {
                nextHealth = now + healthInterval
                if session.update(.health(set.health(), dropped: dropped)).frameOwed { pacer.dataChanged() }
            }
            let blinking = session.hasUnseenIncidents
            pacer.tick(now: now, blinking: blinking)
            let wall = Instant(date: Date())
            // Every turn, before any frame: an alert that expires closes on screen as it lapses.
            let ticked = session.update(.tick(now: wall, wall: wall))
            if ticked.frameOwed { pacer.dataChanged() }
            _ = SessionInput.carryOut(alarms.respond(to: ticked.raisedAlarms, session: session), session: session,
                                      screen: screen, layouts: &layouts, pacer: &pacer, now: now)
            if alarms.takeReports(into: session) { pacer.dataChanged() }
            let second = wall.millis / 1000
            if second != lastSecond {
                lastSecond = second
                pacer.dataChanged()
            }

            if pacer.frameDue(now: now) {
                let size = screen.size
                session.update(.resize(width: size.width, height: size.height))
                let status = DashboardStatus(
                    mode: .live, skippedLines: session.skippedLines, message: pacer.message ?? session.statusNote,
                    blinkOn: pacer.blinkOn, finished: false, showSeconds: true, time: wall)
                screen.present(session.frame(status: status))
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
            for command in SessionInput.take(keys, session: session, screen: screen, layouts: &layouts,
                                             pacer: &pacer, now: after, rules: rulesReloader) {
                switch command {
                case .quit: return
                default:
                    // Pause and speed are a replay's: live, the picture follows the clock.
                    pacer.show("Live: time runs at real speed; pause and speed are for replays", until: after + 1.5)
                }
            }
        }
    }
}
