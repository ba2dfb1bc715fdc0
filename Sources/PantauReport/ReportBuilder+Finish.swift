import PantauCore

extension ReportBuilder {
    /// The report on everything consumed so far. The state is moved on to the period's end
    /// first (incidents whose `expires` has passed are closed), as a snapshot at that time would.
    public func finish() -> ShiftReport {
        let start = from ?? firstInPeriod ?? Instant(millis: 0)
        let end = max(start, to ?? lastInPeriod ?? start)
        state.sweep(asOf: end)
        var report = ShiftReport(from: start, to: end)
        report.eventsInPeriod = eventsInPeriod
        report.skippedLines = skippedLines
        addIncidents(to: &report)
        addAlarms(to: &report)
        addTickets(to: &report)
        report.actionsByUser = users.keys.sorted().map { user in
            let u = users[user]!
            return UserRow(user: user, actions: u.actions, rejected: u.rejected,
                           byVerb: u.byVerb.keys.sorted().map { VerbCount(verb: $0, count: u.byVerb[$0]!) })
        }
        report.worstGauge = worstGauge(from: start, to: end)
        return report
    }

    private func addIncidents(to report: inout ShiftReport) {
        var categories: [String: CategoryRow] = [:]
        var exerciseCategories: [String: CategoryRow] = [:]
        var outcomes: [String: Int] = [:]
        var perHour: [Int64: Int] = [:]
        var byCategory: [String: MeasuredGroup] = [:]
        var bySeverity: [String: MeasuredGroup] = [:]
        var missed: [Int: TargetRow] = [:]
        for (id, sighting) in sightings where sighting.inPeriod {
            guard let inc = state.incidents[id] else { continue }
            let category = inc.category.rawValue
            func count(into rows: inout [String: CategoryRow]) {
                var row = rows[category] ?? CategoryRow(category: category, reported: 0, open: 0, finished: 0)
                row.reported += 1
                if inc.status.isOpen { row.open += 1 } else { row.finished += 1 }
                rows[category] = row
            }
            if exerciseIDs.contains(id) {
                report.exercise.incidents += 1
                count(into: &exerciseCategories)
                continue
            }
            report.incidentsReported += 1
            count(into: &categories)
            outcomes[inc.status.isOpen ? OutcomeRow.open : inc.disposition ?? OutcomeRow.noDisposition, default: 0] += 1
            perHour[Self.hourStart(sighting.at).millis, default: 0] += 1
            guard sighting.status == .new else {
                report.incidentsNotMeasured += 1
                continue
            }
            let done: [Instant?] = [inc.acknowledgedAt, inc.dispatchedAt, inc.onSceneAt,
                                    inc.status.isOpen ? nil : inc.resolvedAt]
            let severity = String(inc.severity)
            let seconds = done.map { $0.map { max(0, $0.seconds(since: inc.reportedAt)) } }
            byCategory[category, default: MeasuredGroup()].add(seconds)
            bySeverity[severity, default: MeasuredGroup()].add(seconds)
            let late = inc.missedTargets(now: report.to, targets: targets)
            var row = missed[inc.severity] ?? TargetRow(severity: inc.severity, incidents: 0, acknowledgeMissed: 0,
                                                       dispatchMissed: 0, onSceneMissed: 0, anyMissed: 0)
            row.incidents += 1
            if late.contains(.acknowledge) { row.acknowledgeMissed += 1 }
            if late.contains(.dispatch) { row.dispatchMissed += 1 }
            if late.contains(.onScene) { row.onSceneMissed += 1 }
            if !late.isEmpty { row.anyMissed += 1 }
            missed[inc.severity] = row
        }
        func byCount(_ rows: [String: CategoryRow]) -> [CategoryRow] {
            rows.values.sorted { ($0.reported, $1.category) > ($1.reported, $0.category) }
        }
        report.byCategory = byCount(categories)
        report.exercise.byCategory = byCount(exerciseCategories)
        report.exercise.actions = exerciseActions
        report.byOutcome = outcomes.map { OutcomeRow(outcome: $0.key, incidents: $0.value) }
            .sorted { ($0.incidents, $1.outcome) > ($1.incidents, $0.outcome) }
        func responseRows(_ groups: [String: MeasuredGroup], order: [String]) -> [ResponseRow] {
            order.compactMap { group in
                guard let g = groups[group] else { return nil }
                return ResponseRow(group: group, incidents: g.incidents, steps: g.steps.map(IntervalStats.init))
            }
        }
        report.responseByCategory = responseRows(byCategory, order: byCategory.keys.sorted())
        report.responseBySeverity = responseRows(bySeverity, order: (1...5).map(String.init).reversed())
        report.targetsMissed = missed.keys.sorted(by: >).map { missed[$0]! }
        let onScene = ReportStep.allCases.firstIndex(of: .onScene)!
        report.onSceneDistribution = byCategory.keys.sorted().compactMap { category in
            let samples = byCategory[category]!.steps[onScene]
            return samples.isEmpty ? nil : Distribution(group: category, seconds: samples.sorted())
        }
        report.incidentsPerHour = hours(from: report.from, to: report.to).map {
            HourCount(hour: $0, incidents: perHour[$0.millis] ?? 0)
        }
    }

