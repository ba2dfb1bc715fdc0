/// What is current and what is stale at a given "now" (see ``StaleLimits``): the counts the
/// panes show leave stale data out and say how much of it there is.
extension CityState {
    /// Seconds `segment` has gone unrefreshed past its limit at `now`; nil when current.
    public func staleAge(of segment: TrafficSegment, now: Instant) -> Double? {
        staleLimits.staleAge(of: segment, now: now)
    }

    /// Seconds since `station`'s latest reading when past its limit at `now`; nil when current.
    public func staleAge(of station: SensorStation, now: Instant) -> Double? {
        staleLimits.staleAge(of: station, now: now)
    }

    /// Current segments at jam level 3 or worse, and stale segments, among those `predicate`
    /// keeps (all when nil), at `now`.
    public func segmentCounts(now: Instant, where predicate: ((TrafficSegment) -> Bool)? = nil) -> (jammed: Int, stale: Int) {
        var jammed = 0, stale = 0
        for s in segments.values where predicate?(s) ?? true {
            if staleLimits.staleAge(of: s, now: now) != nil {
                stale += 1
            } else if s.jamLevel >= 3 {
                jammed += 1
            }
        }
        return (jammed, stale)
    }

    /// Current sensor channels at `tone` or worse, and stale channels, among those `predicate`
    /// keeps (all when nil), at `now`.
    public func stationCounts(atLeast tone: BandTone, rules: BandRules, now: Instant,
                              where predicate: ((SensorStation) -> Bool)? = nil) -> (alarming: Int, stale: Int) {
        var alarming = 0, stale = 0
        for s in stations.values where predicate?(s) ?? true {
            if staleLimits.staleAge(of: s, now: now) != nil {
                stale += 1
            } else if (rules.band(of: s)?.tone ?? .neutral) >= tone {
                alarming += 1
            }
        }
        return (alarming, stale)
    }
}
