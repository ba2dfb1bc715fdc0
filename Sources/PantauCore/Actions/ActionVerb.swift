/// What a person at a console did (feed-format `verb` of a `kind: action` event).
///
/// Incident verbs target an incident id; ticket verbs (`ticket_*`) a ticket id; `unit_status` a
/// unit id; `create` names the id of the incident it creates. Alarm verbs (`*_alarm`) target an
/// alarm id; `incident_from_alarm` names the incident it creates in its `incident` field.
public enum ActionVerb: String, CaseIterable, Codable, Sendable {
    // Incidents
    case create, acknowledge, dispatch, escalate, deescalate, note, resolve, close, reopen, merge
    // Units
    case unitStatus = "unit_status"
    // Tickets
    case ticketVerify = "ticket_verify"
    case ticketRoute = "ticket_route"
    case ticketNote = "ticket_note"
    case ticketResolve = "ticket_resolve"
    case ticketReject = "ticket_reject"
    // Alarms
    case acknowledgeAlarm = "acknowledge_alarm"
    case noteAlarm = "note_alarm"
    case incidentFromAlarm = "incident_from_alarm"

    /// The least role allowed to do it.
    public var requiredRole: Role {
        switch self {
        case .create, .acknowledge, .note, .unitStatus, .ticketVerify, .ticketNote,
             .acknowledgeAlarm, .noteAlarm: return .operator
        case .dispatch, .escalate, .deescalate, .resolve, .close, .reopen, .merge,
             .ticketRoute, .ticketResolve, .ticketReject, .incidentFromAlarm: return .supervisor
        }
    }

    /// What the target id names.
    public var targetKind: ActionTargetKind {
        switch self {
        case .unitStatus: return .unit
        case .ticketVerify, .ticketRoute, .ticketNote, .ticketResolve, .ticketReject: return .ticket
        case .acknowledgeAlarm, .noteAlarm, .incidentFromAlarm: return .alarm
        default: return .incident
        }
    }
}

/// What an action's `target` names.
public enum ActionTargetKind: String, Codable, Sendable {
    case incident, ticket, unit, alarm
}
