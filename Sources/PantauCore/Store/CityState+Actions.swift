extension ActionVerb {
    /// Whether the action is refused when its target changed since the actor looked (its
    /// `seen_version`, when given, differs from the target's version): the verbs that decide
    /// something. Acknowledging, noting, creating and unit status do not compare.
    public var comparesVersion: Bool {
        switch self {
        case .dispatch, .escalate, .deescalate, .resolve, .close, .reopen, .merge,
             .ticketRoute, .ticketResolve, .ticketReject: return true
        case .create, .acknowledge, .note, .unitStatus, .ticketVerify, .ticketNote,
             .acknowledgeAlarm, .noteAlarm, .incidentFromAlarm: return false
        }
    }
}

extension CityState {
    /// Applies an action (`kind: action`): checks it against the state (role, target, version,
    /// fit) and either does it or records it as rejected with the reason, in
    /// ``actionOutcomes``. Deterministic: uses only the event's time `t`. A rejected action
    /// changes no record.
    mutating func applyAction(_ a: ActionEvent, at t: Instant) {
        if let reason = rejection(of: a) {
            actionOutcomes[a.actionID] = .rejected(reason: reason)
            return
        }
        switch a.verb.targetKind {
        case .incident: performOnIncident(a, at: t)
        case .ticket: performOnTicket(a, at: t)
        case .unit: performUnitStatus(a, at: t)
        case .alarm: performOnAlarm(a, at: t)
        }
        actionOutcomes[a.actionID] = .accepted
    }

    // MARK: - Checks

    /// Why `a` cannot be done now, or nil when it can.
    public func rejection(of a: ActionEvent) -> String? {
        guard a.role.may(a.verb) else { return "\(a.verb.rawValue) needs the \(a.verb.requiredRole.rawValue) role" }
        switch a.verb.targetKind {
        case .incident:
            if a.verb == .create {
                return incidents[a.target] == nil ? nil : "\(a.target) already exists"
            }
            guard let inc = incidents[a.target] else { return "no incident \(a.target)" }
            if a.verb.comparesVersion, let seen = a.seenVersion, seen != inc.version {
                return Self.changedSince(a.target, inc.lastAction)
            }
            return incidentProblem(a, inc)
        case .ticket:
            guard let ticket = tickets[a.target] else { return "no ticket \(a.target)" }
            if a.verb.comparesVersion, let seen = a.seenVersion, seen != ticket.version {
                return Self.changedSince(a.target, ticket.lastAction)
            }
            return ticketProblem(a, ticket)
        case .unit:
            return unitStatusProblem(a)
        case .alarm:
            guard let alarm = alarms[a.target] else { return "no alarm \(a.target)" }
            return alarmProblem(a, alarm)
        }
    }

    /// `INC-7 changed since you looked: budi dispatched DMK-02 at 10:42`.
    private static func changedSince(_ id: String, _ last: ActionRecord?) -> String {
        "\(id) changed since you looked" + (last.map { ": \($0.text)" } ?? "")
    }

    static func isBlank(_ s: String?) -> Bool {
        s?.allSatisfy(\.isWhitespace) ?? true
    }

