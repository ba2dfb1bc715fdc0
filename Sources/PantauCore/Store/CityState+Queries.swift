/// What the panes ask of the state. Each query looks only at what it needs (open records are
/// indexed) and returns at most `limit` rows, so building a frame stays cheap however big the
/// city gets.
extension CityState {
    /// Segments worst first: jam level, then delay, then id.
    public func worstSegments(limit: Int) -> [TrafficSegment] {
        segments.values.smallest(limit) { a, b in
            if a.jamLevel != b.jamLevel { return a.jamLevel > b.jamLevel }
            let da = a.delaySeconds ?? 0, db = b.delaySeconds ?? 0
            if da != db { return da > db }
            return a.id < b.id
        }
    }

    /// Open incidents, most severe first, then oldest first.
    public func openIncidents(limit: Int) -> [Incident] {
        openIncidentIDs.lazy.compactMap { incidents[$0] }.smallest(limit, by: Self.dispatchOrder)
    }

    /// The dispatch console's order: severity descending, then report time ascending, then id.
    public static func dispatchOrder(_ a: Incident, _ b: Incident) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.reportedAt != b.reportedAt { return a.reportedAt < b.reportedAt }
        return a.id < b.id
    }

    /// Open incidents counted by severity (index 1…5).
    public func openIncidentCountsBySeverity() -> [Int] {
        var counts = [Int](repeating: 0, count: 6)
        for id in openIncidentIDs { if let i = incidents[id] { counts[min(5, max(1, i.severity))] += 1 } }
        return counts
    }

    /// Sensor channels, most alarming band first, then by kind and name.
    public func stationsByConcern(rules: BandRules, limit: Int) -> [SensorStation] {
        let tones = stations.mapValues { rules.band(of: $0)?.tone ?? .neutral }
        return stations.values.smallest(limit) { a, b in
            let ta = tones[a.key]!, tb = tones[b.key]!
            if ta != tb { return ta > tb }
            if a.kind != b.kind { return a.kind < b.kind }
            return a.name < b.name
        }
    }

    /// Each office's queue, most overdue first, then most open, then by name.
    public func agencyQueues() -> [AgencyQueue] {
        let now = clock ?? Instant(millis: 0)
        return agencies.map { agency in
            var open = 0, overdue = 0
            var oldest: Instant?
            for id in openTicketsByAgency[agency] ?? [] {
                guard let t = tickets[id] else { continue }
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

    /// One office's open tickets: overdue first, then oldest first.
    public func openTickets(agency: String, limit: Int) -> [Ticket] {
        let now = clock ?? Instant(millis: 0)
        return (openTicketsByAgency[agency] ?? []).lazy.compactMap { tickets[$0] }.smallest(limit) { a, b in
            let oa = a.isOverdue(at: now), ob = b.isOverdue(at: now)
            if oa != ob { return oa }
            if a.created != b.created { return a.created < b.created }
            return a.id < b.id
        }
    }

    /// Total open and overdue tickets.
    public func ticketTotals() -> (open: Int, overdue: Int) {
        let now = clock ?? Instant(millis: 0)
        var open = 0, overdue = 0
        for ids in openTicketsByAgency.values {
            for id in ids {
                guard let t = tickets[id] else { continue }
                open += 1
                if t.isOverdue(at: now) { overdue += 1 }
            }
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
        for ids in openTicketsByAgency.values {
            for id in ids { if let t = tickets[id] { consider(t.location, .ticket(t)) } }
        }
        for id in openIncidentIDs where id != excludingIncident {
            if let i = incidents[id] { consider(i.location, .incident(i)) }
        }
        return items.sorted { $0.meters < $1.meters }
    }
}
