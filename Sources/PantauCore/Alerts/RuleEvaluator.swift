/// Decides which alarms are due: given the state, the rules and `now`, the raises and clears
/// that have become due, each at its own time (an episode's start plus the rule's minimum
/// duration for a raise, the first reading below the clear level for a clear), as `kind: alarm`
/// events in time order.
///
/// Pure, and independent of how often it runs: it reads only what the state keeps (each
/// watched value's recent changes with their times, the alarms raised and cleared so far), never
/// tracking of its own, so a state rebuilt from a checkpoint evaluates the same, and running it
/// after every event, every minute or once gives the same alarms with the same times (as long
/// as the state keeps the history in between). A raise is due only when no alarm of the rule is
/// active on the subject, a clear only for an active one.
public struct RuleEvaluator: Sendable {
    public let rules: [AlertRule]
    /// Gauge levels for band rules (the feed's own levels where a gauge is not named here).
    public let bands: BandRules
    /// Which inputs any rule reads.
    public let inputs: AlertInput

    public init(rules: [AlertRule], bands: BandRules = .standard) {
        self.rules = rules
        self.bands = bands
        inputs = rules.reduce(into: AlertInput()) { $0.formUnion($1.condition.input) }
    }

    /// Applies to `state` the transitions due by `now`: a state rebuilt from a journal as of a
    /// moment then holds the alarms a replay stopped there holds, including those due by then
    /// that were journaled later.
    public func apply(to state: inout CityState, asOf now: Instant) {
        for transition in transitions(in: state, now: now) { state.apply(transition) }
    }

    /// The source name of the alarm events it makes.
    public static let source = "rules"

    /// The transitions due by `now`, as feed events stamped with their own times, oldest first.
    /// `changes`: what changed since the last evaluation (time passing can make raises due too:
    /// a runner evaluates everything on its ticks); rules reading nothing that changed, and
    /// stations, segments and incidents that did not change, are not looked at.
    public func transitions(in state: CityState, now: Instant, changes: AlertChanges = .all) -> [FeedEvent] {
        var out: [FeedEvent] = []
        let active = RuleAlarms.activeByRule(in: state)
        for rule in rules where changes.inputs.contains(rule.condition.input) {
            evaluate(rule, state, now, changes, active: active, into: &out)
        }
        guard out.count > 1 else { return out }
        return out.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
    }

