/// How fast an incident should be acknowledged, dispatched and reached, per severity (1…5), in
/// seconds: an incident past a target is highlighted and counted as missed.
public struct ResponseTargets: Sendable, Equatable, Codable {
    /// One severity's targets; nil means no target for that step.
    public struct Targets: Sendable, Equatable, Codable {
        public var acknowledge: Double?
        public var dispatch: Double?
        public var onScene: Double?

        public init(acknowledge: Double?, dispatch: Double?, onScene: Double?) {
            self.acknowledge = acknowledge
            self.dispatch = dispatch
            self.onScene = onScene
        }
    }

    /// Index 1…5 (index 0 unused).
    public var bySeverity: [Targets]

    public init(bySeverity: [Targets]) { self.bySeverity = bySeverity }

    /// The targets for `severity` (clamped to 1…5).
    public func targets(severity: Int) -> Targets {
        let i = min(5, max(1, severity))
        return i < bySeverity.count ? bySeverity[i] : Targets(acknowledge: nil, dispatch: nil, onScene: nil)
    }

    /// The defaults: severity 5 acknowledged within 1 min, dispatched within 3, on scene within 15;
    /// looser as severity falls.
    public static let standard = ResponseTargets(bySeverity: [
        Targets(acknowledge: nil, dispatch: nil, onScene: nil),
        Targets(acknowledge: 30 * 60, dispatch: 120 * 60, onScene: nil),
        Targets(acknowledge: 15 * 60, dispatch: 60 * 60, onScene: 120 * 60),
        Targets(acknowledge: 5 * 60, dispatch: 15 * 60, onScene: 45 * 60),
        Targets(acknowledge: 2 * 60, dispatch: 5 * 60, onScene: 20 * 60),
        Targets(acknowledge: 60, dispatch: 3 * 60, onScene: 15 * 60),
    ])
}
