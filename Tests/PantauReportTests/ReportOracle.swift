import Foundation
import PantauCore
import PantauReport

/// The report's figures worked out again from the raw events by a plain fold written for the
/// tests: no decoder, no store, no report code. It knows the feed's incident, ticket and sensor
/// events, alarms and alarm actions, and the action verbs the tests use (`create`,
/// `acknowledge`, `resolve`, `note`), with the store's rules for those.
struct ReportOracle {
    private static let statuses = ["new", "acknowledged", "dispatched", "on_scene", "resolved", "closed"]
    private static let openTicket: Set<String> = ["open", "verified", "in_progress"]

    struct Incident {
        var firstAt: Double
        var firstRank: Int
        var category: String
        var severity: Int
        var rank: Int
        var steps: [Double?] = [nil, nil, nil, nil]  // acknowledged, dispatched, on scene, resolved
        var disposition: String?
        var exercise = false

        mutating func stamp(_ t: Double) {
            if rank < 4 {
                for i in 0..<3 where rank >= i + 1 && steps[i] == nil { steps[i] = t }
                steps[3] = nil
            } else if steps[3] == nil {
                steps[3] = t
            }
        }
        mutating func move(to next: Int) {
            if next >= rank || next == 1 { rank = next }
        }
    }

    struct Ticket {
        var created: Double
        var agency: String
        var status: String
        var slaHours: Double?
    }

    struct Alarm {
        var rule: String
        var raisedAt: Double
        var cleared = false
        var acknowledgedAt: Double?
    }

    var from = Double.infinity
    var to = -Double.infinity
    var events = 0
    var incidents: [String: Incident] = [:]
    var tickets: [String: Ticket] = [:]
    var ticketsClosed: [String: Int] = [:]
    var users: [String: (actions: Int, rejected: Int, verbs: [String: Int])] = [:]
    var exerciseActions = 0
    var alarms: [String: Alarm] = [:]
    var water: [String: (peak: Double, at: Double, fed: GaugeThresholds?)] = [:]

    init(lines: [String]) {
        let raw = lines.compactMap(RawEvent.init)
        for e in raw {
            from = min(from, e.ts)
            to = max(to, e.ts)
        }
        for e in raw { fold(e) }
    }

    private mutating func fold(_ e: RawEvent) {
        events += 1
        switch e.kind {
        case "incident": incident(e)
        case "ticket": ticket(e)
        case "sensor":
            guard e.string("sensor") == "water_level", let station = e.string("station"), let v = e.number("value") else { return }
            var w = water[station] ?? (peak: -Double.infinity, at: 0, fed: nil)
            if v > w.peak { w.peak = v; w.at = e.ts }
            if let a = e.number("waspada"), let s = e.number("siaga"), let aw = e.number("awas") {
                w.fed = GaugeThresholds(waspada: a, siaga: s, awas: aw)
            }
            water[station] = w
        case "alarm":
            guard let id = e.string("id") else { return }
            if e.string("state") == "raised", alarms[id] == nil {
                alarms[id] = Alarm(rule: e.string("rule")!, raisedAt: e.ts)
            } else if e.string("state") == "cleared" {
                alarms[id]?.cleared = true
            }
        case "action": action(e)
        default: break
        }
    }

    private mutating func incident(_ e: RawEvent) {
        let id = e.string("id")!
        let category = e.string("category").map { IncidentCategory(rawValue: $0) == nil ? "other" : $0 }
        var inc = incidents[id] ?? Incident(firstAt: e.ts, firstRank: Self.rank(e.string("status")) ?? 0,
                                             category: category ?? "other", severity: 1,
                                             rank: Self.rank(e.string("status")) ?? 0)
        if let c = category { inc.category = c }
        if let s = e.number("severity") { inc.severity = min(5, max(1, Int(s))) }
        if let r = Self.rank(e.string("status")) { inc.move(to: r) }
        if e.object["exercise"] as? Bool == true { inc.exercise = true }
        inc.stamp(e.ts)
        incidents[id] = inc
    }

    private static func rank(_ status: String?) -> Int? { status.flatMap { statuses.firstIndex(of: $0) } }

    private mutating func ticket(_ e: RawEvent) {
        let id = e.string("id")!
        let wasOpen = tickets[id].map { Self.openTicket.contains($0.status) } ?? false
        var t = tickets[id] ?? Ticket(created: e.ts, agency: e.string("agency") ?? "(unrouted)",
                                      status: e.string("status") ?? "open", slaHours: nil)
        if let c = e.string("created") { t.created = RawEvent.seconds(c)! }
        if let a = e.string("agency") { t.agency = a }
        if let s = e.string("status") { t.status = s }
        if let h = e.number("sla_h") { t.slaHours = h }
        tickets[id] = t
        if wasOpen, !Self.openTicket.contains(t.status) { ticketsClosed[t.agency, default: 0] += 1 }
    }

