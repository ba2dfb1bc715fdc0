import Foundation
import PantauCore
import PantauUI

extension Session {
    /// Does what this console's user asks: refused at once (nothing journaled) when the role
    /// does not allow it or the journal cannot take it; otherwise the action event (a unique id,
    /// who, role, console, the target's version as this console sees it) is appended to the
    /// journal — durable before anything shows it done — then applied by the store's reducer,
    /// which accepts it or rejects it with a reason (the target changed meanwhile, the unit was
    /// taken).
    ///
    /// `actor` acts instead of the console's user: Pantau itself (``ConsoleIdentity/system(console:)``)
    /// for what a rule does on its own.
    @discardableResult
    public func submit(_ request: ActionRequest, as actor: ConsoleIdentity? = nil) -> SubmissionResult {
        if let rewound { return .refused(reason: dashboard.rewindRefusal(rewound.time)) }
        let identity = actor ?? identity
        guard identity.role.may(request.verb) else {
            return .refused(reason: "\(request.verb.rawValue) needs the \(request.verb.requiredRole.rawValue) role")
        }
        let wall = Instant(date: Date())
        actionCounter += 1
        // A call's new incident is named by the console (unique as action ids are).
        let target = request.verb == .create && request.target.isEmpty
            ? "CALL-\(identity.console)-\(wall.millis)-\(actionCounter)" : request.target
        // So is the incident made from an alarm.
        var fields = request.fields
        if request.verb == .incidentFromAlarm, fields.incident == nil {
            fields.incident = "ALARM-\(identity.console)-\(wall.millis)-\(actionCounter)"
        }
        let action = ActionEvent(
            actionID: "\(identity.console)-\(wall.millis)-\(actionCounter)", verb: request.verb,
            target: target, by: identity.user, role: identity.role, console: identity.console,
            seenVersion: request.seenVersion ?? seenVersion(of: request.verb, target: target), fields: fields)
        // The action happens at "now" as this console shows it: the replay clock in a replay.
        if followsJournal { return submitFollowing(action, at: dashboard.now ?? wall, wall: wall) }
        let event = FeedEvent(time: dashboard.now ?? wall, payload: .action(action))
        if let error = appendToJournal([event], at: [event.time], wall: wall) {
            return .refused(reason: Self.refusalReason(error))
        }
        state.apply(event)
        dashboard.activity.record(event)
        dashboard.observe(state)
        checkpointIfDue()
        if let reason = state.actionOutcomes[action.actionID]?.reason {
            return .rejected(actionID: action.actionID, reason: reason)
        }
        return .accepted(actionID: action.actionID)
    }

    /// The version of the target as this console shows it (nil: a unit, or an
    /// incident to create).
    private func seenVersion(of verb: ActionVerb, target: String) -> Int? {
        switch verb.targetKind {
        case .incident: return verb == .create ? nil : state.incidents[target]?.version
        case .ticket: return state.tickets[target]?.version
        case .unit, .alarm: return nil
        }
    }
}