    private func incidentProblem(_ a: ActionEvent, _ inc: Incident) -> String? {
        let id = inc.id
        let f = a.fields
        func mustBeOpen() -> String? { inc.status.isOpen ? nil : "\(id) is \(inc.status.rawValue)" }
        switch a.verb {
        case .create, .unitStatus, .ticketVerify, .ticketRoute, .ticketNote, .ticketResolve, .ticketReject,
             .acknowledgeAlarm, .noteAlarm, .incidentFromAlarm:
            return nil
        case .acknowledge:
            if let p = mustBeOpen() { return p }
            guard inc.status == .new else {
                if let by = inc.acknowledgedBy, let at = inc.acknowledgedAt {
                    return "already acknowledged by \(by) at \(CivilTime(at).shortClockText)"
                }
                return "\(id) is already \(inc.status.rawValue)"
            }
            return nil
        case .dispatch:
            guard let unitID = f.unit, !Self.isBlank(unitID) else { return "dispatch needs a unit" }
            guard let unit = units[unitID] else { return "no unit \(unitID)" }
            if let p = mustBeOpen() { return p }
            if unit.status == .outOfService { return "\(unitID) is out of service" }
            if let other = unit.incidentID {
                return other == id ? "\(unitID) is already on \(id)" : "\(unitID) is on \(other)"
            }
            return unit.status.canBeDispatched ? nil : "\(unitID) is \(unit.status.rawValue)"
        case .escalate, .deescalate:
            if let p = mustBeOpen() { return p }
            let up = a.verb == .escalate
            if f.severity == nil, inc.severity == (up ? 5 : 1) { return "\(id) is already at severity \(inc.severity)" }
            let next = f.severity ?? inc.severity + (up ? 1 : -1)
            guard (1...5).contains(next) else { return "severity must be 1 to 5" }
            if up ? next <= inc.severity : next >= inc.severity {
                return "\(a.verb.rawValue) needs a severity \(up ? "above" : "below") \(inc.severity)"
            }
            return nil
        case .note:
            return Self.isBlank(f.note) ? "note needs text" : nil
        case .resolve:
            if let p = mustBeOpen() { return p }
            return Self.isBlank(f.disposition) ? "resolve needs a disposition" : nil
        case .close:
            return inc.status == .closed ? "\(id) is already closed" : nil
        case .reopen:
            if let primary = inc.duplicateOf { return "\(id) was merged into \(primary)" }
            return inc.status.isOpen ? "\(id) is open (\(inc.status.rawValue))" : nil
        case .merge:
            guard let primaryID = f.duplicateOf, !Self.isBlank(primaryID) else { return "merge needs the incident it duplicates" }
            guard primaryID != id else { return "\(id) cannot duplicate itself" }
            guard let primary = incidents[primaryID] else { return "no incident \(primaryID)" }
            if let p = inc.duplicateOf { return "\(id) was merged into \(p)" }
            if let p = primary.duplicateOf { return "\(primaryID) was merged into \(p)" }
            return nil
        }
    }

    private func ticketProblem(_ a: ActionEvent, _ ticket: Ticket) -> String? {
        let id = ticket.id
        let f = a.fields
        func mustBeOpen() -> String? { ticket.status.isOpen ? nil : "\(id) is \(ticket.status.rawValue)" }
        switch a.verb {
        case .ticketVerify:
            return ticket.status == .open ? nil : "\(id) is \(ticket.status.rawValue)"
        case .ticketRoute:
            if let p = mustBeOpen() { return p }
            guard let agency = f.agency, !Self.isBlank(agency) else { return "ticket_route needs an agency" }
            return agency == ticket.agency ? "\(id) is already with \(agency)" : nil
        case .ticketNote:
            return Self.isBlank(f.note) ? "ticket_note needs text" : nil
        case .ticketResolve:
            if let p = mustBeOpen() { return p }
            return Self.isBlank(f.disposition) ? "ticket_resolve needs a disposition" : nil
        case .ticketReject:
            if let p = mustBeOpen() { return p }
            return Self.isBlank(f.disposition) && Self.isBlank(f.note) ? "ticket_reject needs a reason" : nil
        default:
            return nil
        }
    }

    private func unitStatusProblem(_ a: ActionEvent) -> String? {
        guard let unit = units[a.target] else { return "no unit \(a.target)" }
        guard let next = a.fields.unitStatus else { return "unit_status needs a unit status" }
        if next == .dispatched { return "a unit is dispatched to an incident with dispatch" }
        if next == unit.status { return "\(unit.id) is already \(next.rawValue)" }
        if next == .enRoute || next == .onScene, unit.incidentID == nil { return "\(unit.id) is not on an incident" }
        return nil
    }

    // MARK: - Doing

    /// Changes incident `id` in place through `body`, then keeps its response times, its last
    /// change and every index over incidents right.
    mutating func modifyIncident(_ id: String, at t: Instant, _ body: (inout Incident) -> Void) {
        guard let index = incidents.index(forKey: id) else { return }
        let (before, expiryBefore) = incidentKeys(at: index)
        body(&incidents.values[index])
        incidents.values[index].updatedAt = max(incidents.values[index].updatedAt, t)
        incidents.values[index].stampResponseTimes(at: t)
        reindexIncident(at: index, before: before, expiryBefore: expiryBefore)
    }