    private mutating func action(_ e: RawEvent) {
        let verb = e.string("verb")!, target = e.string("target")!, by = e.string("by")!
        let role = e.string("role")!
        var accepted = role != "viewer"
        switch verb {
        case "create":
            accepted = accepted && incidents[target] == nil
            if accepted {
                var inc = Incident(firstAt: e.ts, firstRank: 0, category: e.string("category") ?? "other",
                                   severity: Int(e.number("severity") ?? 3), rank: 0)
                inc.exercise = e.object["exercise"] as? Bool == true
                inc.stamp(e.ts)
                incidents[target] = inc
            }
        case "acknowledge":
            accepted = accepted && incidents[target]?.rank == 0
            if accepted { incidents[target]!.move(to: 1); incidents[target]!.stamp(e.ts) }
        case "resolve":
            accepted = accepted && role == "supervisor" && (incidents[target].map { $0.rank < 4 } ?? false)
                && e.string("disposition") != nil
            if accepted {
                incidents[target]!.disposition = e.string("disposition")
                incidents[target]!.move(to: 4)
                incidents[target]!.stamp(e.ts)
            }
        case "note":
            accepted = accepted && incidents[target] != nil && !(e.string("note") ?? "").isEmpty
        case "acknowledge_alarm":
            accepted = true
            if let a = alarms[target], a.acknowledgedAt == nil { alarms[target]!.acknowledgedAt = e.ts }
        default:
            accepted = accepted && (verb == "note_alarm" || verb == "incident_from_alarm")
        }
        if incidents[target]?.exercise == true {
            if accepted { exerciseActions += 1 }
            return
        }
        var u = users[by] ?? (actions: 0, rejected: 0, verbs: [:])
        if accepted {
            u.actions += 1
            u.verbs[verb, default: 0] += 1
        } else {
            u.rejected += 1
        }
        users[by] = u
    }

    // MARK: - Figures, as lines per section

    var figures: [String: [String]] {
        var f: [String: [String]] = [:]
        let real = incidents.values.filter { !$0.exercise }
        let measured = real.filter { $0.firstRank == 0 }
        f["summary"] = ["events \(events)", "reported \(real.count)", "notMeasured \(real.count - measured.count)",
                        "exercise \(incidents.values.count - real.count)", "exerciseActions \(exerciseActions)"]
        func categories(_ list: [Incident]) -> [String] {
            Dictionary(grouping: list, by: \.category).map { c, l in
                "\(c) \(l.count) \(l.filter { $0.rank < 4 }.count) \(l.filter { $0.rank >= 4 }.count)"
            }.sorted()
        }
        f["category"] = categories(real)
        f["exerciseCategory"] = categories(incidents.values.filter(\.exercise))
        f["outcome"] = Dictionary(grouping: real) { $0.rank < 4 ? "open" : $0.disposition ?? "no disposition" }
            .map { "\($0.key) \($0.value.count)" }.sorted()
        func response(_ groups: [String: [Incident]]) -> [String] {
            groups.map { g, l in
                var line = "\(g) \(l.count)"
                for i in 0..<4 {
                    let samples = l.compactMap { inc in inc.steps[i].map { max(0, $0 - inc.firstAt) } }
                    line += " \(secondsText(percentile(samples, 0.5))) \(secondsText(percentile(samples, 0.9)))"
                }
                return line
            }.sorted()
        }
        f["respCat"] = response(Dictionary(grouping: measured, by: \.category))
        f["respSev"] = response(Dictionary(grouping: measured) { String($0.severity) })
        f["targets"] = Dictionary(grouping: measured, by: \.severity).map { sev, l in
            let t = ResponseTargets.standard.targets(severity: sev)
            let targets = [t.acknowledge, t.dispatch, t.onScene]
            var missed = [0, 0, 0], any = 0
            for inc in l {
                var late = false
                for i in 0..<3 {
                    guard let target = targets[i] else { continue }
                    let elapsed: Double? = inc.steps[i].map { $0 - inc.firstAt } ?? (inc.rank < 4 ? to - inc.firstAt : nil)
                    if let elapsed, elapsed > target { missed[i] += 1; late = true }
                }
                if late { any += 1 }
            }
            return "\(sev) \(l.count) \(missed[0]) \(missed[1]) \(missed[2]) \(any)"
        }.sorted()
        let firstHour = floor(from / 3600) * 3600, lastHour = floor(to / 3600) * 3600
        f["hours"] = stride(from: firstHour, through: lastHour, by: 3600).map { h in
            "\(Int64(h)) \(real.filter { floor($0.firstAt / 3600) * 3600 == h }.count)"
        }
        f["distribution"] = Dictionary(grouping: measured, by: \.category).compactMap { c, l in
            let s = l.compactMap { inc in inc.steps[2].map { max(0, $0 - inc.firstAt) } }.sorted()
            return s.isEmpty ? nil : "\(c) " + s.map { secondsText($0) }.joined(separator: ",")
        }.sorted()
        var offices: [String: [Int]] = [:]
        for t in tickets.values {
            var r = offices[t.agency] ?? [0, 0, 0, 0]
            if t.created >= from, t.created <= to { r[0] += 1 }
            let open = Self.openTicket.contains(t.status)
            if open { r[2] += 1 }
            if open, let h = t.slaHours, to > t.created + h * 3600 { r[3] += 1 }
            offices[t.agency] = r
        }
        for (o, n) in ticketsClosed { offices[o, default: [0, 0, 0, 0]][1] = n }
        f["tickets"] = offices.filter { $0.value.reduce(0, +) > 0 }.map { "\($0.key) " + $0.value.map(String.init).joined(separator: " ") }.sorted()
        f["users"] = users.map { u, t in
            "\(u) \(t.actions) \(t.rejected) " + t.verbs.keys.sorted().map { "\($0)=\(t.verbs[$0]!)" }.joined(separator: ",")
        }.sorted()
        f["alarms"] = Dictionary(grouping: alarms.values, by: \.rule).map { rule, l in
            let acks = l.compactMap { a in a.acknowledgedAt.map { $0 - a.raisedAt } }
            return "\(rule) \(l.count) \(l.filter(\.cleared).count) \(acks.count) \(secondsText(percentile(acks, 0.5))) \(secondsText(percentile(acks, 0.9))) \(l.count - acks.count)"
        }.sorted()
        let ranked = water.map { station, w -> (String, Double, Double, Int, Double) in
            let th = GaugeThresholds.defaults[station] ?? w.fed ?? .fallback
            let level = w.peak >= th.awas ? 3 : w.peak >= th.siaga ? 2 : w.peak >= th.waspada ? 1 : 0
            return (station, w.peak, w.at, level, w.peak / th.awas)
        }.max { ($0.3, $0.4) < ($1.3, $1.4) }
        f["gauge"] = ranked.map { ["\($0.0) \($0.1) \(Int64($0.2))"] } ?? []
        return f
    }
}

