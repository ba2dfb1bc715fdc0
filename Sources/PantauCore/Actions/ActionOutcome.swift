/// What became of an applied action: accepted, or rejected with a reason the actor is shown
/// (`DMK-02 is on INC-3`). Kept by action id (``CityState/actionOutcomes``), so an action
/// applied twice is recognised and changes nothing the second time.
public enum ActionOutcome: Sendable, Equatable, Codable {
    case accepted
    case rejected(reason: String)

    public var isAccepted: Bool { self == .accepted }

    /// The reason, when rejected.
    public var reason: String? {
        if case .rejected(let r) = self { return r }
        return nil
    }
}
