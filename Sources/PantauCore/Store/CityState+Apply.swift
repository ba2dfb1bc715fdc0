extension CityState {
    /// Applies one event: creates or merges the record it names, appends to timelines, and
    /// advances ``clock`` (the latest event time). Deterministic: the event's own time is the
    /// only time used. Letting finished records go is ``sweep(asOf:)``'s job, driven by "now".
    public mutating func apply(_ event: FeedEvent) {
        // An action already applied (delivered twice, or replayed from the journal over a
        // checkpoint that holds it) changes nothing, not even the counts.
        if case .action(let a) = event.payload, actionOutcomes[a.actionID] != nil { return }
        let t = event.time
        if clock == nil || t > clock! { clock = t }
        if startedAt == nil { startedAt = t }
        eventCount += 1
        // A copy (or a cached version) shares this lineage: changing now must not leave two
        // different states with the same version.
        if !isKnownUniquelyReferenced(&lineage) { lineage = StateLineage() }
        // What the city's sources send (not actions, not alarms) counts for no-signal rules.
        if let source = event.source, event.payload.isFromTheCity { noteActivity(of: source, at: t) }
        switch event.payload {
        case .traffic(let u): applyTraffic(u, at: t, source: event.source)
        case .incident(let u): applyIncident(u, at: t, source: event.source)
        case .sensor(let r): applySensor(r, at: t, source: event.source)
        case .ticket(let u): applyTicket(u, at: t)
        case .action(let a): applyAction(a, at: t)
        case .alarm(let a): applyAlarm(a, at: t)
        }
    }

    /// Applies events in order.
    public mutating func apply<S: Sequence>(_ events: S) where S.Element == FeedEvent {
        for e in events { apply(e) }
    }

    /// Applies an event of a recording being played (a replay, a snapshot, the demo), where
    /// "now" is never behind the event: sweeps as of its time first (see ``sweep(asOf:)``),
    /// so replaying to T and rebuilding the state at T give the same state. Live events must
    /// not do this (one stamped ahead would let records go early): live sweeps at the wall clock.
    public mutating func applyPlayed(_ event: FeedEvent) {
        sweep(asOf: event.time)
        apply(event)
    }

    /// Notes that `source` sent an event at `t` (alert rules' no-signal), in place.
    private mutating func noteActivity(of source: String, at t: Instant) {
        if let i = Self.index(of: source, in: sourceActivity) {
            sourceActivity.values[i].note(t)
        } else {
            sourceActivity[source] = SourceActivity(lastAt: t)
        }
    }

    /// The index of `key` in `dictionary`: compared one by one among a few keys (a feed has a
    /// handful of sources; equal strings from the decoder's interner compare without hashing).
    private static func index<V>(of key: String, in dictionary: [String: V]) -> [String: V].Index? {
        guard dictionary.count <= 4 else { return dictionary.index(forKey: key) }
        var i = dictionary.startIndex
        while i != dictionary.endIndex {
            if dictionary.keys[i] == key { return i }
            i = dictionary.index(after: i)
        }
        return nil
    }

    private mutating func applyTraffic(_ u: TrafficUpdate, at t: Instant, source: String?) {
        // An ended segment (a snapshot source no longer reports it) is gone from the picture.
        let key = RecordKey(u.segment)
        if u.ended {
            segments[key] = nil
            return
        }
        // Mutate in place (through the dictionary's index) so no segment is copied per event.
        let index: [RecordKey: TrafficSegment].Index
        if let i = segments.index(forKey: key) {
            index = i
        } else {
            segments[key] = TrafficSegment(id: u.segment, road: u.road, jamLevel: 0, updatedAt: t)
            index = segments.index(forKey: key)!
        }
        Self.merge(u, at: t, source: source, into: &segments.values[index])
    }

    private static func merge(_ u: TrafficUpdate, at t: Instant, source: String?, into s: inout TrafficSegment) {
        if s.road != u.road { s.road = u.road }
        if let d = u.place.district { s.district = d }
        if let l = u.place.location { s.location = l }
        if let v = u.speedKmh { s.speedKmh = v }
        if let v = u.freeFlowKmh { s.freeFlowKmh = v }
        if let v = u.jamLevel {
            s.jamLevel = v
            s.jamSeries.append(Double(v), at: t)
        }
        if let v = u.delaySeconds { s.delaySeconds = v }
        if let v = u.lengthMeters { s.lengthMeters = v }
        if s.source != source { s.source = source }
        s.updatedAt = t
    }

    /// A severity as the store keeps it, 1…5: the decoder and the formats give no other, but an
    /// update made in code may (the panes draw `severity` marks and index by it).
    static func severityInRange(_ severity: Int) -> Int { min(5, max(1, severity)) }

    private mutating func applyIncident(_ u: IncidentUpdate, at t: Instant, source: String?) {
        // An incident whose expiry has passed by this update's time is closed first, whether or
        // not a sweep has run yet (live, the update may come before the tick's sweep), so the
        // update then finds it closed either way. The front of the expiry order says whether any is due.
        if let soonest = expiryOrder.elements.first, soonest.expires <= t { expireIncident(u.id) }
        mergeIncident(u, at: t, source: source)
        // An update carrying an expiry that has already passed closes the incident at once.
        if let e = u.expires, e <= t { expireIncident(u.id) }
    }

    /// Closes incident `id` if it is open and its `expires` is set: stamped at the expiry time
    /// (never before its last change), with the note "Alert expired at …". Deterministic, so
    /// a sweep and an update that finds it expired close it alike. False if nothing changed.
    @discardableResult
    private mutating func expireIncident(_ id: String) -> Bool {
        guard let i = incidents.index(forKey: id), incidents.values[i].status.isOpen,
              let expires = incidents.values[i].expires else { return false }
        var close = IncidentUpdate(id: id)
        close.status = .closed
        close.note = "Alert expired at \(RFC3339.format(expires))"
        mergeIncident(close, at: max(expires, incidents.values[i].updatedAt), source: nil)
        incidents[id]?.closedByExpiry = true
        return true
    }

    mutating func mergeIncident(_ u: IncidentUpdate, at t: Instant, source: String?) {
        // A record finished longer ago than the retention is gone, whether or not a sweep has
        // run yet: the update starts a new one (so the result does not depend on when sweeps ran).
        if let finished = finishedIncidents[u.id], t.seconds(since: finished) > retentionSeconds {
            incidents[u.id] = nil
            finishedIncidents[u.id] = nil
            evictedCount += 1
        }
        let index: [String: Incident].Index
        var before: DispatchKey?
        var expiryBefore: ExpiryKey?
        if let i = incidents.index(forKey: u.id) {
            index = i
            if incidents.values[i].status.isOpen {
                before = DispatchKey(incidents.values[i])
                expiryBefore = incidents.values[i].expires.map { ExpiryKey(expires: $0, id: u.id) }
            }
        } else {
            incidentSequence += 1
            var inc = Incident(id: u.id, category: u.category ?? .other, severity: u.severity.map(Self.severityInRange) ?? 1,
                               title: u.title ?? u.id, status: u.status ?? .new, reportedAt: t,
                               sequence: incidentSequence)
            inc.source = source
            inc.timeline.append(TimelineEntry(time: t, change: .created))
            incidents[u.id] = inc
            index = incidents.index(forKey: u.id)!
        }
        // In place, so the record and its timeline are not copied per event.
        if !Self.merge(u, at: t, into: &incidents.values[index]) { refusedTransitions += 1 }
        reindexIncident(at: index, before: before, expiryBefore: expiryBefore)
        // A feed that finishes an incident lets its roster units go.
        if !incidents.values[index].status.isOpen, !incidents.values[index].units.isEmpty {
            releaseUnits(of: u.id, at: t, by: nil)
        }
    }

    /// The incident at `index`'s place in the open-incident indexes, taken before a change.
    func incidentKeys(at index: [String: Incident].Index) -> (DispatchKey?, ExpiryKey?) {
        let inc = incidents.values[index]
        guard inc.status.isOpen else { return (nil, nil) }
        return (DispatchKey(inc), inc.expires.map { ExpiryKey(expires: $0, id: inc.id) })
    }

    /// Brings every index over open and finished incidents up to date with the incident at
    /// `index`, given its keys before the change (``incidentKeys(at:)``).
    mutating func reindexIncident(at index: [String: Incident].Index, before: DispatchKey?, expiryBefore: ExpiryKey?) {
        let id = incidents.keys[index]
        // Read in place: a `let` copy of the record (and its timeline) cost a retain and release per field.
        let after = incidents.values[index].status.isOpen ? DispatchKey(incidents.values[index]) : nil
        if before != after {
            if let b = before {
                dispatchOrder.remove(b)
                openCountsBySeverity[min(5, max(1, b.severity))] -= 1
            }
            if let a = after {
                dispatchOrder.insert(a)
                openCountsBySeverity[min(5, max(1, a.severity))] += 1
            }
        }
        let expiryAfter = after == nil ? nil : incidents.values[index].expires.map { ExpiryKey(expires: $0, id: id) }
        if expiryBefore != expiryAfter {
            if let b = expiryBefore { expiryOrder.remove(b) }
            if let a = expiryAfter { expiryOrder.insert(a) }
        }
        if after != nil {
            // One open before is listed already, and not as finished (two hashes of its id
            // saved on most updates).
            if before == nil {
                openIncidentIDs.insert(id)
                finishedIncidents[id] = nil
            }
        } else {
            openIncidentIDs.remove(id)
            finishedIncidents[id] = incidents.values[index].updatedAt
        }
    }

    /// Merges an update into an incident; false when a backward status change was refused.
    private static func merge(_ u: IncidentUpdate, at t: Instant, into inc: inout Incident) -> Bool {
        var accepted = true
        func log(_ change: TimelineEntry.Change) {
            let entry = TimelineEntry(time: t, change: change)
            if !inc.timeline.contains(entry) { inc.timeline.append(entry) }
        }
        if let c = u.category { inc.category = c }
        if let title = u.title, title != inc.title { inc.title = title }
        if let s = u.severity.map(Self.severityInRange), s != inc.severity {
            inc.severity = s
            log(.severity(s))
        }
        if let s = u.status, s != inc.status {
            if inc.status.canMove(to: s) {
                inc.status = s
                inc.statusChangedAt = t
                inc.closedByExpiry = false
                log(.status(s.rawValue))
            } else {
                accepted = false
            }
        }
        if let e = u.expires {
            // An update that extends an expired alert puts it back in force: re-opened.
            if u.status == nil, inc.closedByExpiry, e > t {
                inc.status = .acknowledged
                inc.statusChangedAt = t
                inc.closedByExpiry = false
                log(.status(IncidentStatus.acknowledged.rawValue))
            }
            inc.expires = e
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
        inc.stampResponseTimes(at: t)
        return accepted
    }

    private mutating func applySensor(_ r: SensorReading, at t: Instant, source: String?) {
        var key = RecordKey(r.station)
        var index = stations.index(forKey: key)
        if let i = index, stations.values[i].kind != r.sensor {
            // A second kind from the same station is its own channel.
            key = stationChannelKeys.key(station: key, kind: r.sensor)
            index = stations.index(forKey: key)
        }
        guard let i = index else {
            var s = SensorStation(key: key.id, stationID: r.station, kind: r.sensor, name: r.name ?? r.station,
                                  unit: r.unit ?? r.sensor.defaultUnit, value: r.value, updatedAt: t)
            s.district = r.place.district
            s.location = r.place.location
            s.thresholds = r.thresholds
            s.source = source
            s.history.append(r.value)
            s.series.append(r.value, at: t)
            stations[key] = s
            return
        }
        // In place: the history ring is not copied per reading.
        Self.merge(r, at: t, source: source, into: &stations.values[i])
    }

    private static func merge(_ r: SensorReading, at t: Instant, source: String?, into s: inout SensorStation) {
        s.value = r.value
        s.updatedAt = t
        if s.source != source { s.source = source }
        if let n = r.name, n != s.name { s.name = n }
        if let u = r.unit, u != s.unit { s.unit = u }
        if let d = r.place.district { s.district = d }
        if let l = r.place.location { s.location = l }
        if let th = r.thresholds { s.thresholds = th }
        s.history.append(r.value)
        s.series.append(r.value, at: t)
    }

    private mutating func applyTicket(_ u: TicketUpdate, at t: Instant) {
        if let finished = finishedTickets[u.id], t.seconds(since: finished) > retentionSeconds {
            tickets[u.id] = nil
            finishedTickets[u.id] = nil
            evictedCount += 1
        }
        let index: [String: Ticket].Index
        var oldAgency: String?
        var wasOpen = false
        if let i = tickets.index(forKey: u.id) {
            index = i
            oldAgency = tickets.values[i].agency
            wasOpen = tickets.values[i].status.isOpen
        } else {
            var ticket = Ticket(id: u.id, category: u.category ?? "-", title: u.title ?? u.id,
                                agency: u.agency ?? "(unrouted)", status: u.status ?? .open,
                                created: u.created ?? t, updatedAt: t)
            ticket.timeline.append(TimelineEntry(time: u.created ?? t, change: .created))
            tickets[u.id] = ticket
            index = tickets.index(forKey: u.id)!
        }
        Self.merge(u, at: t, into: &tickets.values[index])
        reindexTicket(at: index, oldAgency: oldAgency, wasOpen: wasOpen)
    }

    /// Brings the per-agency queues and the finished-ticket index up to date with the ticket
    /// at `index`, given its agency (nil: it is new) and openness before the change.
    mutating func reindexTicket(at index: [String: Ticket].Index, oldAgency: String?, wasOpen: Bool) {
        let id = tickets.keys[index]
        // Read in place: a `let` copy of the ticket cost a retain and release per field.
        let agency = tickets.values[index].agency
        let isOpen = tickets.values[index].status.isOpen
        // An agency the ticket already had is known (agencies are never forgotten): most
        // updates keep theirs, and each insert is a hash of the name.
        if oldAgency != agency { agencies.insert(agency) }
        if wasOpen, let old = oldAgency, old != agency || !isOpen {
            openTicketsByAgency[old]?[id] = nil
        }
        if isOpen {
            openTicketsByAgency[agency, default: [:]][id] = OpenTicket(tickets.values[index])
            // Only a ticket that was not open (new, or finished and reopened) can be listed.
            if !wasOpen { finishedTickets[id] = nil }
        } else {
            finishedTickets[id] = tickets.values[index].updatedAt
        }
    }

    private static func merge(_ u: TicketUpdate, at t: Instant, into ticket: inout Ticket) {
        func log(_ change: TimelineEntry.Change) {
            let entry = TimelineEntry(time: t, change: change)
            if !ticket.timeline.contains(entry) { ticket.timeline.append(entry) }
        }
        if let v = u.category { ticket.category = v }
        if let v = u.title, v != ticket.title { ticket.title = v }
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
    }

    /// Moves the state on to `now`: closes open incidents whose `expires` is at or before it
    /// (each stamped at its expiry time, see ``apply(_:)``), and lets go of incidents and
    /// tickets finished longer than the retention before `now`, so a long-running console
    /// keeps bounded memory (alarms too: see ``evictAlarms(before:)``). `now` is the runner's (the wall clock live, the replay clock, a
    /// snapshot's `--at`), never the newest event's time: a reading stamped hours ahead must not
    /// make records vanish or expire early. Expiries are checked on every call (only the
    /// soonest is looked at); letting go runs when `now` enters a later hour than the last
    /// sweep's (the horizon is that hour's start less the retention), so a replay and a
    /// snapshot that both sweep before each event (at its time, which is never ahead of their
    /// now) and at their now close and let go of the same records; cheap to call every turn.
    /// Runners sweep before each frame, so no pane shows an incident past its expiry as open.
    /// True when anything changed (the state's ``version`` then changes too).
    @discardableResult
    public mutating func sweep(asOf now: Instant) -> Bool {
        var changed = false
        while let soonest = expiryOrder.elements.first, soonest.expires <= now {
            if !changed {
                changed = true
                lineage = StateLineage()
            }
            if !expireIncident(soonest.id) { expiryOrder.remove(soonest) }
        }
        let hour = now.millis >= 0 ? now.millis / 3_600_000 : (now.millis + 1) / 3_600_000 - 1
        if let last = sweptHour, hour <= last { return changed }
        sweptHour = hour
        let horizon = Instant(millis: hour * 3_600_000).adding(seconds: -retentionSeconds)
        let staleIncidents = finishedIncidents.filter { $0.value < horizon }.map(\.key)
        for id in staleIncidents {
            incidents[id] = nil
            finishedIncidents[id] = nil
        }
        let staleTickets = finishedTickets.filter { $0.value < horizon }.map(\.key)
        for id in staleTickets {
            tickets[id] = nil
            finishedTickets[id] = nil
        }
        let staleAlarms = evictAlarms(before: horizon)
        evictedCount += staleIncidents.count + staleTickets.count + staleAlarms
        let forgottenClears = forgetAlarmClears(before: horizon)
        if !staleIncidents.isEmpty || !staleTickets.isEmpty || staleAlarms > 0 || forgottenClears {
            // Positions cached against the old version (a table's rows) are no longer valid.
            if !changed { lineage = StateLineage() }
            changed = true
        }
        return changed
    }
}
