/// Where an incident is in its lifecycle: new → acknowledged → dispatched → on_scene → resolved → closed.
public enum IncidentStatus: String, CaseIterable, Comparable, Sendable, Codable {
    case new, acknowledged, dispatched
    case onScene = "on_scene"
    case resolved, closed

    var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// Whether the incident still needs attention (not resolved or closed).
    public var isOpen: Bool { self < .resolved }

    /// Whether moving from `self` to `next` is allowed: forward (skipping is fine), staying, or
    /// back to `acknowledged` (a re-opened incident).
    public func canMove(to next: Self) -> Bool { next >= self || next == .acknowledged }
}
