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

    public init(verb: ActionVerb, target: String, fields: ActionFields = ActionFields()) {
        self.verb = verb
        self.target = target
        self.fields = fields
    }
}
