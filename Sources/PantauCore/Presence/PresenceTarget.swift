/// What a console has open, as presence names it: an incident, a ticket or an alarm, by id.
public struct PresenceTarget: Hashable, Codable, Sendable {
    public var kind: ActionTargetKind
    public var id: String

    public init(_ kind: ActionTargetKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public static func incident(_ id: String) -> PresenceTarget { PresenceTarget(.incident, id) }
    public static func ticket(_ id: String) -> PresenceTarget { PresenceTarget(.ticket, id) }
    public static func alarm(_ id: String) -> PresenceTarget { PresenceTarget(.alarm, id) }
}

/// What this console has open and is doing on it: the value a console publishes as its
/// presence (nil: nothing open).
public struct PresenceFocus: Hashable, Sendable {
    public var target: PresenceTarget
    public var activity: PresenceActivity

    public init(target: PresenceTarget, activity: PresenceActivity) {
        self.target = target
        self.activity = activity
    }
}
