import Foundation
import PantauCore
import Yams

/// Reads a rules file's YAML, collecting every problem with its line and column.
struct RulesParser {
    /// The rule kinds (`when:`) and the keys each takes besides the common ones.
    static let kindKeys: [(kind: String, keys: [String])] = [
        ("band", ["sensor", "at", "clear_below", "stations"]),
        ("above", ["sensor", "value", "clear_below", "stations"]),
        ("rising", ["sensor", "per_hour", "over", "clear_below", "stations"]),
        ("jam", ["level", "clear_below", "roads"]),
        ("overdue_tickets", ["more_than", "clear_at", "offices"]),
        ("unacknowledged", ["severity_at_least"]),
        ("no_signal", ["sources"]),
    ]
    static let commonKeys = ["name", "when", "severity", "for", "then"]
    static let thenKeys = ["bell", "flash", "incident", "command", "timeout", "mqtt"]
    /// What `for:` may be: none to a day.
    static let durationLimits: ClosedRange<Double> = 0...86_400

    let file: String
    private(set) var problems: [FileProblem] = []

    init(file: String) { self.file = file }

    private mutating func fail(_ node: Node?, _ message: String) {
        let m = node?.mark
        problems.append(FileProblem(file: file, line: m?.line ?? 1, column: m?.column ?? 1, message: message))
    }

    mutating func parseDocument(_ yaml: String) -> [AlertRule] {
        let root: Node?
        switch YAMLDocument.compose(yaml, file: file) {
        case .success(let node): root = node
        case .failure(let problem):
            problems.append(problem)
            return []
        }
        guard let root, let map = root.mapping, let list = map["rules"] else {
            fail(root, "expected a mapping with `rules:`, a list of rules (see `pantau rules example`)")
            return []
        }
        checkKeys(map, allowed: ["rules"], in: "the rules file")
        guard let entries = list.sequence else {
            fail(list, "`rules` must be a list of rules, each with `name` and `when`")
            return []
        }
        var out: [AlertRule] = []
        var lines: [String: Int] = [:]
        for entry in entries {
            guard let rule = rule(entry) else { continue }
            if let line = lines[rule.name] {
                fail(entry.mapping?["name"], "a rule named `\(rule.name)` is already defined at line \(line); names must be unique")
                continue
            }
            lines[rule.name] = entry.mapping?["name"]?.mark?.line ?? 0
            out.append(rule)
        }
        return out
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: [String], in place: String) {
        for (node, message) in YAMLChecks.unknownKeys(map, allowed: allowed, in: place) { fail(node, message) }
    }

    // MARK: - A rule

    private mutating func rule(_ entry: Node) -> AlertRule? {
        guard let map = entry.mapping else {
            fail(entry, "each rule must be a mapping with `name` and `when`")
            return nil
        }
        let problemsBefore = problems.count
        guard let nameNode = map["name"] else {
            fail(entry, "a rule needs `name`")
            return nil
        }
        guard let name = text(nameNode, "name") else { return nil }
        guard YAMLChecks.isIdentifier(name) else {
            fail(nameNode, "rule name `\(name)` must be letters, digits, `-`, `_` or `.` only (it is part of every alarm id), e.g. water-siaga2")
            return nil
        }
        guard let whenNode = map["when"] else {
            fail(entry, "rule `\(name)` needs `when`: one of \(Self.kindKeys.map(\.kind).joined(separator: ", "))")
            return nil
        }
        let kind = whenNode.scalar?.string ?? "…"
        guard let keys = Self.kindKeys.first(where: { $0.kind == kind })?.keys else {
            let hint = closestMatch(to: kind, among: Self.kindKeys.map(\.kind)).map { "did you mean `\($0)`? " } ?? ""
            fail(whenNode, "unknown rule kind `\(kind)`; \(hint)expected one of \(Self.kindKeys.map(\.kind).joined(separator: ", "))")
            return nil
        }
        checkKeys(map, allowed: Self.commonKeys + keys, in: "rule `\(name)` (when: \(kind))")
        let severity = map["severity"].flatMap { whole($0, "severity", 1...5) } ?? 3
        let minDuration = map["for"].flatMap { duration($0, "for", Self.durationLimits) } ?? 0
        let response = map["then"].map { self.response($0) } ?? AlarmResponse()
        let condition = self.condition(kind, map, entry, name: name, minDuration: minDuration)
        guard problems.count == problemsBefore, let condition else { return nil }
        // A no-signal rule's `for` is the silence it waits for, not a further wait.
        let wait = kind == "no_signal" ? 0 : minDuration
        return AlertRule(name: name, severity: severity, condition: condition, minDuration: wait, response: response)
    }