/// The same lines from a report.
func figures(of r: ShiftReport) -> [String: [String]] {
    var f: [String: [String]] = [:]
    f["summary"] = ["events \(r.eventsInPeriod)", "reported \(r.incidentsReported)", "notMeasured \(r.incidentsNotMeasured)",
                    "exercise \(r.exercise.incidents)", "exerciseActions \(r.exercise.actions)"]
    f["category"] = r.byCategory.map { "\($0.category) \($0.reported) \($0.open) \($0.finished)" }.sorted()
    f["exerciseCategory"] = r.exercise.byCategory.map { "\($0.category) \($0.reported) \($0.open) \($0.finished)" }.sorted()
    f["outcome"] = r.byOutcome.map { "\($0.outcome) \($0.incidents)" }.sorted()
    func response(_ rows: [ResponseRow]) -> [String] {
        rows.map { row in
            "\(row.group) \(row.incidents)" + row.steps.map { " \(secondsText($0.median)) \(secondsText($0.p90))" }.joined()
        }.sorted()
    }
    f["respCat"] = response(r.responseByCategory)
    f["respSev"] = response(r.responseBySeverity)
    f["targets"] = r.targetsMissed.map {
        "\($0.severity) \($0.incidents) \($0.acknowledgeMissed) \($0.dispatchMissed) \($0.onSceneMissed) \($0.anyMissed)"
    }.sorted()
    f["hours"] = r.incidentsPerHour.map { "\($0.hour.millis / 1000) \($0.incidents)" }
    f["distribution"] = r.onSceneDistribution.map { "\($0.group) " + $0.seconds.map { secondsText($0) }.joined(separator: ",") }.sorted()
    f["tickets"] = r.ticketsByOffice.map { "\($0.office) \($0.opened) \($0.closed) \($0.open) \($0.overdue)" }.sorted()
    f["users"] = r.actionsByUser.map { u in
        "\(u.user) \(u.actions) \(u.rejected) " + u.byVerb.map { "\($0.verb)=\($0.count)" }.joined(separator: ",")
    }.sorted()
    f["alarms"] = r.alarmsByRule.map {
        "\($0.rule) \($0.raised) \($0.cleared) \($0.toAcknowledge.count) \(secondsText($0.toAcknowledge.median)) \(secondsText($0.toAcknowledge.p90)) \($0.neverAcknowledged)"
    }.sorted()
    f["gauge"] = r.worstGauge.map { ["\($0.station) \($0.peak) \($0.peakAt.millis / 1000)"] } ?? []
    return f
}