    /// The start of the hour `t` is in (WIB hours start on UTC hours: the offset is whole hours).
    static func hourStart(_ t: Instant) -> Instant {
        let hour: Int64 = 3_600_000
        let m = t.millis
        return Instant(millis: m - ((m % hour) + hour) % hour)
    }

    /// Every hour's start from the one `from` is in to the one `to` is in (the last ``maxHours``).
    private func hours(from: Instant, to: Instant) -> [Instant] {
        let first = Self.hourStart(from).millis, last = Self.hourStart(to).millis
        let count = Int((last - first) / 3_600_000) + 1
        let skip = max(0, count - Self.maxHours)
        return (skip..<count).map { Instant(millis: first + Int64($0) * 3_600_000) }
    }

    private func addAlarms(to report: inout ShiftReport) {
        var rules: [String: [AlarmRecord]] = [:]
        for alarm in alarms.values { rules[alarm.rule, default: []].append(alarm) }
        func ackSeconds(_ list: [AlarmRecord]) -> [Double] {
            list.compactMap { a in a.acknowledgedAt.map { $0.seconds(since: a.raisedAt) } }
        }
        report.alarmsByRule = rules.keys.sorted().map { rule in
            let list = rules[rule]!
            return AlarmRuleRow(rule: rule, raised: list.count, cleared: list.filter(\.cleared).count,
                                toAcknowledge: IntervalStats(ackSeconds(list)),
                                neverAcknowledged: list.filter { $0.acknowledgedAt == nil }.count)
        }
        report.alarmsToAcknowledge = IntervalStats(ackSeconds(Array(alarms.values)))
    }

    private func addTickets(to report: inout ShiftReport) {
        var offices: [String: OfficeRow] = [:]
        func row(_ office: String) -> OfficeRow {
            offices[office] ?? OfficeRow(office: office, opened: 0, closed: 0, open: 0, overdue: 0)
        }
        for ticket in state.tickets.values {
            var r = row(ticket.agency)
            if ticket.created >= report.from, ticket.created <= report.to { r.opened += 1 }
            if ticket.status.isOpen { r.open += 1 }
            if ticket.isOverdue(at: report.to) { r.overdue += 1 }
            offices[ticket.agency] = r
        }
        for (office, closed) in ticketsClosed {
            var r = row(office)
            r.closed = closed
            offices[office] = r
        }
        report.ticketsByOffice = offices.keys.sorted().map { offices[$0]! }
            .filter { $0.opened + $0.closed + $0.open + $0.overdue > 0 }
    }

    /// The gauge whose peak reached the most dangerous level (then the highest against its
    /// `awas` level), with its readings thinned to ``gaugePoints``.
    private func worstGauge(from: Instant, to: Instant) -> GaugeSeries? {
        func thresholds(_ station: String) -> GaugeThresholds { bands.thresholds(forStation: station, fed: fedThresholds[station]) }
        var best: (station: String, peak: GaugePoint, rank: (Int, Double))?
        for station in water.keys.sorted() {
            guard let peak = water[station]!.max(by: { $0.value < $1.value }) else { continue }
            let th = thresholds(station)
            let rank = (4 - th.level(for: peak.value).rawValue, th.awas > 0 ? peak.value / th.awas : peak.value)
            if best == nil || rank > best!.rank { best = (station, peak, rank) }
        }
        guard let best else { return nil }
        return GaugeSeries(station: best.station, name: gaugeNames[best.station] ?? best.station,
                           thresholds: thresholds(best.station), peak: best.peak.value, peakAt: best.peak.time,
                           points: Self.thin(water[best.station]!, from: from, to: to))
    }

    /// At most ``gaugePoints`` readings: the highest of each equal slice of the period.
    static func thin(_ points: [GaugePoint], from: Instant, to: Instant) -> [GaugePoint] {
        guard points.count > gaugePoints else { return points }
        let span = max(1, to.millis - from.millis)
        var slices = [GaugePoint?](repeating: nil, count: gaugePoints)
        for p in points {
            let i = min(gaugePoints - 1, max(0, Int((p.time.millis - from.millis) * Int64(gaugePoints) / span)))
            if slices[i] == nil || p.value > slices[i]!.value { slices[i] = p }
        }
        return slices.compactMap { $0 }
    }
}

/// The response intervals of a group of measured incidents, one list per ``ReportStep``.
private struct MeasuredGroup {
    var incidents = 0
    var steps = [[Double]](repeating: [], count: ReportStep.allCases.count)

    /// One incident's intervals (nil: the step was not done), in ``ReportStep`` order.
    mutating func add(_ seconds: [Double?]) {
        incidents += 1
        for (i, s) in seconds.enumerated() { if let s { steps[i].append(s) } }
    }
}