    private func evaluate(_ rule: AlertRule, _ state: CityState, _ now: Instant, _ changes: AlertChanges,
                          active: [String: [String: RuleAlarms.Active]], into out: inout [FeedEvent]) {
        let alarms = RuleAlarms(rule: rule.name, active: active[rule.name] ?? [:], lastClears: state.lastAlarmClears)
        switch rule.condition {
        case .band(let kind, let raise, let clear, let names):
            var bySubject = TransitionsBySubject()
            defer { bySubject.append(to: &out) }
            for station in Self.stations(of: kind, named: names, in: state, changed: changes.stations) {
                // 2: at or past the raise band; 1: below it but not yet below the clear level; 0: below.
                // The gauge's levels are looked up once, not for every point.
                let gauge = kind == .waterLevel ? bands.thresholds(forStation: station.stationID, fed: station.thresholds) : nil
                // With no alarm active, a station whose highest value by now is below the raise
                // band (a value's band never falls as the value rises) has nothing due.
                if alarms.active(on: station.key) == nil, let top = station.series.highest(through: now),
                   (SensorLevel.rank(of: top, kind: kind, gauge: gauge) ?? .min) < raise.rank { continue }
                let points = station.series.points.compactMap { p -> (time: Instant, value: Double)? in
                    guard let rank = SensorLevel.rank(of: p.value, kind: kind, gauge: gauge) else { return nil }
                    let holds: Bool
                    switch clear {
                    case .below(let level): holds = rank >= level.rank
                    case .belowValue(let v): holds = p.value >= v
                    }
                    return (p.time, rank >= raise.rank ? 2 : holds ? 1 : 0)
                }
                bySubject.gather(station.key) { scan(rule, subject: station.key, points, raise: 2, clear: 1, alarms, now, &$0) { f in
                    let value = station.value(at: f.time)
                    let rank = SensorLevel.rank(of: value, kind: kind, stationID: station.stationID, fed: station.thresholds, bands: bands) ?? 0
                    let level = SensorLevel.label(rank: rank, kind: kind)
                    let title = f.transition == .raised
                        ? "\(station.name) at \(level) for \(durationText(seconds: rule.minDuration))"
                        : "\(station.name) back to \(level) (\(Self.number(value)) \(station.unit))"
                    return (title, value, level)
                } }
            }
        case .threshold(let kind, let raise, let clear, let names):
            var bySubject = TransitionsBySubject()
            defer { bySubject.append(to: &out) }
            for station in Self.stations(of: kind, named: names, in: state, changed: changes.stations) {
                bySubject.gather(station.key) { scan(rule, subject: station.key, station.series.points, raise: raise, clear: clear, alarms, now, &$0) { f in
                    let title = f.transition == .raised
                        ? "\(station.name) \(Self.number(f.value)) \(station.unit) ≥ \(Self.number(raise))"
                        : "\(station.name) \(Self.number(f.value)) \(station.unit), below \(Self.number(clear))"
                    return (title, f.value, nil)
                } }
            }
        case .rateOfRise(let kind, let raise, let clear, let window, let names):
            var bySubject = TransitionsBySubject()
            defer { bySubject.append(to: &out) }
            for station in Self.stations(of: kind, named: names, in: state, changed: changes.stations) {
                // A rate is the difference of two kept values: with no alarm active, a station
                // whose values span less than the raise rate over the window has nothing due.
                if raise > 0, alarms.active(on: station.key) == nil, let span = station.series.valueSpan,
                   span * 3600 / window < raise { continue }
                let points = Self.rates(station.series.points, window: window, now: now)
                bySubject.gather(station.key) { scan(rule, subject: station.key, points, raise: raise, clear: clear, alarms, now, &$0) { f in
                    let rate = "\(Self.number(f.value)) \(station.unit)/h"
                    let title = f.transition == .raised ? "\(station.name) rising \(rate)" : "\(station.name) rising \(rate) only"
                    return (title, f.value, nil)
                } }
            }
        case .jam(let raise, let clear, let roads):
            var bySubject = TransitionsBySubject()
            defer { bySubject.append(to: &out) }
            for segment in Self.segments(on: roads, in: state, changed: changes.segments) {
                bySubject.gather(segment.id) { scan(rule, subject: segment.id, segment.jamSeries.points, raise: Double(raise), clear: Double(clear), alarms, now, &$0) { f in
                    let level = Int(f.value)
                    let title = f.transition == .raised
                        ? "\(segment.road) (\(segment.id)) jam \(level) \(JamLevel.label(level)) for \(durationText(seconds: rule.minDuration))"
                        : "\(segment.road) (\(segment.id)) jam down to \(level)"
                    return (title, f.value, JamLevel.label(level))
                } }
            }
        case .overdueTickets(let moreThan, let clearAtOrBelow, let offices):
            let watched = offices.isEmpty ? state.agencies.sorted() : offices
            // Gathered for every office at once, when the first office needs them.
            var finished: [String: [OverdueSpan]]?
            func finishedSpans(of office: String) -> [OverdueSpan] {
                if finished == nil { finished = Self.finishedTicketsByOffice(in: state) }
                return finished?[office] ?? []
            }
            for office in watched {
                // The scan looks at nothing before the active alarm's raise, or up to the last
                // clear: those steps are only counted, not sorted.
                // An active alarm whose count cannot fall below its clear level has nothing to scan.
                let raisedAt = alarms.active(on: office)?.raisedAt
                let keepFrom = raisedAt?.millis ?? alarms.lastClear(on: office).map { $0.millis + 1 } ?? .min
                let points = Self.overdueCounts(of: office, in: state, finished: finishedSpans(of: office), from: keepFrom,
                                                unlessStaying: raisedAt == nil ? nil : clearAtOrBelow + 1)
                scan(rule, subject: office, points, raise: Double(moreThan + 1), clear: Double(clearAtOrBelow + 1), alarms, now, &out) { f in
                    let n = Int(f.value)
                    let title = f.transition == .raised
                        ? "\(office): \(n) overdue tickets (more than \(moreThan))"
                        : "\(office): \(n) overdue ticket\(n == 1 ? "" : "s")"
                    return (title, f.value, nil)
                }
            }
        case .unacknowledgedIncident(let minSeverity, let targets):
            // Each incident is read where it lies (copying whole incidents, every evaluation,
            // was a fifth of one), and only those not answered by their target are scanned;
            // the transitions are put in incident order afterwards, so only the few incidents
            // that have any are sorted.
            let incidents = state.incidents
            var bySubject = TransitionsBySubject()
            func consider(_ i: [String: Incident].Index) {
                let severity = incidents.values[i].severity
                guard severity >= minSeverity, let target = targets.targets(severity: severity).acknowledge else { return }
                let due = incidents.values[i].reportedAt.adding(seconds: target)
                let answered = incidents.values[i].acknowledgedAt
                    ?? (incidents.values[i].status.isOpen ? nil : incidents.values[i].resolvedAt ?? incidents.values[i].statusChangedAt)
                if let answered, answered <= due { return }
                let id = incidents.keys[i], category = incidents.values[i].category
                var points: [(time: Instant, value: Double)] = [(due, 1)]
                if let answered { points.append((answered, 0)) }
                bySubject.gather(id) { scan(rule, subject: id, points, raise: 1, clear: 1, alarms, now, &$0) { f in
                    let title = f.transition == .raised
                        ? "\(id) sev \(severity) \(category.rawValue) not acknowledged within \(durationText(seconds: target))"
                        : "\(id) answered"
                    return (title, nil, nil)
                } }
            }
            if let changed = changes.incidents {
                for id in changed { if let i = incidents.index(forKey: id) { consider(i) } }
            } else {
                for i in incidents.indices { consider(i) }
            }
            bySubject.append(to: &out)
        case .noSignal(let seconds, let sources):
            let watched = sources.isEmpty ? state.sourceActivity.keys.sorted() : sources
            for source in watched {
                guard let activity = state.sourceActivity[source] else { continue }
                scan(rule, subject: source, activity.silencePoints, raise: 1, clear: 1, alarms, now, &out, minDuration: seconds) { f in
                    let title = f.transition == .raised
                        ? "No data from \(source) for \(durationText(seconds: seconds))"
                        : "\(source) sends again"
                    return (title, nil, nil)
                }
            }
        }
    }

