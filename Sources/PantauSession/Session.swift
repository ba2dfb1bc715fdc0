import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauUI

/// One console's session: the city's state, the dashboard over it, the activity log, the
/// journal and who sits at the console. Everything that changes it — feed events, played
/// events, this user's actions, keys, the clock, the terminal's size, sources' health — enters
/// through ``update(_:)``, which answers with what the runner must do (``SessionEffects``).
///
/// The runners (live, replay, snapshot) keep only what is theirs: the terminal, sleeping, the
/// replay clock, layout files. No terminal here, so tests drive a session directly.
///
/// Journal: every event the store applies is appended before it applies (feed events one append
/// per message, actions one each), so the state is the fold of the journal. If the journal
/// cannot take an append, feeds keep applying and showing, the status line says what is wrong,
/// and actions are refused with that reason.
public final class Session {
    // A session is used from one thread at a time and never lends `state` or `dashboard`
    // while changing them, so the runtime's exclusivity checks on them are off: they cost
    // every played event a check on each access (about 5 % of the applying thread).
    /// The city as this console knows it.
    @exclusivity(unchecked) public internal(set) var state: CityState
    /// The dashboard: layout, focus, selections, the activity log, the theme.
    @exclusivity(unchecked) public var dashboard: Dashboard
    /// Who acts here.
    public let identity: ConsoleIdentity
    /// Where every applied event is appended (nil: nowhere, as a snapshot).
    public internal(set) var journal: (any Journal)?
    /// Whether played events are noted in the activity log (a snapshot without a log pane skips it).
    public var recordsActivity = true
    /// A checkpoint of the state is saved every this many journal entries.
    public var checkpointInterval: Int64 = 10_000
    /// ... and every this many while a replay catches up to its start: the catch-up writes a
    /// whole recording at once, and encoding a checkpoint every ``checkpointInterval`` entries
    /// of it kept a second core busy for as long (a rewind into the caught-up hours folds from
    /// one of these, at most this many entries).
    public var catchUpCheckpointInterval: Int64 = 100_000
    /// Why the journal cannot take entries now, if it cannot.
    public internal(set) var journalProblem: JournalError?
    /// The shared journal this following console waits to open (see `Session+AwaitJournal`).
    var awaitedJournal: AwaitedJournal?
    /// The first failing or stale live source, as the status line says it.
    public internal(set) var sourceLine: String?
    /// Lines the live sources skipped as bad input, in all.
    public internal(set) var skippedLines = 0
    /// The sequence of the last journal entry written or restored (0: none).
    public internal(set) var journalSequence: Int64 = 0
    /// The sequence the latest checkpoint folds through.
    public internal(set) var checkpointedThrough: Int64 = 0
    /// The checkpoint being encoded off the loop, if one is.
    var pendingCheckpoint: BackgroundCheckpoint?
    /// Encodes a checkpoint on the background thread (tests hold it to show the loop goes on).
    var checkpointEncoder: @Sendable (JournalCheckpoint) throws(JournalError) -> EncodedCheckpoint = { checkpoint throws(JournalError) in
        try EncodedCheckpoint(checkpoint)
    }
    /// Actions this console made so far (the counter in action ids).
    var actionCounter = 0
    /// The alert rules this session evaluates (nil: none). See `Session+Rules.swift`.
    public var rules: RuleEvaluator? {
        didSet {
            ruleInputsChanged = .all
            // A rewound moment shows what the rules had raised by then, journaled or not yet.
            rewindFinish = rules.map { rules in { state, time in rules.apply(to: &state, asOf: time) } } ?? { _, _ in }
        }
    }
    /// What changed for the rules since they were last evaluated.
    var ruleInputsChanged = AlertChanges.all
    /// Played events evaluate the rules once per this many milliseconds of the feed's time
    /// (see `play`): an hour, the store's sweep step. The rules' series keep more than an hour
    /// of changes on the feeds measured, so the alarms are those of evaluating every minute,
    /// but for episodes that began before a recording (see README, "Alert rules").
    var ruleStep: Int64 = 3_600_000
    /// The ``ruleStep`` the rules were last evaluated in for played events (nil: not yet).
    var ruleStepPlayed: Int64?
    /// The latest session-clock time the state was swept as of (a tick, an entry's time): what
    /// a checkpoint of it is as of.
    var sweptThrough: Instant?
    /// While rewound: the moment shown and the city then (see `Session+Rewind`); nil: live.
    public internal(set) var rewound: RewoundMoment?
    /// What runs last on a rewound state, as of its moment (rule evaluation).
    public var rewindFinish: JournalFold.Finish = { _, _ in }
    /// Rebuilds past states from the journal (made at the first rewind).
    var rewinder: JournalRewinder?
    /// The journal's entries per minute and alarms, for the timeline bar (read at the first
    /// rewind, then kept up as entries are appended).
    var journalTimeline: JournalTimeline?
    /// Whether this console follows a shared journal that other processes append to (see
    /// `Session+Follow`): its state is the fold of the journal, entries arrive as
    /// ``SessionMessage/journaled(_:)``, its actions are appended then read back in order, and
    /// ticks do not sweep the state (it moves with the journal's entries; ages follow the clock).
    public var followsJournal = false
    /// Whether this session, following a shared journal, evaluates the alert rules and appends
    /// the alarms they raise and clear (one process per journal does: `pantau ingest
    /// --evaluate-rules`); the entries it reads are the rules' inputs.
    public var evaluatesRulesWhileFollowing = false
    /// Whether this following console has applied events of its own sources (local-only data,
    /// never journaled): its state is then the journal's fold plus them, so it writes no
    /// checkpoints to the shared journal and its fingerprint is not the journal's.
    public internal(set) var hasLocalData = false
    /// Whether the last limited ``catchUp(limit:)`` left entries unread (a backlog).
    public internal(set) var hasUnreadEntries = false
    /// Presence with the other consoles on the shared journal, once joined (see `Session+Presence`).
    var presenceLink: PresenceLink?
    /// The last fingerprint computed, the entry it is as of, and when (seconds, reference date).
    var fingerprintCache: (sequence: Int64, fingerprint: StateFingerprint, computedAt: Double)?

