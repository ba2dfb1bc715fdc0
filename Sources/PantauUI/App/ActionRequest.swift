import PantauCore

/// What a desk key asks for once the dashboard has gathered what the verb needs (a unit, a
/// disposition, a note, a confirmation): the verb, its target and its fields. The dashboard never
/// builds the ``ActionEvent`` itself: the session adds who, role, console, time, a unique
/// action id and the target's version as the console saw it, journals it and applies it.
public struct ActionRequest: Equatable, Sendable {
    public var verb: ActionVerb
    /// The incident, ticket or unit id (see ``ActionVerb/targetKind``). For `create`, empty:
    /// the session names the new incident.
    public var target: String
    public var fields: ActionFields
    /// The incident's version when its first dialog opened (the one the user decided on), or
    /// nil for an action with no dialog: the session then takes the version it shows at submit.
    /// A console following a shared journal applies others' actions while a dialog is open, so
    /// a dispatch chosen on what the user saw is rejected if the incident changed meanwhile.
    public var seenVersion: Int?

    public init(verb: ActionVerb, target: String, fields: ActionFields = ActionFields(), seenVersion: Int? = nil) {
        self.verb = verb
        self.target = target
        self.fields = fields
        self.seenVersion = seenVersion
    }
}