    /// Scans one subject's points and appends its transitions, described by `describe`
    /// (title, value, level).
    private func scan(_ rule: AlertRule, subject: String, _ points: [(time: Instant, value: Double)],
                      raise: Double, clear: Double, _ alarms: RuleAlarms, _ now: Instant, _ out: inout [FeedEvent],
                      minDuration: Double? = nil,
                      describe: (EpisodeScanner.Found) -> (title: String, value: Double?, level: String?)) {
        let active = alarms.active(on: subject)
        let scanner = EpisodeScanner(raiseLevel: raise, clearLevel: clear, minDuration: minDuration ?? rule.minDuration)
        // With no alarm active only a raise can be due: none without a point at or past the
        // raise level by now (most subjects, most of the time).
        if active == nil, !points.contains(where: { $0.time <= now && $0.value >= raise }) { return }
        var found = scanner.scan(points, now: now, activeSince: active?.raisedAt, lastClear: nil)
        // The last clear matters only with no alarm active (an active alarm's raise is later
        // than it), and only when the points hold an episode: the scan after a clear sees a
        // part of the same points, so it raises nothing where the whole raised nothing. So
        // the episode key is built and looked up only for a subject whose kept points hold an
        // episode (one whose alarm came and went, mostly), not for every one that touched
        // the raise level.
        if active == nil, !found.isEmpty, let lastClear = alarms.lastClear(on: subject) {
            found = scanner.scan(points, now: now, activeSince: nil, lastClear: lastClear)
        }
        for f in found {
            let id = f.transition == .cleared && active != nil && f.episodeStart == active!.raisedAt
                ? active!.id : Alarm.id(rule: rule.name, subject: subject, episodeStart: f.episodeStart)
            let d = describe(f)
            out.append(FeedEvent(time: f.time, source: Self.source, payload: .alarm(AlarmEvent(
                id: id, rule: rule.name, transition: f.transition, severity: rule.severity, subject: subject,
                title: d.title, value: d.value, level: d.level))))
        }
    }

