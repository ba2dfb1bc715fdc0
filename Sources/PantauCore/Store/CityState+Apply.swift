extension CityState {
    /// Applies one event: creates or merges the record it names, appends to timelines, and
    /// advances the clock. Deterministic: the event's own time is the only time used.
    public mutating func apply(_ event: FeedEvent) {
        let t = event.time
        if clock == nil || t > clock! { clock = t }
        if startedAt == nil { startedAt = t }
        eventCount += 1
        switch event.payload {
        case .traffic(let u): applyTraffic(u, at: t)
        case .incident(let u): applyIncident(u, at: t, source: event.source)
        case .sensor(let r): applySensor(r, at: t)
        case .ticket(let u): applyTicket(u, at: t)
        }
        if let next = nextSweep, let now = clock, now < next { return }
        sweep()
    }

    /// Applies events in order.
    public mutating func apply<S: Sequence>(_ events: S) where S.Element == FeedEvent {
        for e in events { apply(e) }
    }

    private mutating func applyTraffic(_ u: TrafficUpdate, at t: Instant) {
        var s = segments[u.segment] ?? TrafficSegment(id: u.segment, road: u.road, jamLevel: 0, updatedAt: t)
        s.road = u.road
        if let d = u.place.district { s.district = d }
        if let l = u.place.location { s.location = l }
        if let v = u.speedKmh { s.speedKmh = v }
        if let v = u.freeFlowKmh { s.freeFlowKmh = v }
        if let v = u.jamLevel { s.jamLevel = v }
        if let v = u.delaySeconds { s.delaySeconds = v }
        if let v = u.lengthMeters { s.lengthMeters = v }
        s.updatedAt = t
        segments[u.segment] = s
    }

    private mutating func applyIncident(_ u: IncidentUpdate, at t: Instant, source: String?) {
        var inc: Incident
        if let existing = incidents[u.id] {
            inc = existing
        } else {
            incidentSequence += 1
            inc = Incident(id: u.id, category: u.category ?? .other, severity: u.severity ?? 1,
                           title: u.title ?? u.id, status: u.status ?? .new, reportedAt: t,
                           sequence: incidentSequence)
            inc.source = source
            inc.timeline.append(TimelineEntry(time: t, change: .created))
        }
        func log(_ change: TimelineEntry.Change) {
            let entry = TimelineEntry(time: t, change: change)
            if !inc.timeline.contains(entry) { inc.timeline.append(entry) }
        }
        if let c = u.category { inc.category = c }
        if let title = u.title { inc.title = title }
        if let s = u.severity, s != inc.severity {
            inc.severity = s
            log(.severity(s))
        }
        if let s = u.status, s != inc.status {
            if inc.status.canMove(to: s) {
                inc.status = s
                inc.statusChangedAt = t
                log(.status(s.rawValue))
            } else {
                refusedTransitions += 1
            }
        }
        if let v = u.unit, v != inc.unit {
            inc.unit = v
            log(.unit(v))
        }
        if let v = u.place.district { inc.district = v }
        if let v = u.place.address { inc.address = v }
        if let v = u.place.location { inc.location = v }
        if let v = u.agency { inc.agency = v }
        if let v = u.channel { inc.channel = v }
        if let n = u.note { log(.note(n)) }
        inc.updatedAt = max(inc.updatedAt, t)
        if inc.status.isOpen { openIncidentIDs.insert(inc.id) } else { openIncidentIDs.remove(inc.id) }
        incidents[u.id] = inc
    }

    private mutating func applySensor(_ r: SensorReading, at t: Instant) {
        var key = r.station
        if let existing = stations[key], existing.kind != r.sensor { key = r.station + "/" + r.sensor.name }
        if var s = stations[key] {
            s.value = r.value
            s.updatedAt = t
            if let n = r.name { s.name = n }
            if let u = r.unit { s.unit = u }
            if let d = r.place.district { s.district = d }
            if let l = r.place.location { s.location = l }
            s.history.append(r.value)
            stations[key] = s
        } else {
            var s = SensorStation(key: key, stationID: r.station, kind: r.sensor, name: r.name ?? r.station,
                                  unit: r.unit ?? r.sensor.defaultUnit, value: r.value, updatedAt: t)
            s.district = r.place.district
            s.location = r.place.location
            s.history.append(r.value)
            stations[key] = s
        }
    }

    private mutating func applyTicket(_ u: TicketUpdate, at t: Instant) {
        var ticket: Ticket
        let oldAgency: String?
        let wasOpen: Bool
        if let existing = tickets[u.id] {
            ticket = existing
            oldAgency = existing.agency
            wasOpen = existing.status.isOpen
        } else {
            ticket = Ticket(id: u.id, category: u.category ?? "-", title: u.title ?? u.id,
                            agency: u.agency ?? "(unrouted)", status: u.status ?? .open,
                            created: u.created ?? t, updatedAt: t)
            ticket.timeline.append(TimelineEntry(time: u.created ?? t, change: .created))
            oldAgency = nil
            wasOpen = false
        }
        func log(_ change: TimelineEntry.Change) {
            let entry = TimelineEntry(time: t, change: change)
            if !ticket.timeline.contains(entry) { ticket.timeline.append(entry) }
        }
        if let v = u.category { ticket.category = v }
        if let v = u.title { ticket.title = v }
        if let v = u.agency { ticket.agency = v }
        if let v = u.channel { ticket.channel = v }
        if let v = u.created { ticket.created = v }
        if let v = u.slaHours { ticket.slaHours = v }
        if let s = u.status, s != ticket.status {
            ticket.status = s
            log(.status(s.rawValue))
        }
        if let v = u.place.district { ticket.district = v }
        if let v = u.place.address { ticket.address = v }
        if let v = u.place.location { ticket.location = v }
        if let n = u.note { log(.note(n)) }
        ticket.updatedAt = max(ticket.updatedAt, t)
        tickets[u.id] = ticket

        agencies.insert(ticket.agency)
        if wasOpen, let old = oldAgency { openTicketsByAgency[old]?.remove(ticket.id) }
        if ticket.status.isOpen { openTicketsByAgency[ticket.agency, default: []].insert(ticket.id) }
    }

    /// Lets go of incidents and tickets that have been finished for longer than the retention,
    /// so a long-running console keeps bounded memory. Runs at most once per feed hour.
    private mutating func sweep() {
        guard let now = clock else { return }
        nextSweep = now.adding(seconds: 3600)
        let horizon = now.adding(seconds: -retentionSeconds)
        let staleIncidents = incidents.values.filter { !$0.status.isOpen && $0.updatedAt < horizon }.map(\.id)
        for id in staleIncidents { incidents[id] = nil }
        let staleTickets = tickets.values.filter { !$0.status.isOpen && $0.updatedAt < horizon }.map(\.id)
        for id in staleTickets { tickets[id] = nil }
        evictedCount += staleIncidents.count + staleTickets.count
    }
}