    /// A session over `state` (e.g. with stale limits set), drawing `layout`.
    public init(state: CityState = CityState(), layout: Layout, identity: ConsoleIdentity = .wallboard,
                journal: (any Journal)? = nil) {
        self.state = state
        self.dashboard = Dashboard(layout: layout)
        self.dashboard.role = identity.role
        self.identity = identity
        self.journal = journal
    }

    /// The standing status-line note: a journal problem first, else a failing or stale source.
    public var statusNote: String? {
        guard let problem = journalProblem else { return sourceLine }
        if let awaited = awaitedJournal { return Self.waitingReason(awaited.reason) }
        return followsJournal ? Self.staleReason(problem, sequence: journalSequence) : Self.refusalReason(problem)
    }

    /// Whether an incident arrived that the incidents pane has not shown focused yet (its mark blinks).
    public var hasUnseenIncidents: Bool { state.incidentSequence > dashboard.seenIncidentSequence }

    /// The frame to draw now, at the size last given by ``SessionMessage/resize(width:height:)``.
    public func frame(status: DashboardStatus) -> CellGrid {
        if rewound != nil { return rewoundFrame(status: status) }
        dashboard.journalNote = dashboard.showSources ? journalOverlayNote() : nil
        return dashboard.render(state: state, status: status, width: dashboard.screenSize.width,
                                height: dashboard.screenSize.height)
    }

