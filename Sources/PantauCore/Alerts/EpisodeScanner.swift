/// Finds the raises and clears due in a watched value's recent history, as a rule with a
/// raise level, a lower clear level and a minimum duration sees them.
///
/// The value is a step function of time (it holds from one point to the next). An episode
/// starts at the first point at or past the raise level after the last clear; it raises at
/// start + minimum duration, provided no point before then fell below the raise level and that
/// moment is not after `now`; it clears at the first point below the clear level. Only points at
/// or before `now` count. Pure: the same points, alarm and `now` give the same transitions,
/// however often it has run before (each transition carries its own time).
struct EpisodeScanner {
    var raiseLevel: Double
    var clearLevel: Double
    var minDuration: Double

    /// A transition found: raised (with its episode's start) or cleared, at `time`, the value then.
    struct Found: Equatable {
        var transition: AlarmTransition
        var time: Instant
        var value: Double
        var episodeStart: Instant
    }

    /// The transitions due by `now` over `points` (in time order): `activeSince` is the raise
    /// time of the subject's active alarm, if one is; `lastClear` when its last alarm cleared.
    func scan(_ points: [(time: Instant, value: Double)], now: Instant, activeSince: Instant?,
              activeStart: Instant? = nil, lastClear: Instant?) -> [Found] {
        var found: [Found] = []
        var active = activeSince
        var episodeStart = activeStart ?? activeSince
        var idleAfter = lastClear
        var pendingStart: Instant?
        var pendingValue = 0.0

        func raise(_ start: Instant) {
            let at = start.adding(seconds: minDuration)
            found.append(Found(transition: .raised, time: at, value: pendingValue, episodeStart: start))
            active = at
            episodeStart = start
            pendingStart = nil
        }

        for p in points where p.time <= now {
            if active == nil, let s = pendingStart, s.adding(seconds: minDuration) <= p.time { raise(s) }
            if let since = active {
                if p.time >= since, p.value < clearLevel {
                    found.append(Found(transition: .cleared, time: p.time, value: p.value, episodeStart: episodeStart ?? since))
                    active = nil
                    idleAfter = p.time
                }
                continue
            }
            if let after = idleAfter, p.time <= after { continue }
            if p.value >= raiseLevel {
                if pendingStart == nil { pendingStart = p.time }
                pendingValue = p.value
            } else {
                pendingStart = nil
            }
        }
        if active == nil, let s = pendingStart, s.adding(seconds: minDuration) <= now { raise(s) }
        return found
    }
}
