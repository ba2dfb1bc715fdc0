/// What a console is doing on the thing it has open: looking at it, or one of the desk's forms
/// on it (a note, a dispatch, a resolve …). Shown to the other consoles ("budi is writing a
/// note"); travels between them by its ``rawValue``.
public enum PresenceActivity: String, CaseIterable, Codable, Sendable {
    case viewing
    case writingNote = "writing_note"
    case dispatching
    case acknowledging
    case updatingUnit = "updating_unit"
    case escalating
    case resolving
    case closing
    case reopening
    case merging
    case verifying
    case routing
    case rejecting
    case creatingIncident = "creating_incident"

    /// The form a desk verb opens on its target.
    public init(verb: ActionVerb) {
        switch verb {
        case .note, .ticketNote, .noteAlarm: self = .writingNote
        case .dispatch: self = .dispatching
        case .acknowledge, .acknowledgeAlarm: self = .acknowledging
        case .unitStatus: self = .updatingUnit
        case .escalate, .deescalate: self = .escalating
        case .resolve, .ticketResolve: self = .resolving
        case .close: self = .closing
        case .reopen: self = .reopening
        case .merge: self = .merging
        case .ticketVerify: self = .verifying
        case .ticketRoute: self = .routing
        case .ticketReject: self = .rejecting
        case .create, .incidentFromAlarm: self = .creatingIncident
        }
    }

    /// The words after a name: `is writing a note`, `is looking`.
    public var phrase: String {
        switch self {
        case .viewing: return "is looking"
        case .writingNote: return "is writing a note"
        case .dispatching: return "is dispatching"
        case .acknowledging: return "is acknowledging"
        case .updatingUnit: return "is updating a unit"
        case .escalating: return "is changing the severity"
        case .resolving: return "is resolving"
        case .closing: return "is closing"
        case .reopening: return "is reopening"
        case .merging: return "is merging"
        case .verifying: return "is verifying"
        case .routing: return "is routing"
        case .rejecting: return "is rejecting"
        case .creatingIncident: return "is making an incident"
        }
    }
}