    /// Takes one message; returns what the runner must do.
    @discardableResult
    public func update(_ message: SessionMessage) -> SessionEffects {
        var effects = SessionEffects()
        switch message {
        case .events(let events):
            guard !events.isEmpty else { break }
            if followsJournal {
                effects = applyLocal(events)
                break
            }
            // A live batch applies at the wall clock, swept as of it as a played event is.
            let wall = Instant(date: Date())
            effects.raisedAlarms = evaluateRules(asOf: wall)
            noteRuleInputs(events)
            journalFeed(events, at: Array(repeating: wall, count: events.count))
            state.sweep(asOf: wall)
            state.apply(events)
            dashboard.activity.record(events)
            dashboard.observe(state)
            checkpointIfDue()
            effects.frameOwed = true
        case .played(let played):
            // The message keeps its events: they are lent from a copy of the batch.
            var events = played
            effects = play(lending: &events)
        case .caughtUp(let played, let logFrom):
            var events = played
            effects = catchUp(lending: &events, loggingFrom: logFrom)
        case .journaled(let entries):
            effects = applyJournaled(entries)
        case .action(let request):
            effects = act(request)
        case .keys(let keys):
            effects = take(keys)
        case .tick(let now, let wall):
            dashboard.wallNow = wall
            dashboard.now = now
            // Following a shared journal, the state moves with its entries only.
            if !followsJournal {
                sweptThrough = max(sweptThrough ?? now, now)
                effects.frameOwed = state.sweep(asOf: now)
            }
            effects.raisedAlarms = evaluateRules(asOf: now, everything: true)
            if !effects.raisedAlarms.isEmpty { effects.frameOwed = true }
            savePendingCheckpoint(waiting: false)
        case .resize(let width, let height):
            effects.frameOwed = dashboard.screenSize != (width, height)
            dashboard.screenSize = (width, height)
        case .health(let health, let dropped):
            Self.logStateChanges(from: dashboard.sources, to: health, into: &dashboard.activity)
            dashboard.sources = health
            let line = Self.statusLine(health, dropped: dropped)
            let total = health.reduce(0) { $0 + $1.skipped }
            if line != sourceLine || total != skippedLines {
                sourceLine = line
                skippedLines = total
                effects.frameOwed = true
            }
        case .recordingHealth(let health):
            dashboard.sources = [health]
        }
        return effects
    }

    /// Plays a batch of a recording as ``SessionMessage/played(_:)`` does, lending its events
    /// instead of copying them: each is moved out of `events` while it applies and moved back,
    /// so the batch holds the same events afterwards (a runner can hand it back to its reader
    /// to be emptied and refilled there). A copy of an event retains and releases each of its
    /// strings, a tenth of a snapshot's applying thread; passing a stored event to a call
    /// cannot avoid it.
    @discardableResult
    public func play(lending events: inout [ScheduledEvent]) -> SessionEffects {
        play(lending: &events, loggingFrom: nil)
    }

    /// Plays a run of a recording where it lies (a ``ParallelScheduledReader``'s run), as
    /// the batch form of `play(lending:)` does: each event is moved out while it applies
    /// and moved back, so the run holds the same events afterwards.
    @discardableResult
    public func play(lending events: UnsafeMutableBufferPointer<ScheduledEvent>) -> SessionEffects {
        play(lending: events, loggingFrom: nil)
    }

    /// A replay's catch-up to its start, as ``SessionMessage/caughtUp(_:logFrom:)`` does,
    /// lending its events as ``play(lending:)`` does.
    @discardableResult
    public func catchUp(lending events: inout [ScheduledEvent], loggingFrom logFrom: Instant) -> SessionEffects {
        play(lending: &events, loggingFrom: logFrom)
    }

    /// Plays lent events; a catch-up (`logFrom` given) logs only from then and leaves the
    /// incidents unseen.
    private func play(lending events: inout [ScheduledEvent], loggingFrom logFrom: Instant?) -> SessionEffects {
        events.withUnsafeMutableBufferPointer { play(lending: $0, loggingFrom: logFrom) }
    }

    private func play(lending events: UnsafeMutableBufferPointer<ScheduledEvent>, loggingFrom logFrom: Instant?) -> SessionEffects {
        var effects = SessionEffects()
        guard !events.isEmpty else { return effects }
        effects.raisedAlarms = play(events, loggingFrom: logFrom)
        if logFrom == nil { dashboard.observe(state) }
        checkpointIfDue(interval: logFrom == nil ? checkpointInterval : catchUpCheckpointInterval)
        effects.frameOwed = true
        return effects
    }

