import Foundation
import PantauCore

/// An alarm the rules raised in an update, with what its rule asks a console to do.
public struct RaisedAlarm: Sendable, Equatable {
    public var alarm: AlarmEvent
    /// The raise's own time (an episode's start plus the rule's minimum duration).
    public var time: Instant
    public var response: AlarmResponse

    public init(alarm: AlarmEvent, time: Instant, response: AlarmResponse) {
        self.alarm = alarm
        self.time = time
        self.response = response
    }
}

extension Session {
    /// Evaluates the alert rules as of `now` (a live batch's wall time before it applies, the start
    /// of an hour of played events, or a tick),
    /// over the inputs that changed since the last evaluation (`everything`: all, as on a tick):
    /// the transitions due are journaled and applied like any event, each stamped with its own
    /// time (an episode's start plus the minimum duration; not when it was evaluated), so the
    /// alarms are the same however often this runs, and a state folded from the journal to T
    /// and finished by ``RuleEvaluator/apply(to:asOf:)`` shows what a replay stopped at T shows.
    /// Returns the alarms raised.
    func evaluateRules(asOf now: Instant, everything: Bool = false) -> [RaisedAlarm] {
        // A console following a shared journal evaluates no rules: every console would journal
        // the same alarms. They come into the journal from the one process that evaluates them
        // (``evaluatesRulesWhileFollowing``: `pantau ingest --evaluate-rules`).
        guard !followsJournal || evaluatesRulesWhileFollowing else { return [] }
        guard let evaluator = rules else { return [] }
        var changes = everything ? AlertChanges.all : ruleInputsChanged
        changes.inputs.formIntersection(evaluator.inputs)
        ruleInputsChanged = AlertChanges()
        guard !changes.isEmpty else { return [] }
        let due = evaluator.transitions(in: state, now: now, changes: changes)
        guard !due.isEmpty else { return [] }
        var raised: [RaisedAlarm] = []
        let responses = Dictionary(evaluator.rules.map { ($0.name, $0.response) }, uniquingKeysWith: { a, _ in a })
        func noteRaised(_ e: FeedEvent) {
            guard case .alarm(let a) = e.payload, a.transition == .raised, state.alarms[a.id] != nil else { return }
            raised.append(RaisedAlarm(alarm: a, time: e.time, response: responses[a.rule] ?? AlarmResponse()))
        }
        if followsJournal {
            // Appended, then applied as every console applies them: read back in order.
            if appendToJournal(due, at: due.map(\.time), wall: Instant(date: Date())) != nil { return [] }
            catchUp()
            due.forEach(noteRaised)
            return raised
        }
        journalFeed(due, at: due.map(\.time))
        for e in due {
            state.apply(e)
            dashboard.activity.record(e)
            noteRaised(e)
        }
        dashboard.observe(state)
        return raised
    }

    /// Notes what `events` (about to be applied, or just applied) change for the rules.
    func noteRuleInputs(_ events: [FeedEvent]) {
        guard rules != nil else { return }
        for e in events {
            ruleInputsChanged.note(e)
        }
    }
}
