import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauJournal
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
    /// How often a followed journal that cannot be read is tried again.
    static let journalRetryInterval = 2.0

    /// `positions`: where the file sources' read positions are kept, and the journal's name
    /// (see ``FileSourcePositions``); nil when following (local sources are never journaled).
    static func run(sources configured: [ConfiguredSource], layoutName: String, theme: Theme = .dark,
                    console: ConsoleOptions, desk: DeskConfig, rules: RulesOptions, follow: Bool = false,
                    positions: (path: String, journal: String)? = nil) throws {
        guard TerminalCheck.isInteractive() else {
            throw CLIError("the dashboard needs an interactive terminal (stdout is not a TTY, or TERM is unset or dumb); use 'pantau record' to record the sources instead")
        }
        let layout = try LayoutLoader.load(layoutName)
        let set = SourceSet(configured: configured)
        var state = CityState()
        state.staleLimits.bySource = ConfiguredSource.staleLimits(of: configured)
        state.registerUnits(desk.units)
        // A restart continues from the journal; the desk's roster gives the user's role.
        let session = console.session(state: state, layout: layout, role: desk.role(of:), replay: false, follows: follow)
        session.dashboard.layoutNames = ShippedLayouts.sources.map(\.name)
        session.dashboard.take(desk)
        // A following console evaluates no rules (see Session+Rules).
        let rulesReloader = follow ? nil : try rules.install(in: session, targets: desk.targets)
        var layouts = LayoutSwitcher(layoutName)
        let alarms = console.alarms.responder()
        // File sources go on where their events were last journaled (said before the screen opens).
        var positionKeeper = positions.flatMap { positions in
            session.journal.map { journal in
                FileSourcePositionKeeper(path: positions.path, journalName: positions.journal, journal: journal,
                                         resuming: configured) { StandardStream.writeError("pantau: \($0)\n") }
            }
        }
        let screen = try TerminalScreen()
        session.dashboard.theme = theme.adapted(to: screen.colorDepth)
        session.dashboard.colorDepth = screen.colorDepth
        // Following a shared journal: a thread waits for other processes' appends and wakes
        // the loop through the inbox's pipe; the loop reads the new entries.
        var follower: JournalFollower?
        // (A journal that could not be opened is not followed: the status line says why; one
        // being waited for is followed once it opens.)
        func watchJournal() {
            guard follow, session.journalProblem == nil, let journal = session.journal else { return }
            switch Result(catching: { () throws(JournalError) in try SharedJournal.watch(journal) }) {
            case .success(let watch): follower = JournalFollower(watch: watch) { [inbox = set.inbox] in inbox.wake() }
            case .failure(let error): session.noteJournalProblem(error)
            }
        }
        watchJournal()
        // Presence: who else is on what (its own connections and threads; see SharedPresence).
        if follow, let presence = SharedPresence.open(journal: console.journal, console: session.identity.console,
                                                      wake: { [inbox = set.inbox] in inbox.wake() }) {
            session.joinPresence(presence)
        }
        defer {
            session.leavePresence()
            screen.restore()
            follower?.stop()
            set.stop()
            alarms.stop()
            session.checkpoint()
            if follow {
                let fingerprint = session.stateFingerprint()?.hex ?? "unknown"
                // With local sources the state is the journal's fold plus their events.
                let local = session.hasLocalData ? " (with this console's local sources: not the journal's)" : ""
                StandardStream.writeError("pantau: followed the journal through entry \(session.journalSequence), state fingerprint \(fingerprint)\(local)\n")
            }
        }
        set.start()
        follower?.start()
        var nextJournalRetry = 0.0

        var pacer = FramePacer(now: FramePacer.monotonicSeconds(), dataInterval: FramePacer.liveDataInterval)
        var lastSecond = Int64.min
        var nextHealth = 0.0
        var dropped = 0

        while true {
            let now = FramePacer.monotonicSeconds()
            let batch = set.inbox.drain(max: batchLimit)
            let applied = session.update(.events(batch.events))
            if applied.frameOwed { pacer.dataChanged() }
            positionKeeper?.drained(batch.positions)
            if session.journalProblem == nil { positionKeeper?.journaled(through: session.journalSequence) }
            _ = SessionInput.carryOut(alarms.respond(to: applied.raisedAlarms, session: session), session: session,
                                      screen: screen, layouts: &layouts, pacer: &pacer, now: now)
            dropped += batch.dropped
            if session.isAwaitingJournal, session.openAwaitedJournal() {
                watchJournal()
                follower?.start()
                pacer.dataChanged()
            }
            // New entries (or a retry of a journal that could not be read, every 2 s).
            // A backlog is read a batch a turn, so keys stay responsive.
            if let follower, follower.takeChange() || session.hasUnreadEntries
                || (session.journalProblem != nil && now >= nextJournalRetry) {
                if session.catchUp(limit: batchLimit).frameOwed { pacer.dataChanged() }
                if session.journalProblem != nil { nextJournalRetry = now + journalRetryInterval }
            }
            if now >= nextHealth {
                nextHealth = now + healthInterval
                if session.update(.health(set.health(), dropped: dropped)).frameOwed { pacer.dataChanged() }
            }
            let blinking = session.hasUnseenIncidents
            pacer.tick(now: now, blinking: blinking)
            let wall = Instant(date: Date())
            // Others' presence in, ours out when what is open changed (or a heartbeat is due).
            if session.updatePresence(now: wall) { pacer.dataChanged() }
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
            if batch.events.count >= batchLimit || session.hasUnreadEntries { until(0) }
            until(Double(1000 - wall.millis % 1000) / 1000)
            until(nextHealth - now)
            if follower != nil, session.journalProblem != nil { until(nextJournalRetry - now) }
            until(session.secondsToJournalAttempt)

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