    private mutating func condition(_ kind: String, _ map: Node.Mapping, _ entry: Node, name: String,
                                    minDuration: Double) -> AlertCondition? {
        func required(_ key: String, _ what: String) -> Node? {
            if let n = map[key] { return n }
            fail(entry, "rule `\(name)` (when: \(kind)) needs `\(key)`: \(what)")
            return nil
        }
        switch kind {
        case "band":
            guard let sensorNode = required("sensor", "water_level, ispu or pm25"),
                  let atNode = required("at", "a band, e.g. Siaga 2 or Tidak Sehat") else { return nil }
            let sensor = SensorKind(name: sensorNode.scalar?.string ?? "")
            let named: (String) -> SensorLevel?
            switch sensor {
            case .waterLevel: named = SensorLevel.flood(named:)
            case .ispu, .pm25: named = SensorLevel.ispu(named:)
            default:
                fail(sensorNode, "a band rule watches water_level (flood alert levels) or ispu or pm25 (ISPU categories), not `\(sensorNode.string ?? "…")`")
                return nil
            }
            let levels = sensor == .waterLevel ? "Siaga 3 (Waspada), Siaga 2 (Siaga), Siaga 1 (Awas)"
                : "Sedang, Tidak Sehat, Sangat Tidak Sehat, Berbahaya"
            guard let at = (atNode.scalar?.string).flatMap(named), at.rank > 0 else {
                fail(atNode, "`at` must be a band above the lowest: \(levels), not `\(atNode.string ?? "…")`")
                return nil
            }
            var clear = BandClear.below(at.lower(kind: sensor)!)
            if let c = map["clear_below"] {
                if let v = c.int.map(Double.init) ?? c.float, v.isFinite {
                    clear = .belowValue(v)
                } else if let level = (c.scalar?.string).flatMap(named), level < at {
                    clear = .below(level)
                } else {
                    fail(c, "`clear_below` must be a band below `at` (\(at.label)) or a value: the alarm clears when the reading falls below it")
                    return nil
                }
            }
            return .band(kind: sensor, raise: at, clear: clear, stations: names(map["stations"], "stations"))
        case "above":
            guard let sensorNode = required("sensor", "the sensor kind, e.g. water_level or rainfall"),
                  let valueNode = required("value", "the level to raise at"),
                  let sensorName = text(sensorNode, "sensor"), let value = number(valueNode, "value") else { return nil }
            guard let clear = clearBelow(map["clear_below"], raise: value, key: "value", default: value - max(abs(value) * 0.05, 1)) else { return nil }
            return .threshold(kind: SensorKind(name: sensorName), raise: value, clear: clear, stations: names(map["stations"], "stations"))
        case "rising":
            guard let sensorNode = required("sensor", "the sensor kind, e.g. water_level"),
                  let rateNode = required("per_hour", "the rise per hour to raise at, e.g. 30 (cm per hour for a gauge)"),
                  let sensorName = text(sensorNode, "sensor"), let rate = number(rateNode, "per_hour") else { return nil }
            guard rate > 0 else {
                fail(rateNode, "`per_hour` must be a rise above 0")
                return nil
            }
            let window = map["over"].flatMap { duration($0, "over", 60...86_400) } ?? 3600
            guard let clear = clearBelow(map["clear_below"], raise: rate, key: "per_hour", default: rate / 2) else { return nil }
            return .rateOfRise(kind: SensorKind(name: sensorName), raise: rate, clear: clear, window: window,
                               stations: names(map["stations"], "stations"))
        case "jam":
            guard let levelNode = required("level", "a jam level from 1 to 5"),
                  let level = whole(levelNode, "level", 1...5) else { return nil }
            var clear = level - 1
            if let c = map["clear_below"] {
                guard let v = whole(c, "clear_below", 1...5) else { return nil }
                guard v <= level else {
                    fail(c, "`clear_below` must be at or below `level` (\(level))")
                    return nil
                }
                clear = v
            }
            return .jam(raise: level, clear: max(clear, 1), roads: names(map["roads"], "roads"))
        case "overdue_tickets":
            guard let nNode = required("more_than", "the number of overdue tickets an office may have"),
                  let n = whole(nNode, "more_than", 0...100_000) else { return nil }
            var clear = max(0, n - 1)
            if let c = map["clear_at"] {
                guard let v = whole(c, "clear_at", 0...100_000) else { return nil }
                guard v <= n else {
                    fail(c, "`clear_at` must be at most `more_than` (\(n)): the alarm clears at that many overdue tickets or fewer")
                    return nil
                }
                clear = v
            }
            return .overdueTickets(moreThan: n, clearAtOrBelow: clear, offices: names(map["offices"], "offices"))
        case "unacknowledged":
            let s = map["severity_at_least"].flatMap { whole($0, "severity_at_least", 1...5) } ?? 4
            return .unacknowledgedIncident(minSeverity: s, targets: .standard)
        case "no_signal":
            guard minDuration >= SourceActivity.shortestGap else {
                fail(map["for"] ?? entry, "a no_signal rule needs `for`: the silence to wait for, at least \(DurationText.format(SourceActivity.shortestGap))")
                return nil
            }
            return .noSignal(seconds: minDuration, sources: names(map["sources"], "sources"))
        default:
            return nil
        }
    }