    /// Stations of `kind`, all or those named (by station id, key or name), among those that
    /// changed (by station id; nil: any), in no particular order (the transitions found are put
    /// in subject order, ``TransitionsBySubject``).
    static func stations(of kind: SensorKind, named names: [String], in state: CityState, changed: Set<String>?) -> [SensorStation] {
        func watched(_ s: SensorStation) -> Bool {
            s.kind == kind && (names.isEmpty || names.contains(s.stationID) || names.contains(s.key) || names.contains(s.name))
        }
        guard let changed else { return state.stations.values.filter(watched) }
        var out: [SensorStation] = []
        for id in changed {
            guard let s = state.stations[RecordKey(id)] else { continue }
            // A station's second kind has a key of its own (`id/kind`) only when its first
            // kind differs.
            if s.kind == kind {
                if watched(s) { out.append(s) }
            } else if let s = state.stations[RecordKey(SensorStation.channelKey(station: id, kind: kind))], watched(s) {
                out.append(s)
            }
        }
        return out
    }

    /// Segments on `roads` (names or ids; empty: any), among those that changed (nil: any), in
    /// no particular order (as ``stations(of:named:in:changed:)``).
    static func segments(on roads: [String], in state: CityState, changed: Set<String>?) -> [TrafficSegment] {
        func watched(_ s: TrafficSegment) -> Bool { roads.isEmpty || roads.contains(s.road) || roads.contains(s.id) }
        guard let changed else { return state.segments.values.filter(watched) }
        return changed.compactMap { state.segments[RecordKey($0)] }.filter(watched)
    }

    /// The rate of change per hour over `window` seconds, as a step function: it changes at each
    /// point and `window` after each point (when that point leaves the window), so it is given at
    /// both; times with no value as old as the window have none. A point leaving the window at
    /// `now` or later is not counted yet (a reading at `now` may still be on its way, and would
    /// change the rate then).
    static func rates(_ points: [(time: Instant, value: Double)], window: Double, now: Instant) -> [(time: Instant, value: Double)] {
        guard !points.isEmpty else { return [] }
        // The points' times and the times they leave the window before now: each in order (the
        // points are), so merged rather than sorted.
        let leaving = points.lazy.map { $0.time.adding(seconds: window) }.prefix { $0 < now }
        var times: [Instant] = []
        times.reserveCapacity(points.count * 2)
        var a = 0
        for l in leaving {
            while a < points.count, points[a].time <= l {
                times.append(points[a].time)
                a += 1
            }
            times.append(l)
        }
        while a < points.count {
            times.append(points[a].time)
            a += 1
        }
        var out: [(time: Instant, value: Double)] = []
        out.reserveCapacity(times.count)
        var now = 0, back = -1
        for t in times where out.last?.time != t {
            while now + 1 < points.count, points[now + 1].time <= t { now += 1 }
            let then = t.adding(seconds: -window)
            while back + 1 < points.count, points[back + 1].time <= then { back += 1 }
            guard back >= 0 else { continue }
            out.append((t, (points[now].value - points[back].value) * 3600 / window))
        }
        return out
    }

    /// An office's overdue-ticket count as a step function, rebuilt from the tickets kept: each
    /// ticket counts from its due time until it finished (or routed away, or now). Steps before
    /// `keepFrom` (milliseconds) are counted into the first point kept but give no point of their own.
    /// `floor`: when the count from `keepFrom` on cannot go below it (as many tickets still
    /// open were due before, or fewer tickets finish after than were overdue before), no points
    /// at all.
    static func overdueCounts(of office: String, in state: CityState, finished: @autoclosure () -> [OverdueSpan],
                              from keepFrom: Int64 = .min, unlessStaying floor: Int? = nil) -> [(time: Instant, value: Double)] {
        // Each step kept as one sortable number: its time (ms) doubled, plus 1 for a rise, so a
        // plain integer sort puts a time's falls before its rises.
        var keys: [Int64] = []
        var before = 0
        var fallsAfter = 0
        func step(_ t: Instant, rise: Bool) {
            guard t.millis >= keepFrom else {
                before += rise ? 1 : -1
                return
            }
            if !rise { fallsAfter += 1 }
            let ms = min(max(t.millis, Int64.min / 4), Int64.max / 4)
            keys.append(ms * 2 + (rise ? 1 : 0))
        }
        if let open = state.openTicketsByAgency[office] {
            keys.reserveCapacity(open.count)
            for i in open.indices {
                guard let due = open.values[i].dueAt else { continue }
                step(due, rise: true)
                // Still open, these count at every time from `keepFrom` on: as many as the
                // floor, and the count cannot go below it (the other tickets need not be read).
                if let floor, before >= floor { return [] }
            }
        }
        let openBefore = before
        let spans = finished()
        keys.reserveCapacity(keys.count + 2 * spans.count)
        for t in spans {
            step(t.due, rise: true)
            step(t.finished, rise: false)
        }
        if let floor, max(openBefore, before - fallsAfter) >= floor { return [] }
        keys.sort()
        var count = before
        var out: [(time: Instant, value: Double)] = []
        out.reserveCapacity(keys.count)
        for k in keys {
            count += k & 1 == 1 ? 1 : -1
            let time = Instant(millis: k >> 1)
            if let last = out.last, last.time == time { out[out.count - 1].value = Double(count) } else { out.append((time, Double(count))) }
        }
        return out
    }