    /// Plays events as they arrived: each swept as of its arrival, applied and (from `logFrom`,
    /// or all when nil) logged, and journaled before it applies. The rules are evaluated at
    /// fixed instants of the feed's time, not once per batch: as of the first event, and as of
    /// the start of each ``ruleStep`` (an hour) the events enter, before the first event in it
    /// applies, over everything (within an hour nearly every station, segment and office
    /// changes, so noting which did would cost every event a hash for nothing). So the alarms,
    /// and the order they apply in, are the same however the events are batched (one at a
    /// time, a reader's 4,096, a frame's worth). Returns the alarms the rules raised.
    private func play(_ played: UnsafeMutableBufferPointer<ScheduledEvent>, loggingFrom logFrom: Instant?) -> [RaisedAlarm] {
        guard let first = played.baseAddress else { return [] }
        guard rules != nil else {
            apply(played, loggingFrom: logFrom)
            return []
        }
        // Where the events enter a later step than the last evaluated (reading the arrival
        // through a pointer: a subscript of the element copied each event).
        var starts: [(index: Int, step: Int64)] = []
        var last = ruleStepPlayed
        for i in played.indices {
            let arrival = (first + i).pointer(to: \.arrival)!.pointee
            let step = Self.ruleStep(of: arrival, step: ruleStep)
            if let l = last, step <= l { continue }
            starts.append((i, step))
            last = step
        }
        var raised: [RaisedAlarm] = []
        var from = 0
        for (i, step) in starts {
            apply(UnsafeMutableBufferPointer(rebasing: played[from..<i]), loggingFrom: logFrom)
            let arrival = (first + i).pointer(to: \.arrival)!.pointee
            raised += evaluateRules(asOf: ruleStepPlayed == nil ? arrival : Instant(millis: step * ruleStep),
                                    everything: true)
            ruleStepPlayed = step
            from = i
        }
        apply(UnsafeMutableBufferPointer(rebasing: played[from...]), loggingFrom: logFrom)
        // Not noted one by one: whatever evaluates next looks at everything.
        if from < played.count { ruleInputsChanged = .all }
        return raised
    }

    /// The step of `step` milliseconds `time` falls in (floored, before 1970 too).
    static func ruleStep(of time: Instant, step: Int64) -> Int64 {
        time.millis >= 0 ? time.millis / step : (time.millis + 1) / step - 1
    }

    /// Journals played events, then sweeps as of each arrival, applies it and logs it (see
    /// ``play(_:loggingFrom:)``).
    private func apply(_ played: UnsafeMutableBufferPointer<ScheduledEvent>, loggingFrom logFrom: Instant?) {
        guard let first = played.baseAddress, !played.isEmpty else { return }
        journalFeed(played)
        // Each event is moved out of its place for the calls and moved back (bitwise, no
        // reference counting): passing it where it lies (`played[i]`, or a pointer's `pointee`)
        // to a call made the compiler copy it, a retain and release of each of its strings.
        for i in played.indices {
            state.sweep(asOf: (first + i).pointer(to: \.arrival)!.pointee)
            let place = (first + i).pointer(to: \.event)!
            let event = place.move()
            state.apply(event)
            if recordsActivity, logFrom.map({ event.time >= $0 }) ?? true {
                dashboard.activity.record(event)
            }
            place.initialize(to: consume event)
        }
    }

    /// An action asked for: submitted, its outcome on the status line and, when refused or
    /// rejected, under the target's timeline.
    private func act(_ request: ActionRequest) -> SessionEffects {
        var effects = SessionEffects()
        let result = submit(request)
        switch result {
        case .accepted: dashboard.noteRefusal(nil, of: request)
        case .refused(let reason), .rejected(_, let reason): dashboard.noteRefusal(reason, of: request)
        }
        effects.submission = result
        effects.frameOwed = true
        effects.commands.append(.message(result.message, seconds: 4))
        return effects
    }

    /// Keys, in order: a resize or Ctrl-L redraws everything; the dashboard's answers that are
    /// not about time (layouts, status-line messages) come first, then those about time (pause,
    /// speed), which a replay and a live feed answer differently; quit ends the keys.
    private func take(_ keys: [Key]) -> SessionEffects {
        var effects = SessionEffects()
        guard !keys.isEmpty else { return effects }
        effects.keysArrived = true
        effects.frameOwed = true
        var timeCommands: [SessionCommand] = []
        for key in keys {
            if key == .resize || key == .char("\u{0C}") {
                effects.commands.append(.redrawAll)
                continue
            }
            guard let command = dashboard.handle(key, state: shownState) else { continue }
            switch command {
            case .setLayout, .cycleLayout:
                effects.commands.append(.layout(command))
            case .message(let text):
                effects.commands.append(.message(text, seconds: 4))
            case .act(let request):
                let done = act(request)
                effects.submission = done.submission
                effects.commands += done.commands
            case .quit:
                effects.commands += timeCommands + [.quit]
                return effects
            case .togglePause, .faster, .slower, .setSpeed:
                timeCommands.append(.clock(command))
            case .rewind, .rewindTo, .returnToLive:
                if let text = rewind(command) { effects.commands.append(.message(text, seconds: 4)) }
            }
        }
        effects.commands += timeCommands
        return effects
    }
}
