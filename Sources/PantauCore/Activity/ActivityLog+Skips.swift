extension ActivityLog {
    /// Notes each source that has skipped bad input for a reason it had not skipped before,
    /// e.g. `skipped 3: invalid_json 3 (line 4)`: the first skip and every new reason get a
    /// line; more of the same is counted in the sources overlay, not repeated here. Ignored
    /// records (deliberately not mapped) are not news and get no line. A source's first
    /// repaired payload (and each new kind of repair) gets a line too, e.g.
    /// `repaired payloads: invalid_utf8 1`: its records were used, but the sender's data is off.
    public mutating func noteSkips(from old: [SourceHealth], to new: [SourceHealth], at time: Instant) {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for h in new where !h.repairedReasons.isEmpty {
            let known = before[h.name].map { Set($0.repairedReasons.keys) } ?? []
            guard !Set(h.repairedReasons.keys).isSubset(of: known) else { continue }
            system("repaired payloads: \(SourceHealth.reasonList(h.repairedReasons))", subject: h.name, tone: .warning, at: time)
        }
        for h in new where h.skipped > (before[h.name]?.skipped ?? 0) {
            let known = before[h.name].map { Set($0.skipReasons.keys) } ?? []
            guard !Set(h.skipReasons.keys).isSubset(of: known) else { continue }
            var reasons = h
            reasons.ignoredReasons = [:]
            reasons.repairedReasons = [:]
            system("skipped \(h.skipped): \(reasons.skipSummary)", subject: h.name, tone: .warning, at: time)
        }
    }
}