    /// Counts an accepted action on incident `id`: its version moves on and it remembers the action.
    mutating func countAction(_ a: ActionEvent, on id: String, at t: Instant, summary: String) {
        guard let index = incidents.index(forKey: id) else { return }
        incidents.values[index].version += 1
        incidents.values[index].lastAction = ActionRecord(actionID: a.actionID, verb: a.verb, by: a.by, time: t,
                                                          summary: summary)
    }

    private mutating func performOnIncident(_ a: ActionEvent, at t: Instant) {
        let id = a.target
        let f = a.fields
        let by = a.by
        func entry(_ change: TimelineEntry.Change) -> TimelineEntry { TimelineEntry(time: t, change: change, by: by) }
        // A remark carried by any verb other than `note` (which is all remark).
        let remark = a.verb == .note || Self.isBlank(f.note) ? nil : f.note
        switch a.verb {
        case .create:
            var u = IncidentUpdate(id: id)
            u.category = f.category ?? .other
            u.severity = f.severity ?? 3
            u.title = Self.isBlank(f.title) ? "\((f.category ?? .other).rawValue) call" : f.title
            u.status = .new
            u.place.district = f.district
            u.place.address = f.address
            u.channel = "112"
            mergeIncident(u, at: t, source: nil)
            modifyIncident(id, at: t) { inc in
                inc.timeline.attributeLast(to: by)
                inc.callerName = f.callerName
                inc.callerPhone = f.callerPhone
            }
        case .acknowledge:
            modifyIncident(id, at: t) { inc in
                inc.move(to: .acknowledged, at: t, by: by)
                inc.acknowledgedBy = by
                inc.timeline.append(entry(.acknowledged))
            }
        case .dispatch:
            let unitID = f.unit!
            modifyIncident(id, at: t) { inc in
                inc.units.append(unitID)
                inc.timeline.append(entry(.dispatched(unitID)))
                if inc.status < .dispatched { inc.move(to: .dispatched, at: t, by: by) }
            }
            units[unitID]?.status = .dispatched
            units[unitID]?.incidentID = id
            units[unitID]?.since = t
        case .escalate, .deescalate:
            modifyIncident(id, at: t) { inc in
                let next = f.severity ?? inc.severity + (a.verb == .escalate ? 1 : -1)
                inc.severity = Self.severityInRange(next)
                inc.timeline.append(entry(.severity(inc.severity)))
            }
        case .note:
            modifyIncident(id, at: t) { inc in inc.timeline.append(entry(.note(f.note!))) }
        case .resolve:
            modifyIncident(id, at: t) { inc in
                inc.disposition = f.disposition
                inc.timeline.append(entry(.disposition(f.disposition!)))
                inc.move(to: .resolved, at: t, by: by)
            }
            releaseUnits(of: id, at: t, by: by)
        case .close:
            modifyIncident(id, at: t) { inc in inc.move(to: .closed, at: t, by: by) }
            releaseUnits(of: id, at: t, by: by)
        case .reopen:
            modifyIncident(id, at: t) { inc in
                inc.disposition = nil
                inc.move(to: .acknowledged, at: t, by: by)
            }
        case .merge:
            let primaryID = f.duplicateOf!
            let copied = incidents[id]!.timeline.entries.map { e -> TimelineEntry in
                var e = e
                if e.from == nil { e.from = id }
                return e
            }
            modifyIncident(id, at: t) { inc in
                inc.duplicateOf = primaryID
                inc.disposition = "duplicate"
                inc.timeline.append(entry(.mergedInto(primaryID)))
                if inc.status != .closed { inc.move(to: .closed, at: t, by: by) }
            }
            releaseUnits(of: id, at: t, by: by)
            modifyIncident(primaryID, at: t) { inc in
                inc.duplicates.append(id)
                inc.timeline.merge(copied)
                inc.timeline.append(entry(.mergedFrom(id)))
            }
            countAction(a, on: primaryID, at: t, summary: a.phrase())
        case .unitStatus, .ticketVerify, .ticketRoute, .ticketNote, .ticketResolve, .ticketReject,
             .acknowledgeAlarm, .noteAlarm, .incidentFromAlarm:
            return
        }
        if let remark { modifyIncident(id, at: t) { inc in inc.timeline.append(entry(.note(remark))) } }
        countAction(a, on: id, at: t, summary: a.phrase(withTarget: false))
    }

