/// What a user may do at a console (from the users roster; a user not in it is a viewer).
public enum Role: String, CaseIterable, Codable, Comparable, Sendable {
    /// A wallboard: sees everything an operator sees, acts on nothing.
    case viewer
    /// Acknowledges, notes, creates incidents from calls, sets unit status, verifies tickets.
    case `operator`
    /// Everything an operator does, and dispatches, escalates, resolves, closes, reopens, merges, routes.
    case supervisor

    private var rank: Int {
        switch self {
        case .viewer: return 0
        case .operator: return 1
        case .supervisor: return 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    /// Whether this role may do `verb`.
    public func may(_ verb: ActionVerb) -> Bool { self >= verb.requiredRole }
}
