/// What the panes ask of the state. Each query looks only at what it needs (open records are
/// indexed) and returns at most `limit` rows, so building a frame stays cheap however big the
/// city gets. Queries that depend on time (overdue) take "now" from the caller (the wall clock
/// live, the replay clock in a replay, the `--at` time of a snapshot): never from the newest
/// event, which a quiet feed holds back and a clock running ahead pushes forward.
extension CityState {
    /// Segments worst first: jam level, then delay, then id. Given `now`, the segments stale
    /// at `now` come after every current one (in the same order among themselves).
    public func worstSegments(limit: Int, now: Instant? = nil, where predicate: ((TrafficSegment) -> Bool)? = nil) -> [TrafficSegment] {
        let candidates = predicate.map { p in segments.values.filter(p) } ?? Array(segments.values)
        let limits = staleLimits
        return candidates.smallest(limit) { a, b in
            if let now {
                let staleA = limits.staleAge(of: a, now: now) != nil, staleB = limits.staleAge(of: b, now: now) != nil
                if staleA != staleB { return staleB }
            }
            if a.jamLevel != b.jamLevel { return a.jamLevel > b.jamLevel }
            let da = a.delaySeconds ?? 0, db = b.delaySeconds ?? 0
            if da != db { return da > db }
            return a.id < b.id
        }
    }

    /// Open incidents, most severe first, then oldest first: `limit` of them from `offset`.
    /// The order is kept sorted as events arrive, so this costs only the rows asked for.
    public func openIncidents(limit: Int, offset: Int = 0) -> [Incident] {
        let keys = dispatchOrder.elements
        guard offset < keys.count, limit > 0 else { return [] }
        return keys[offset..<min(keys.count, offset + limit)].compactMap { incidents[$0.id] }
    }

    /// The number of open incidents.
    public var openIncidentCount: Int { dispatchOrder.count }

    /// Where each open incident is in `incidents`, in dispatch order: `limit` of them from
    /// `offset`. A view that searches or sorts every open incident reads them in place through
    /// these (`incidents.values[i]`) instead of copying each record.
    public func openIncidentIndices(limit: Int? = nil, offset: Int = 0) -> [Dictionary<String, Incident>.Index] {
        let keys = dispatchOrder.elements
        guard offset < keys.count else { return [] }
        let end = limit.map { min(keys.count, offset + max(0, $0)) } ?? keys.count
        return keys[offset..<end].compactMap { incidents.index(forKey: $0.id) }
    }

    /// Open incidents that satisfy `predicate`, in dispatch order: `limit` of them from `offset`.
    public func openIncidents(limit: Int, offset: Int = 0, where predicate: (Incident) -> Bool) -> [Incident] {
        var out: [Incident] = []
        var skipped = 0
        for key in dispatchOrder.elements {
            guard out.count < limit else { break }
            guard let inc = incidents[key.id], predicate(inc) else { continue }
            if skipped < offset { skipped += 1 } else { out.append(inc) }
        }
        return out
    }

    /// How many open incidents satisfy `predicate`.
    public func openIncidentCount(where predicate: (Incident) -> Bool) -> Int {
        dispatchOrder.elements.reduce(0) { n, key in n + (incidents[key.id].map(predicate) == true ? 1 : 0) }
    }

