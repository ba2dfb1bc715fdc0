/// One step of the response an incident's timers measure, from its report.
public enum ResponseStep: String, CaseIterable, Sendable, Codable {
    case acknowledge, dispatch
    case onScene = "on_scene"
}

/// One step's timer on one incident: how long it took (or has taken so far) against its target.
public struct ResponseTimer: Sendable, Equatable {
    public var step: ResponseStep
    /// The target in seconds from the report, if there is one for the incident's severity.
    public var target: Double?
    /// When the step was done, if it was.
    public var doneAt: Instant?
    /// Seconds from the report to `doneAt`, or to now while it is not done.
    public var elapsed: Double
    /// Whether the timer still runs (not done, and the incident is open).
    public var running: Bool

    /// Seconds left before the target (negative once past it); nil with no target.
    public var remaining: Double? { target.map { $0 - elapsed } }

    /// Whether the target was missed: passed while running, or the step was done late.
    public var missed: Bool {
        guard let target, running || doneAt != nil else { return false }
        return elapsed > target
    }
}

extension Incident {
    /// Stamps the response times its open status has reached and not yet stamped (a feed may
    /// move the status as an action does; a step skipped on the way to resolved stays unstamped),
    /// and keeps `resolvedAt` to when it last finished (nil while open).
    mutating func stampResponseTimes(at t: Instant) {
        if status.isOpen {
            if status >= .acknowledged, acknowledgedAt == nil { acknowledgedAt = t }
            if status >= .dispatched, dispatchedAt == nil { dispatchedAt = t }
            if status >= .onScene, onSceneAt == nil { onSceneAt = t }
            if resolvedAt != nil { resolvedAt = nil }
        } else if resolvedAt == nil {
            resolvedAt = t
        }
    }

    /// When `step` was done, if it was.
    public func doneAt(_ step: ResponseStep) -> Instant? {
        switch step {
        case .acknowledge: return acknowledgedAt
        case .dispatch: return dispatchedAt
        case .onScene: return onSceneAt
        }
    }

    /// The timer of `step` at `now` against `targets` (for its severity). A step not done
    /// stops counting when the incident is resolved or closed (it no longer applies).
    public func timer(_ step: ResponseStep, now: Instant, targets: ResponseTargets) -> ResponseTimer {
        let forSeverity = targets.targets(severity: severity)
        let target: Double?
        switch step {
        case .acknowledge: target = forSeverity.acknowledge
        case .dispatch: target = forSeverity.dispatch
        case .onScene: target = forSeverity.onScene
        }
        let done = doneAt(step)
        let end = done ?? (status.isOpen ? now : resolvedAt ?? now)
        return ResponseTimer(step: step, target: target, doneAt: done, elapsed: max(0, end.seconds(since: reportedAt)),
                             running: done == nil && status.isOpen)
    }

    /// The three timers, in response order.
    public func timers(now: Instant, targets: ResponseTargets) -> [ResponseTimer] {
        ResponseStep.allCases.map { timer($0, now: now, targets: targets) }
    }

    /// The steps whose target is missed at `now` (running past it, or done late).
    public func missedTargets(now: Instant, targets: ResponseTargets) -> [ResponseStep] {
        timers(now: now, targets: targets).filter(\.missed).map(\.step)
    }
}

extension CityState {
    /// Open incidents with at least one missed response target at `now`: the incidents pane
    /// title's count.
    public func missedTargetCount(now: Instant, targets: ResponseTargets) -> Int {
        openIncidentIDs.reduce(0) { n, id in
            guard let inc = incidents[id] else { return n }
            return n + (inc.missedTargets(now: now, targets: targets).isEmpty ? 0 : 1)
        }
    }
}
