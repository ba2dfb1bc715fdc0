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

    /// The source name of the alarm events it makes.
    public static let source = "rules"

    /// The transitions due by `now`, as feed events stamped with their own times, oldest first.
    /// `changed`: the inputs that changed since the last evaluation (time passing can make
    /// raises due too: a runner evaluates everything on its ticks); rules reading nothing that
    /// changed are not looked at.
    public func transitions(in state: CityState, now: Instant, changed: AlertInput = .all) -> [FeedEvent] {
        var out: [FeedEvent] = []
        for rule in rules where changed.contains(rule.condition.input) {
            evaluate(rule, state, now, into: &out)
        }
        guard out.count > 1 else { return out }
        return out.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
    }

    private func evaluate(_ rule: AlertRule, _ state: CityState, _ now: Instant, into out: inout [FeedEvent]) {
        switch rule.condition {
        case .band(let kind, let raise, let clear, let names):
            for station in Self.stations(of: kind, named: names, in: state) {
                let points = station.series.points.compactMap { p -> (time: Instant, value: Double)? in
                    SensorLevel.rank(of: p.value, kind: kind, stationID: station.stationID, fed: station.thresholds, bands: bands)
                        .map { (p.time, Double($0)) }
                }
                scan(rule, subject: station.key, points, raise: Double(raise.rank), clear: Double(clear.rank), state, now, &out) { f in
                    let level = SensorLevel.label(rank: Int(f.value), kind: kind)
                    let title = f.transition == .raised
                        ? "\(station.name) at \(level) for \(durationText(seconds: rule.minDuration))"
                        : "\(station.name) back to \(level)"
                    return (title, station.value(at: f.time), level)
                }
            }
        case .threshold(let kind, let raise, let clear, let names):
            for station in Self.stations(of: kind, named: names, in: state) {
                scan(rule, subject: station.key, station.series.points, raise: raise, clear: clear, state, now, &out) { f in
                    let title = f.transition == .raised
                        ? "\(station.name) \(Self.number(f.value)) \(station.unit) ≥ \(Self.number(raise))"
                        : "\(station.name) \(Self.number(f.value)) \(station.unit), below \(Self.number(clear))"
                    return (title, f.value, nil)
                }
            }
        case .rateOfRise(let kind, let raise, let clear, let window, let names):
            for station in Self.stations(of: kind, named: names, in: state) {
                let points = Self.rates(station.series.points, window: window)
                scan(rule, subject: station.key, points, raise: raise, clear: clear, state, now, &out) { f in
                    let rate = "\(Self.number(f.value)) \(station.unit)/h"
                    let title = f.transition == .raised ? "\(station.name) rising \(rate)" : "\(station.name) rising \(rate) only"
                    return (title, f.value, nil)
                }
            }
        case .jam(let raise, let clear, let roads):
            for segment in state.segments.values where roads.isEmpty || roads.contains(segment.road) || roads.contains(segment.id) {
                scan(rule, subject: segment.id, segment.jamSeries.points, raise: Double(raise), clear: Double(clear), state, now, &out) { f in
                    let level = Int(f.value)
                    let title = f.transition == .raised
                        ? "\(segment.road) (\(segment.id)) jam \(level) \(JamLevel.label(level)) for \(durationText(seconds: rule.minDuration))"
                        : "\(segment.road) (\(segment.id)) jam down to \(level)"
                    return (title, f.value, JamLevel.label(level))
                }
            }
        case .overdueTickets(let moreThan, let clearAtOrBelow, let offices):
            let watched = offices.isEmpty ? state.agencies.sorted() : offices
            for office in watched {
                let points = Self.overdueCounts(of: office, in: state)
                scan(rule, subject: office, points, raise: Double(moreThan + 1), clear: Double(clearAtOrBelow + 1), state, now, &out) { f in
                    let n = Int(f.value)
                    let title = f.transition == .raised
                        ? "\(office): \(n) overdue tickets (more than \(moreThan))"
                        : "\(office): \(n) overdue ticket\(n == 1 ? "" : "s")"
                    return (title, f.value, nil)
                }
            }
        case .unacknowledgedIncident(let minSeverity, let targets):
            for inc in state.incidents.values where inc.severity >= minSeverity {
                guard let target = targets.targets(severity: inc.severity).acknowledge else { continue }
                let due = inc.reportedAt.adding(seconds: target)
                let answered = inc.acknowledgedAt ?? (inc.status.isOpen ? nil : inc.resolvedAt ?? inc.statusChangedAt)
                if let a = answered, a <= due { continue }
                var points: [(time: Instant, value: Double)] = [(due, 1)]
                if let a = answered { points.append((a, 0)) }
                scan(rule, subject: inc.id, points, raise: 1, clear: 1, state, now, &out) { f in
                    let title = f.transition == .raised
                        ? "\(inc.id) sev \(inc.severity) \(inc.category.rawValue) not acknowledged within \(durationText(seconds: target))"
                        : "\(inc.id) answered"
                    return (title, nil, nil)
                }
            }
        case .noSignal(let seconds, let sources):
            let watched = sources.isEmpty ? state.sourceActivity.keys.sorted() : sources
            for source in watched {
                guard let activity = state.sourceActivity[source] else { continue }
                scan(rule, subject: source, activity.silencePoints, raise: 1, clear: 1, state, now, &out, minDuration: seconds) { f in
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
                      raise: Double, clear: Double, _ state: CityState, _ now: Instant, _ out: inout [FeedEvent],
                      minDuration: Double? = nil,
                      describe: (EpisodeScanner.Found) -> (title: String, value: Double?, level: String?)) {
        let key = Alarm.episodeKey(rule: rule.name, subject: subject)
        let active = state.activeAlarmIDs[key].flatMap { state.alarms[$0] }
        let scanner = EpisodeScanner(raiseLevel: raise, clearLevel: clear, minDuration: minDuration ?? rule.minDuration)
        let found = scanner.scan(points, now: now, activeSince: active?.raisedAt, lastClear: state.lastAlarmClears[key])
        for f in found {
            let id = f.transition == .cleared && active != nil && f.episodeStart == active!.raisedAt
                ? active!.id : Alarm.id(rule: rule.name, subject: subject, episodeStart: f.episodeStart)
            let d = describe(f)
            out.append(FeedEvent(time: f.time, source: Self.source, payload: .alarm(AlarmEvent(
                id: id, rule: rule.name, transition: f.transition, severity: rule.severity, subject: subject,
                title: d.title, value: d.value, level: d.level))))
        }
    }

    /// Stations of `kind`, all or those named (by station id, key or name), by key.
    static func stations(of kind: SensorKind, named names: [String], in state: CityState) -> [SensorStation] {
        state.stations.values
            .filter { $0.kind == kind && (names.isEmpty || names.contains($0.stationID) || names.contains($0.key) || names.contains($0.name)) }
            .sorted { $0.key < $1.key }
    }

    /// The rate of change per hour at each point, over `window` seconds before it (from the
    /// value then, a step function); points with no value that old have none.
    static func rates(_ points: [(time: Instant, value: Double)], window: Double) -> [(time: Instant, value: Double)] {
        var out: [(time: Instant, value: Double)] = []
        var back = 0
        for p in points {
            let then = p.time.adding(seconds: -window)
            while back + 1 < points.count, points[back + 1].time <= then { back += 1 }
            guard points[back].time <= then else { continue }
            out.append((p.time, (p.value - points[back].value) * 3600 / window))
        }
        return out
    }

    /// An office's overdue-ticket count as a step function, rebuilt from the tickets kept: each
    /// ticket counts from its due time until it finished (or routed away, or now).
    static func overdueCounts(of office: String, in state: CityState) -> [(time: Instant, value: Double)] {
        var steps: [(time: Instant, delta: Int)] = []
        if let open = state.openTicketsByAgency[office] {
            for t in open.values { if let due = t.dueAt { steps.append((due, 1)) } }
        }
        for id in state.finishedTickets.keys {
            guard let t = state.tickets[id], t.agency == office, let due = t.dueAt, due < t.updatedAt else { continue }
            steps.append((due, 1))
            steps.append((t.updatedAt, -1))
        }
        steps.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var count = 0
        var out: [(time: Instant, value: Double)] = []
        for s in steps {
            count += s.delta
            if let last = out.last, last.time == s.time { out[out.count - 1].value = Double(count) } else { out.append((s.time, Double(count))) }
        }
        return out
    }

    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e12 ? String(Int64(v)) : String(format1: v)
    }
}

extension SensorStation {
    /// Its value at `t` (the last change at or before it), or its latest value.
    func value(at t: Instant) -> Double {
        series.points.last { $0.time <= t }?.value ?? value
    }
}