    /// When a finished ticket was overdue: from its due time until it finished.
    struct OverdueSpan {
        var due: Instant
        var finished: Instant
    }

    /// The finished tickets the state still keeps that finished overdue, by office, as the
    /// spans they were overdue (one pass for every office). Every kept ticket is read where it
    /// lies, by its stored fields: the finished ones are those not open (the ones
    /// ``CityState/finishedTickets`` lists), so none is looked up by id, and none is copied (a
    /// computed property of a ticket, such as `dueAt`, copied it whole).
    static func finishedTicketsByOffice(in state: CityState) -> [String: [OverdueSpan]] {
        var out: [String: [OverdueSpan]] = [:]
        let tickets = state.tickets
        var i = tickets.startIndex
        while i != tickets.endIndex {
            defer { i = tickets.index(after: i) }
            guard !tickets.values[i].status.isOpen,
                  let due = Ticket.dueAt(created: tickets.values[i].created, slaHours: tickets.values[i].slaHours)
            else { continue }
            let finished = tickets.values[i].updatedAt
            guard due < finished else { continue }
            out[tickets.values[i].agency, default: []].append(OverdueSpan(due: due, finished: finished))
        }
        return out
    }

    /// A rule's transitions gathered subject by subject, in whatever order the subjects are
    /// read, and handed on in subject order (each subject's own in the order found): only the
    /// few subjects with transitions are sorted, not every station or segment a rule watches.
    struct TransitionsBySubject {
        private var found: [(subject: String, transitions: [FeedEvent])] = []

        /// Scans one subject: `scan` appends the subject's transitions to the list it is given.
        mutating func gather(_ subject: String, _ scan: (inout [FeedEvent]) -> Void) {
            var transitions: [FeedEvent] = []
            scan(&transitions)
            if !transitions.isEmpty { found.append((subject, transitions)) }
        }

        /// Appends the transitions gathered to `out`, by subject.
        func append(to out: inout [FeedEvent]) {
            for f in found.sorted(by: { $0.subject < $1.subject }) { out += f.transitions }
        }
    }

    /// One rule's alarms as its scans need them: the active ones by subject, gathered once per
    /// evaluation (a rule has a few active alarms, and most subjects none), and the last clear
    /// on a subject, looked up only for a subject with no alarm active.
    struct RuleAlarms {
        /// An active alarm: its id and when it was raised.
        typealias Active = (id: String, raisedAt: Instant)

        let rule: String
        /// The rule's active alarms by subject.
        let active: [String: Active]
        /// Every rule's last clears, by episode key (``CityState/lastAlarmClears``).
        let lastClears: [String: Instant]

        /// Every active alarm, by rule and subject: one pass over the active alarms per
        /// evaluation. (The state keys each by its own rule and subject, see
        /// ``CityState/activeAlarmIDs``.)
        static func activeByRule(in state: CityState) -> [String: [String: Active]] {
            var out: [String: [String: Active]] = [:]
            for id in state.activeAlarmIDs.values {
                guard let i = state.alarms.index(forKey: id) else { continue }
                let raise = state.alarms.values[i].raise
                out[raise.rule, default: [:]][raise.subject] = (id, state.alarms.values[i].raisedAt)
            }
            return out
        }

        /// The alarm of the rule active on `subject`, if any.
        func active(on subject: String) -> Active? { active[subject] }

        /// When the rule's last alarm on `subject` cleared, if one did.
        func lastClear(on subject: String) -> Instant? {
            lastClears[Alarm.episodeKey(rule: rule, subject: subject)]
        }
    }

    /// A value as alarm titles write it: whole, or with one decimal.
    public static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e12 ? String(Int64(v)) : String(format1: v)
    }
}

extension SensorStation {
    /// Its value at `t` (the last change at or before it), or its latest value.
    func value(at t: Instant) -> Double {
        series.points.last { $0.time <= t }?.value ?? value
    }
}