    /// A numeric `clear_below` (nil node: `fallback`), which must lie below the raise level
    /// given as `key`; nil when it is bad (reported).
    private mutating func clearBelow(_ node: Node?, raise: Double, key: String, default fallback: Double) -> Double? {
        guard let node else { return fallback }
        guard let v = number(node, "clear_below") else { return nil }
        guard v < raise else {
            fail(node, "`clear_below` must be below `\(key)` (\(RuleEvaluator.number(raise))): the gap keeps a value that hovers at the level from flapping")
            return nil
        }
        return v
    }

    // MARK: - then

    private mutating func response(_ node: Node) -> AlarmResponse {
        guard let map = node.mapping else {
            fail(node, "`then` must be a mapping with any of \(Self.thenKeys.joined(separator: ", "))")
            return AlarmResponse()
        }
        checkKeys(map, allowed: Self.thenKeys, in: "`then`")
        var r = AlarmResponse()
        if let v = map["bell"], let b = flag(v, "bell") { r.bell = b }
        if let v = map["flash"], let b = flag(v, "flash") { r.flash = b }
        if let v = map["incident"], let b = flag(v, "incident") { r.createIncident = b }
        if let v = map["command"] {
            if let list = v.sequence, !list.isEmpty {
                r.command = list.compactMap { text($0, "command") }
            } else {
                fail(v, "`command` must be a non-empty list: the program and its arguments, e.g. [notify-send, Pantau] (never run through a shell)")
            }
        }
        if let v = map["timeout"], let d = duration(v, "timeout", 0.1...3600) {
            if map["command"] == nil { fail(v, "`timeout` is for a `command`; give one, or leave it out") }
            r.commandTimeout = d
        }
        if let v = map["mqtt"], let topic = text(v, "mqtt") {
            if topic.contains("+") || topic.contains("#") {
                fail(v, "`mqtt` must be a topic to publish to, without wildcards (+ or #)")
            } else {
                r.mqttTopic = topic
            }
        }
        return r
    }

    // MARK: - Values

    private mutating func text(_ node: Node, _ key: String) -> String? {
        guard let s = node.scalar?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail(node, "`\(key)` must be a non-empty text")
            return nil
        }
        return s
    }

    private mutating func number(_ node: Node, _ key: String) -> Double? {
        guard node.scalar != nil, let v = node.int.map(Double.init) ?? node.float, v.isFinite else {
            fail(node, "`\(key)` must be a number, not `\(node.string ?? "…")`")
            return nil
        }
        return v
    }

    private mutating func whole(_ node: Node, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard node.scalar != nil, let v = node.int, range.contains(v) else {
            fail(node, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(node.string ?? "…")`")
            return nil
        }
        return v
    }

    private mutating func flag(_ node: Node, _ key: String) -> Bool? {
        guard node.scalar != nil, let b = node.bool else {
            fail(node, "`\(key)` must be true or false, not `\(node.string ?? "…")`")
            return nil
        }
        return b
    }

    private mutating func duration(_ node: Node, _ key: String, _ limits: ClosedRange<Double>) -> Double? {
        guard let t = node.scalar?.string, let d = DurationText.total(t) else {
            fail(node, "`\(key)` must be \(DurationText.expected), not `\(node.string ?? "…")`")
            return nil
        }
        guard limits.contains(d) else {
            fail(node, "`\(key)` must be from \(DurationText.format(limits.lowerBound)) to \(DurationText.format(limits.upperBound)), not `\(t)`")
            return nil
        }
        return d
    }

    /// A list of names (stations, roads, offices, sources), or one name; nil node: none (any).
    private mutating func names(_ node: Node?, _ key: String) -> [String] {
        guard let node else { return [] }
        if node.scalar != nil { return text(node, key).map { [$0] } ?? [] }
        guard let list = node.sequence, !list.isEmpty else {
            fail(node, "`\(key)` must be a name or a non-empty list of names (leave it out for any)")
            return []
        }
        return list.compactMap { text($0, key) }
    }

}
