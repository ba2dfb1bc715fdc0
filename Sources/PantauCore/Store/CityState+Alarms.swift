extension CityState {
    /// Every alarm kept, in the alarms pane's order (``Alarm/precedesInPane(_:)``): active
    /// unacknowledged first, then by severity and time.
    public var alarmsInPaneOrder: [Alarm] {
        alarms.values.sorted { $0.precedesInPane($1) }
    }

    /// The active alarm of `rule` on `subject`, if any.
    public func activeAlarm(rule: String, subject: String) -> Alarm? {
        activeAlarmIDs[Alarm.episodeKey(rule: rule, subject: subject)].flatMap { alarms[$0] }
    }

    /// Active alarms nobody has acknowledged yet.
    public var unacknowledgedAlarmCount: Int {
        activeAlarmIDs.values.reduce(0) { $0 + (alarms[$1]?.isAcknowledged == false ? 1 : 0) }
    }

    /// Applies a `kind: alarm` event. Idempotent by id: a raise of a known alarm, or a clear of
    /// an alarm that is unknown or already cleared, changes nothing. A raise while another alarm
    /// of the same rule on the same subject is active is ignored too (one alarm per episode).
    mutating func applyAlarm(_ e: AlarmEvent, at t: Instant) {
        let key = Alarm.episodeKey(rule: e.rule, subject: e.subject)
        switch e.transition {
        case .raised:
            guard alarms[e.id] == nil, activeAlarmIDs[key] == nil else { return }
            alarms[e.id] = Alarm(raise: e, raisedAt: t)
            activeAlarmIDs[key] = e.id
        case .cleared:
            guard let index = alarms.index(forKey: e.id), alarms.values[index].isActive else { return }
            alarms.values[index].clearedAt = t
            alarms.values[index].clearValue = e.value
            alarms.values[index].timeline.append(TimelineEntry(time: t, change: .status(AlarmTransition.cleared.rawValue)))
            if activeAlarmIDs[key] == e.id { activeAlarmIDs[key] = nil }
            lastAlarmClears[key] = max(t, lastAlarmClears[key] ?? t)
            if alarms.values[index].isAcknowledged { finishedAlarms[e.id] = t }
        }
    }

    /// Why an alarm action cannot be done on `alarm`, or nil when it can.
    func alarmProblem(_ a: ActionEvent, _ alarm: Alarm) -> String? {
        let f = a.fields
        switch a.verb {
        case .acknowledgeAlarm:
            if let by = alarm.acknowledgedBy, let at = alarm.acknowledgedAt {
                return "already acknowledged by \(by) at \(CivilTime(at).shortClockText)"
            }
            return nil
        case .noteAlarm:
            return Self.isBlank(f.note) ? "note_alarm needs text" : nil
        case .incidentFromAlarm:
            if let made = alarm.incidentID { return "\(made) was already made from \(alarm.id)" }
            guard let id = f.incident, !Self.isBlank(id) else { return "incident_from_alarm needs an incident id" }
            return incidents[id] == nil ? nil : "\(id) already exists"
        default:
            return nil
        }
    }

    /// Does an accepted alarm action (see ``applyAction(_:at:)``).
    mutating func performOnAlarm(_ a: ActionEvent, at t: Instant) {
        guard let index = alarms.index(forKey: a.target) else { return }
        let f = a.fields
        let by = a.by
        func log(_ change: TimelineEntry.Change) {
            alarms.values[index].timeline.append(TimelineEntry(time: t, change: change, by: by))
        }
        switch a.verb {
        case .acknowledgeAlarm:
            alarms.values[index].acknowledgedBy = by
            alarms.values[index].acknowledgedAt = t
            log(.acknowledged)
            if let remark = f.note, !Self.isBlank(remark) { log(.note(remark)) }
            if !alarms.values[index].isActive { finishedAlarms[a.target] = t }
        case .noteAlarm:
            log(.note(f.note!))
        case .incidentFromAlarm:
            let incidentID = f.incident!
            let alarm = alarms.values[index]
            var u = IncidentUpdate(id: incidentID)
            u.category = f.category ?? incidentCategory(for: alarm)
            u.severity = f.severity ?? alarm.severity
            u.title = Self.isBlank(f.title) ? alarm.title : f.title
            u.status = .new
            u.place.district = f.district ?? district(of: alarm.subject)
            u.place.address = f.address
            u.place.location = location(of: alarm.subject)
            u.channel = "alarm"
            mergeIncident(u, at: t, source: nil)
            modifyIncident(incidentID, at: t) { inc in
                inc.timeline.attributeLast(to: by)
                inc.alarmID = alarm.id
                inc.timeline.append(TimelineEntry(time: t, change: .note("made from alarm \(alarm.id)"), by: by))
            }
            countAction(a, on: incidentID, at: t, summary: a.phrase(withTarget: false))
            alarms.values[index].incidentID = incidentID
            log(.note("incident \(incidentID) made"))
        default:
            return
        }
        alarms.values[index].version += 1
        alarms.values[index].lastAction = ActionRecord(actionID: a.actionID, verb: a.verb, by: by, time: t,
                                                       summary: a.phrase(withTarget: false))
    }

    /// The category of an incident made from `alarm`, from what its subject is: a gauge's flood,
    /// a rain gauge's weather, an incident's own category; else (a road, an air station, an
    /// office, a source) `other`, for the operator to set.
    func incidentCategory(for alarm: Alarm) -> IncidentCategory {
        if let station = stations[RecordKey(alarm.subject)] {
            switch station.kind {
            case .waterLevel: return .flood
            case .rainfall: return .weather
            default: return .other
            }
        }
        if let inc = incidents[alarm.subject] { return inc.category }
        return .other
    }

    private func district(of subject: String) -> String? {
        let key = RecordKey(subject)
        return stations[key]?.district ?? segments[key]?.district ?? incidents[subject]?.district
    }

    private func location(of subject: String) -> GeoPoint? {
        let key = RecordKey(subject)
        return stations[key]?.location ?? segments[key]?.location ?? incidents[subject]?.location
    }

    /// Lets go of alarms finished (cleared and acknowledged) before `horizon`, and of cleared
    /// alarms nobody acknowledged that cleared a week of retentions before it (so an unattended
    /// console stays bounded too). Returns how many went.
    mutating func evictAlarms(before horizon: Instant) -> Int {
        var gone = finishedAlarms.filter { $0.value < horizon }.map(\.key)
        let longHorizon = horizon.adding(seconds: -6 * retentionSeconds)
        gone += alarms.values.filter { a in
            guard let cleared = a.clearedAt, !a.isAcknowledged else { return false }
            return cleared < longHorizon
        }.map(\.id)
        for id in gone {
            alarms[id] = nil
            finishedAlarms[id] = nil
        }
        return gone.count
    }

    /// Lets go of the last clears (``lastAlarmClears``) from before `horizon` on subjects the
    /// state no longer holds: an incident let go by the retention, a segment that ended. No rule
    /// can raise on them again, and should one come back (an id used anew) its points all
    /// follow the clear, so forgetting it changes nothing; kept, they grew by one per late
    /// incident for as long as a console ran. True when any went.
    mutating func forgetAlarmClears(before horizon: Instant) -> Bool {
        // Runs at every hourly sweep: the few to forget are removed where they are (filtering
        // rebuilt the whole dictionary each hour, a measurable part of a snapshot's sweeps).
        var forgotten: [String] = []
        for (key, cleared) in lastAlarmClears where cleared < horizon {
            guard let subject = Alarm.subject(ofEpisodeKey: key) else { continue }
            let record = RecordKey(subject)
            let held = incidents[subject] != nil || stations[record] != nil || segments[record] != nil
                || agencies.contains(subject) || sourceActivity[subject] != nil || tickets[subject] != nil
            if !held { forgotten.append(key) }
        }
        for key in forgotten { lastAlarmClears[key] = nil }
        return !forgotten.isEmpty
    }
}
