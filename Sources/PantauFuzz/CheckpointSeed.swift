import Foundation
import PantauConfig
import PantauCore
import PantauFeeds

/// The `checkpoint` harness's seed: a journal checkpoint (``CompactEncoder`` of a ``CityState``)
/// with every part of the state filled in — incidents, tickets, sensor stations, traffic, alarms
/// raised by rules, units and actions of each kind — so the fuzzer starts from a checkpoint that
/// decodes and mutates its way through every field, not only the decoder's first refusal.
///
/// `Tests/Fuzz/Corpus/checkpoint/small-day` is this seed; a test checks it still decodes with
/// the current encoding (a change to `CityState`'s fields makes every old seed a shallow one)
/// and rewrites it with `PANTAU_RECORD=1`.
public enum CheckpointSeed {
    /// Rules that fire within the seed's hour: every reading and jam above a low level.
    static let rulesYAML = """
    rules:
      - name: seed-water
        when: above
        sensor: water_level
        value: 1
      - name: seed-jam
        when: jam
        level: 2
    """

    /// The encoded state: a quarter of an hour of Kota Tangerang (seed 7) about a few subjects of
    /// each kind (small, so each execution of the fuzzer is quick) with part of the shipped
    /// roster, the rules above evaluated every five minutes, then actions on the first
    /// incidents, ticket, unit and alarm.
    public static func make() throws -> Data {
        let start = FuzzEvents.start
        var state = CityState()
        state.registerUnits(Array(DeskConfig.shipped.units.prefix(4)))
        let evaluator = RuleEvaluator(rules: try RulesFile.parse(rulesYAML, file: "seed-rules.yaml").rules)
        var nextEvaluation = start
        var subjects = SubjectSample()
        CitySimulator(seed: 7, start: start, hours: 0.25).run { event in
            guard subjects.keeps(event) else { return }
            if event.time >= nextEvaluation {
                evaluator.apply(to: &state, asOf: event.time)
                nextEvaluation = Instant(millis: event.time.millis + 300_000)
            }
            state.apply(event)
        }
        let end = Instant(millis: start.millis + 900_000)
        evaluator.apply(to: &state, asOf: end)
        act(on: &state, at: end)
        return try CompactEncoder.encode(state)
    }

    /// One action of each kind a supervisor takes, each applied with the version its target has.
    static func act(on state: inout CityState, at time: Instant) {
        var count = 0
        func add(_ verb: ActionVerb, _ target: String, _ fill: (inout ActionFields) -> Void = { _ in }) {
            var fields = ActionFields()
            fill(&fields)
            count += 1
            let seen: Int?
            switch verb.targetKind {
            case .incident: seen = state.incidents[target]?.version
            case .ticket: seen = state.tickets[target]?.version
            case .unit, .alarm: seen = nil
            }
            let action = ActionEvent(actionID: "seed-\(count)", verb: verb, target: target, by: "siti",
                                     role: .supervisor, console: "seed", seenVersion: seen, fields: fields)
            state.apply(FeedEvent(time: time, payload: .action(action)))
        }
        let incidents = state.incidents.keys.sorted()
        let unit = state.unitRoster.first?.id ?? "DMK-01"
        if let first = incidents.first {
            add(.acknowledge, first)
            add(.dispatch, first) { $0.unit = unit }
            add(.note, first) { $0.note = "unit on the way" }
        }
        if incidents.count > 1 {
            add(.resolve, incidents[1]) { $0.disposition = DeskConfig.shipped.dispositions.last?.code }
        }
        add(.create, "CALL-seed-1") {
            $0.category = IncidentCategory.allCases.first
            $0.title = "banjir di Jl. Daan Mogot"
            $0.severity = 3
            $0.callerName = "Budi"
            $0.callerPhone = "0812"
        }
        if let ticket = state.tickets.keys.sorted().first {
            add(.ticketVerify, ticket)
            add(.ticketNote, ticket) { $0.note = "checked on site" }
        }
        if let alarm = state.alarms.keys.sorted().first {
            add(.acknowledgeAlarm, alarm)
            add(.noteAlarm, alarm) { $0.note = "watching" }
        }
        if let other = state.unitRoster.last?.id { add(.unitStatus, other) { $0.unitStatus = .outOfService } }
    }

    /// The first few subjects of each kind (segments, incidents, tickets, stations of each
    /// sensor): the events about any other are left out.
    struct SubjectSample {
        static let perKind = 3
        var seen: [String: Set<String>] = [:]

        mutating func keeps(_ event: FeedEvent) -> Bool {
            let (kind, subject): (String, String)
            switch event.payload {
            case .traffic(let t): (kind, subject) = ("traffic", t.segment)
            case .incident(let i): (kind, subject) = ("incident", i.id)
            case .sensor(let r): (kind, subject) = ("sensor-\(r.sensor)", r.station)
            case .ticket(let t): (kind, subject) = ("ticket", t.id)
            default: return true
            }
            if seen[kind, default: []].contains(subject) { return true }
            guard seen[kind, default: []].count < Self.perKind else { return false }
            seen[kind, default: []].insert(subject)
            return true
        }
    }
}
