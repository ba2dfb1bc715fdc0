import PantauCore

/// Events for state tests, at minutes after 08:00 WIB on 2026-11-23.
protocol StateEventFactory {}

extension StateEventFactory {
    var t0: Instant { RFC3339.parse("2026-11-23T08:00:00+07:00")! }

    func at(_ minutes: Double) -> Instant { t0.adding(seconds: minutes * 60) }

    func incident(_ id: String, _ minutes: Double, _ build: (inout IncidentUpdate) -> Void) -> FeedEvent {
        var u = IncidentUpdate(id: id)
        build(&u)
        return FeedEvent(time: at(minutes), source: "test", payload: .incident(u))
    }

    func ticket(_ id: String, _ minutes: Double, _ build: (inout TicketUpdate) -> Void) -> FeedEvent {
        var u = TicketUpdate(id: id)
        build(&u)
        return FeedEvent(time: at(minutes), payload: .ticket(u))
    }
}

extension StateEventFactory {
    /// A `kind: action` event: `verb` on `target` by `by` (a supervisor unless told).
    func action(_ actionID: String, _ verb: ActionVerb, _ target: String, _ minutes: Double, by: String = "budi",
                role: Role = .supervisor, seen: Int? = nil, _ build: (inout ActionFields) -> Void = { _ in }) -> FeedEvent {
        var f = ActionFields()
        build(&f)
        return FeedEvent(time: at(minutes), payload: .action(ActionEvent(
            actionID: actionID, verb: verb, target: target, by: by, role: role, console: "desk-1",
            seenVersion: seen, fields: f)))
    }
}