    /// Sends every unit on incident `id` back to available (it was resolved, closed or merged),
    /// each on its timeline, attributed to `by` (nil when a feed finished it).
    mutating func releaseUnits(of id: String, at t: Instant, by: String?) {
        guard let index = incidents.index(forKey: id) else { return }
        let assigned = incidents.values[index].units
        guard !assigned.isEmpty else { return }
        incidents.values[index].units = []
        for unitID in assigned {
            incidents.values[index].timeline.append(TimelineEntry(time: t, change: .unitStatus(unitID, .available), by: by))
            guard units[unitID]?.incidentID == id else { continue }
            units[unitID]?.status = .available
            units[unitID]?.incidentID = nil
            units[unitID]?.since = t
        }
    }

    private mutating func performUnitStatus(_ a: ActionEvent, at t: Instant) {
        let unitID = a.target
        let next = a.fields.unitStatus!
        let incidentID = units[unitID]?.incidentID
        units[unitID]?.status = next
        units[unitID]?.since = t
        if next == .available || next == .outOfService { units[unitID]?.incidentID = nil }
        guard let id = incidentID, incidents[id] != nil else { return }
        modifyIncident(id, at: t) { inc in
            inc.timeline.append(TimelineEntry(time: t, change: .unitStatus(unitID, next), by: a.by))
            switch next {
            case .enRoute:
                if inc.status.isOpen, inc.status < .dispatched { inc.move(to: .dispatched, at: t, by: a.by) }
            case .onScene:
                if inc.status.isOpen, inc.status < .onScene { inc.move(to: .onScene, at: t, by: a.by) }
                if inc.status.isOpen, inc.onSceneAt == nil { inc.onSceneAt = t }
            case .available, .outOfService:
                inc.units.removeAll { $0 == unitID }
            case .dispatched:
                break
            }
            if let remark = a.fields.note, !Self.isBlank(remark) {
                inc.timeline.append(TimelineEntry(time: t, change: .note(remark), by: a.by))
            }
        }
        countAction(a, on: id, at: t, summary: a.phrase())
    }

    private mutating func performOnTicket(_ a: ActionEvent, at t: Instant) {
        guard let index = tickets.index(forKey: a.target) else { return }
        let oldAgency = tickets.values[index].agency
        let wasOpen = tickets.values[index].status.isOpen
        let f = a.fields
        let by = a.by
        func log(_ change: TimelineEntry.Change) {
            tickets.values[index].timeline.append(TimelineEntry(time: t, change: change, by: by))
        }
        func setStatus(_ s: TicketStatus) {
            tickets.values[index].status = s
            log(.status(s.rawValue))
        }
        switch a.verb {
        case .ticketVerify:
            tickets.values[index].verifiedBy = by
            setStatus(.verified)
        case .ticketRoute:
            tickets.values[index].agency = f.agency!
            log(.routed(f.agency!))
        case .ticketNote:
            break
        case .ticketResolve:
            tickets.values[index].disposition = f.disposition
            log(.disposition(f.disposition!))
            setStatus(.resolved)
        case .ticketReject:
            if let d = f.disposition, !Self.isBlank(d) {
                tickets.values[index].disposition = d
                log(.disposition(d))
            }
            setStatus(.rejected)
        default:
            return
        }
        if let n = f.note, !Self.isBlank(n) { log(.note(n)) }
        tickets.values[index].updatedAt = max(tickets.values[index].updatedAt, t)
        tickets.values[index].version += 1
        tickets.values[index].lastAction = ActionRecord(actionID: a.actionID, verb: a.verb, by: by, time: t,
                                                        summary: a.phrase(withTarget: false))
        reindexTicket(at: index, oldAgency: oldAgency, wasOpen: wasOpen)
    }
}

extension Incident {
    /// Moves the status (an action's doing), on the timeline with who did it.
    mutating func move(to next: IncidentStatus, at t: Instant, by: String) {
        guard next != status else { return }
        status = next
        statusChangedAt = t
        closedByExpiry = false
        timeline.append(TimelineEntry(time: t, change: .status(next.rawValue), by: by))
    }
}