    /// The dispatch console's order: severity descending, then report time ascending, then id.
    public static func dispatchOrder(_ a: Incident, _ b: Incident) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.reportedAt != b.reportedAt { return a.reportedAt < b.reportedAt }
        return a.id < b.id
    }

    /// Open incidents counted by severity (index 1…5).
    public func openIncidentCountsBySeverity() -> [Int] { openCountsBySeverity }

    /// Sensor channels, most alarming band first, then by kind and name: `limit` from `offset`.
    public func stationsByConcern(rules: BandRules, limit: Int, offset: Int = 0,
                                  where predicate: ((SensorStation) -> Bool)? = nil) -> [SensorStation] {
        // Rank small keys, then copy only the stations shown.
        struct Rank { var tone: BandTone; var kind: SensorKind; var name: String; var index: [RecordKey: SensorStation].Index }
        var ranks: [Rank] = []
        ranks.reserveCapacity(stations.count)
        var i = stations.startIndex
        while i != stations.endIndex {
            let s = stations.values[i]
            if let predicate, !predicate(s) {
                i = stations.index(after: i)
                continue
            }
            ranks.append(Rank(tone: rules.band(of: s)?.tone ?? .neutral,
                              kind: s.kind, name: s.name, index: i))
            i = stations.index(after: i)
        }
        let top = ranks.smallest(offset + limit) { a, b in
            if a.tone != b.tone { return a.tone > b.tone }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.name < b.name
        }
        return top.dropFirst(offset).map { stations.values[$0.index] }
    }

    /// How many sensor channels are at `tone` or worse.
    public func stationCount(atLeast tone: BandTone, rules: BandRules) -> Int {
        var n = 0
        for s in stations.values where (rules.band(of: s)?.tone ?? .neutral) >= tone {
            n += 1
        }
        return n
    }

    /// Each office's queue at `now`, most overdue first, then most open, then by name.
    public func agencyQueues(at now: Instant) -> [AgencyQueue] {
        agencies.map { agency in
            var open = 0, overdue = 0
            var oldest: Instant?
            for t in (openTicketsByAgency[agency] ?? [:]).values {
                open += 1
                if t.isOverdue(at: now) { overdue += 1 }
                if oldest == nil || t.created < oldest! { oldest = t.created }
            }
            return AgencyQueue(agency: agency, open: open, overdue: overdue, oldestCreated: oldest)
        }.sorted { a, b in
            if a.overdue != b.overdue { return a.overdue > b.overdue }
            if a.open != b.open { return a.open > b.open }
            return a.agency < b.agency
        }
    }

    /// One office's open tickets: overdue at `now` first, then oldest first.
    public func openTickets(agency: String, limit: Int, at now: Instant) -> [Ticket] {
        let top = (openTicketsByAgency[agency] ?? [:]).values.smallest(limit) { a, b in
            let oa = a.isOverdue(at: now), ob = b.isOverdue(at: now)
            if oa != ob { return oa }
            if a.created != b.created { return a.created < b.created }
            return a.id < b.id
        }
        return top.compactMap { tickets[$0.id] }
    }

    /// Total open tickets, and those overdue at `now`.
    public func ticketTotals(at now: Instant) -> (open: Int, overdue: Int) {
        var open = 0, overdue = 0
        for queue in openTicketsByAgency.values {
            open += queue.count
            for t in queue.values where t.isOverdue(at: now) { overdue += 1 }
        }
        return (open, overdue)
    }

    /// Sensors, traffic segments, open tickets and other open incidents within `radius` metres
    /// of `point`, nearest first.
    public func nearby(_ point: GeoPoint, radius: Double = 2000, excludingIncident: String? = nil) -> [NearbyItem] {
        var items: [NearbyItem] = []
        func consider(_ location: GeoPoint?, _ thing: @autoclosure () -> NearbyItem.Thing) {
            guard let l = location else { return }
            let d = point.distance(to: l)
            if d <= radius { items.append(NearbyItem(thing: thing(), meters: d)) }
        }
        for s in stations.values { consider(s.location, .station(s)) }
        for s in segments.values { consider(s.location, .segment(s)) }
        for queue in openTicketsByAgency.values {
            for id in queue.keys { if let t = tickets[id] { consider(t.location, .ticket(t)) } }
        }
        for id in openIncidentIDs where id != excludingIncident {
            if let i = incidents[id] { consider(i.location, .incident(i)) }
        }
        return items.sorted { $0.meters != $1.meters ? $0.meters < $1.meters : $0.tieBreak < $1.tieBreak }
    }
}
