/// A `kind: action` event: one thing a person did at a console, journaled like any feed event
/// and applied by the same reducer (``CityState/apply(_:)``).
///
/// `actionID` is unique: applying the same action twice changes nothing. `seenVersion` is the
/// target's ``Incident/version`` (or ticket's) the actor saw; an action that no longer fits
/// (the incident was closed meanwhile, the unit was taken) is recorded as rejected with a reason.
public struct ActionEvent: Sendable, Equatable, Codable {
    /// Unique id of this action (`action_id`).
    public var actionID: String
    public var verb: ActionVerb
    /// The incident, ticket or unit id it acts on (see ``ActionVerb/targetKind``).
    public var target: String
    /// The user who did it (`by`).
    public var by: String
    /// The user's role when they did it.
    public var role: Role
    /// The console it was done from.
    public var console: String?
    /// The version of the target the actor saw (`seen_version`), if any.
    public var seenVersion: Int?
    /// The verb's own fields.
    public var fields: ActionFields

    public init(actionID: String, verb: ActionVerb, target: String, by: String, role: Role,
                console: String? = nil, seenVersion: Int? = nil, fields: ActionFields = ActionFields()) {
        self.actionID = actionID
        self.verb = verb
        self.target = target
        self.by = by
        self.role = role
        self.console = console
        self.seenVersion = seenVersion
        self.fields = fields
    }
}

/// The fields a verb carries (feed-format names in brackets); each verb reads only its own.
public struct ActionFields: Sendable, Equatable, Codable {
    /// `dispatch`: the unit sent (`unit`). `unit_status`: unused (the target is the unit).
    public var unit: String?
    /// `unit_status`: the unit's new state (`unit_status`).
    public var unitStatus: UnitStatus?
    /// `note`, `ticket_note`, and an optional remark on any verb (`note`).
    public var note: String?
    /// `resolve`, `ticket_resolve`, `ticket_reject`: the disposition code (`disposition`).
    public var disposition: String?
    /// `merge`: the incident the target duplicates (`duplicate_of`); the target closes.
    public var duplicateOf: String?
    /// `ticket_route`: the office it goes to (`agency`).
    public var agency: String?
    /// `escalate` / `deescalate`: the new severity (`severity`); else one step.
    /// `create`: its severity.
    public var severity: Int?
    /// `create`: what the call reports (`category`, `title`, `district`, `address`).
    public var category: IncidentCategory?
    public var title: String?
    public var district: String?
    public var address: String?
    /// `create`: the caller, personal data (`caller_name`, `caller_phone`): masked on screen for
    /// operators and viewers, never written to snapshots, recordings, logs or reports.
    public var callerName: String?
    public var callerPhone: String?
    /// `incident_from_alarm`: the id of the incident it creates (`incident`).
    public var incident: String?

    public init() {}
}
