import Foundation
import PantauCore
import Yams

extension DeskConfig {
    /// Reads and checks the desk file at `path` (named so in messages).
    public static func load(path: String) throws -> DeskConfig {
        switch ConfigFile.read(path: path, file: path) {
        case .success(let text): return try parse(text, file: path)
        case .failure(let problem): throw DeskConfigError(problems: [problem])
        }
    }

    /// Checks `yaml` (named `file` in messages) and makes the desk, each section left out taken
    /// from ``shipped``. Every problem in the file is reported, in file order, not only the first.
    public static func parse(_ yaml: String, file: String) throws -> DeskConfig {
        try parse(yaml, file: file, defaults: shipped)
    }

    static func parse(_ yaml: String, file: String, defaults: DeskConfig) throws -> DeskConfig {
        var parser = DeskConfigParser(file: file)
        let desk = parser.parseDocument(yaml, defaults: defaults)
        guard parser.problems.isEmpty else {
            throw DeskConfigError(problems: parser.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return desk
    }
}

/// Reads a desk file's YAML, collecting every problem with its line and column.
struct DeskConfigParser {
    static let sectionKeys = ["units", "users", "dispositions", "targets"]
    static let unitKeys = ["id", "name", "agency", "kind", "station", "lat", "lon"]
    static let userKeys = ["role", "name"]
    static let targetKeys = ["acknowledge", "dispatch", "on_scene"]
    /// What a target may be: a second to a week (`none` for no target).
    static let targetLimits: ClosedRange<Double> = 1...(7 * 86_400)

    let file: String
    private(set) var problems: [FileProblem] = []

    init(file: String) { self.file = file }

    private mutating func fail(_ node: Node?, _ message: String) {
        let m = node?.mark
        problems.append(FileProblem(file: file, line: m?.line ?? 1, column: m?.column ?? 1, message: message))
    }

    mutating func parseDocument(_ yaml: String, defaults: DeskConfig) -> DeskConfig {
        var desk = defaults
        let root: Node?
        switch YAMLDocument.compose(yaml, file: file) {
        case .success(let node): root = node
        case .failure(let problem):
            problems.append(problem)
            return desk
        }
        // An empty file is the shipped desk.
        guard let root else { return desk }
        guard let map = root.mapping else {
            fail(root, "expected a mapping with any of \(Self.sectionKeys.map { "`\($0):`" }.joined(separator: ", "))")
            return desk
        }
        checkKeys(map, allowed: Self.sectionKeys, in: "the desk file")
        if let node = map["units"] { desk.units = units(node) }
        if let node = map["users"] { desk.users = users(node) }
        if let node = map["dispositions"] { desk.dispositions = dispositions(node) }
        if let node = map["targets"] { desk.targets = targets(node, defaults: defaults.targets) }
        return desk
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: [String], in place: String) {
        for (node, message) in YAMLChecks.unknownKeys(map, allowed: allowed, in: place) { fail(node, message) }
    }

    /// A non-empty single text.
    private mutating func text(_ node: Node, _ key: String) -> String? {
        guard let s = node.scalar?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail(node, "`\(key)` must be a non-empty text")
            return nil
        }
        return s
    }

    // MARK: - units

    private mutating func units(_ node: Node) -> [UnitDefinition] {
        guard let list = node.sequence, !list.isEmpty else {
            fail(node, "`units` must be a non-empty list of units, each with `id`, `name`, `agency` and `kind` (leave it out for the shipped roster)")
            return []
        }
        var out: [UnitDefinition] = []
        var lines: [String: Int] = [:]
        for entry in list {
            guard let map = entry.mapping else {
                fail(entry, "each unit must be a mapping with `id`, `name`, `agency` and `kind`")
                continue
            }
            checkKeys(map, allowed: Self.unitKeys, in: "a unit")
            var values: [String: String] = [:]
            for key in ["id", "name", "agency", "kind", "station"] {
                guard let v = map[key] else { continue }
                values[key] = text(v, key)
            }
            var complete = true
            for key in ["id", "name", "agency", "kind"] where map[key] == nil {
                fail(entry, "a unit needs `\(key)`\(values["id"].map { " (unit `\($0)`)" } ?? "")")
                complete = false
            }
            if let id = values["id"], let idNode = map["id"] {
                if !YAMLChecks.isIdentifier(id) {
                    fail(idNode, "unit id `\(id)` must be letters, digits, `-`, `_` or `.` only, e.g. DMK-01")
                    complete = false
                } else if let line = lines[id] {
                    fail(idNode, "a unit with id `\(id)` is already defined at line \(line); ids must be unique")
                    complete = false
                }
                lines[id] = lines[id] ?? idNode.mark?.line ?? 0
            }
            guard case .ok(let location) = position(map),
                  complete, let id = values["id"], let name = values["name"], let agency = values["agency"],
                  let kind = values["kind"] else { continue }
            out.append(UnitDefinition(id: id, name: name, agency: agency, kind: kind,
                                      station: values["station"], location: location))
        }
        return out
    }

    /// A value read from the file, perhaps absent (nil), or `bad` (reported).
    private enum Checked<Value> {
        case ok(Value)
        case bad
    }

    /// A unit's `lat` and `lon` (both or neither).
    private mutating func position(_ map: Node.Mapping) -> Checked<GeoPoint?> {
        let lat = map["lat"].map { coordinate($0, "lat", range: -90...90) }
        let lon = map["lon"].map { coordinate($0, "lon", range: -180...180) }
        switch (lat, lon) {
        case (nil, nil): return .ok(nil)
        case (.some(let a), .some(let o)):
            guard let a, let o else { return .bad }
            guard !(a == 0 && o == 0) else {
                fail(map["lat"], "`lat` and `lon` 0, 0 is no station's place (a missing position?)")
                return .bad
            }
            return .ok(GeoPoint(lat: a, lon: o))
        case (.some, nil):
            fail(map["lat"], "a unit with `lat` needs `lon` too")
            return .bad
        case (nil, .some):
            fail(map["lon"], "a unit with `lon` needs `lat` too")
            return .bad
        }
    }

    private mutating func coordinate(_ node: Node, _ key: String, range: ClosedRange<Double>) -> Double? {
        let what = key == "lat" ? "a latitude" : "a longitude"
        guard node.scalar != nil, let v = node.float ?? node.int.map(Double.init), v.isFinite else {
            fail(node, "`\(key)` must be \(what) in decimal degrees, not `\(node.string ?? "…")`")
            return nil
        }
        guard range.contains(v) else {
            fail(node, "`\(key)` must be \(what) from \(Int(range.lowerBound)) to \(Int(range.upperBound)), not `\(node.string ?? "…")`")
            return nil
        }
        return v
    }

    // MARK: - users

    private mutating func users(_ node: Node) -> [DeskConfig.User] {
        guard let map = node.mapping else {
            fail(node, "`users` must be a mapping of user names to roles, e.g. `ani: supervisor`")
            return []
        }
        var out: [DeskConfig.User] = []
        for (k, value) in map {
            guard let name = text(k, "user name") else { continue }
            if name.contains(where: \.isWhitespace) {
                fail(k, "user name `\(name)` must not contain spaces (it is a login name; give the full name as `name:`)")
                continue
            }
            var roleNode: Node? = value
            var displayName: String?
            if let entry = value.mapping {
                checkKeys(entry, allowed: Self.userKeys, in: "user `\(name)`")
                roleNode = entry["role"]
                if roleNode == nil { fail(value, "user `\(name)` needs `role`: one of \(Self.roleNames)") }
                if let n = entry["name"] {
                    guard let s = text(n, "name") else { continue }
                    displayName = s
                }
            }
            guard let roleNode, let role = role(roleNode) else { continue }
            out.append(DeskConfig.User(name: name, role: role, displayName: displayName))
        }
        return out
    }

    private static var roleNames: String { Role.allCases.map(\.rawValue).joined(separator: ", ") }

    private mutating func role(_ node: Node) -> Role? {
        let t = node.scalar?.string ?? "…"
        if let role = Role(rawValue: t) { return role }
        let hint = closestMatch(to: t, among: Role.allCases.map(\.rawValue)).map { "did you mean `\($0)`? " } ?? ""
        fail(node, "unknown role `\(t)`; \(hint)expected one of \(Self.roleNames) (or a mapping with `role` and `name`)")
        return nil
    }

    // MARK: - dispositions

    private mutating func dispositions(_ node: Node) -> [DeskConfig.Disposition] {
        guard let map = node.mapping, !map.isEmpty else {
            fail(node, "`dispositions` must be a mapping of codes to labels, e.g. `handled: Handled on scene`")
            return []
        }
        var out: [DeskConfig.Disposition] = []
        for (k, value) in map {
            guard let code = text(k, "disposition code") else { continue }
            guard YAMLChecks.isIdentifier(code) else {
                fail(k, "disposition code `\(code)` must be letters, digits, `-`, `_` or `.` only, e.g. false_alarm")
                continue
            }
            guard let label = text(value, "label of `\(code)`") else { continue }
            out.append(DeskConfig.Disposition(code: code, label: label))
        }
        if !out.isEmpty, !out.contains(where: { $0.code == DeskConfig.duplicateDisposition }) {
            fail(node, "`dispositions` must have `\(DeskConfig.duplicateDisposition)`: merging an incident into another closes it with that code")
        }
        return out
    }

    // MARK: - targets

    private mutating func targets(_ node: Node, defaults: ResponseTargets) -> ResponseTargets {
        guard let map = node.mapping else {
            fail(node, "`targets` must be a mapping of severities (1 to 5) to targets, e.g. `5: {acknowledge: 1m, dispatch: 3m, on_scene: 15m}`")
            return defaults
        }
        var out = defaults
        while out.bySeverity.count < 6 { out.bySeverity.append(.init(acknowledge: nil, dispatch: nil, onScene: nil)) }
        for (k, value) in map {
            guard let severity = k.int, (1...5).contains(severity) else {
                fail(k, "a severity must be a whole number from 1 to 5, not `\(k.string ?? "…")`")
                continue
            }
            guard let steps = value.mapping else {
                fail(value, "the targets of severity \(severity) must be a mapping with any of \(Self.targetKeys.joined(separator: ", "))")
                continue
            }
            checkKeys(steps, allowed: Self.targetKeys, in: "the targets of severity \(severity)")
            var t = out.bySeverity[severity]
            if let v = steps["acknowledge"], case .ok(let d) = target(v, "acknowledge") { t.acknowledge = d }
            if let v = steps["dispatch"], case .ok(let d) = target(v, "dispatch") { t.dispatch = d }
            if let v = steps["on_scene"], case .ok(let d) = target(v, "on_scene") { t.onScene = d }
            checkOrder(t, severity: severity, steps: steps, at: k)
            out.bySeverity[severity] = t
        }
        return out
    }

    /// Steps come in order (acknowledged, then dispatched, then on scene), so their targets
    /// may not shrink: a later step's target sooner than an earlier one's cannot be met.
    private mutating func checkOrder(_ t: ResponseTargets.Targets, severity: Int, steps: Node.Mapping, at key: Node) {
        let ordered: [(key: String, seconds: Double?)] = [("acknowledge", t.acknowledge), ("dispatch", t.dispatch), ("on_scene", t.onScene)]
        var earlier: (key: String, seconds: Double)?
        for step in ordered {
            guard let seconds = step.seconds else { continue }
            if let e = earlier, seconds < e.seconds {
                fail(steps[step.key] ?? steps[e.key] ?? key,
                     "severity \(severity): `\(step.key)` \(DurationText.format(seconds)) is sooner than `\(e.key)` \(DurationText.format(e.seconds)), a step before it; a later step's target must not be sooner")
            } else {
                earlier = (step.key, seconds)
            }
        }
    }

    /// A target's duration in seconds (nil for `none`).
    private mutating func target(_ node: Node, _ key: String) -> Checked<Double?> {
        let limits = Self.targetLimits
        let range = "from \(DurationText.format(limits.lowerBound)) to \(DurationText.format(limits.upperBound))"
        guard let text = node.scalar?.string else {
            fail(node, "`\(key)` must be \(DurationText.expected), or none")
            return .bad
        }
        if text == "none" { return .ok(nil) }
        guard let d = DurationText.total(text) else {
            fail(node, "`\(key)` must be \(DurationText.expected), or none, not `\(text)`")
            return .bad
        }
        guard limits.contains(d) else {
            fail(node, "`\(key)` must be \(range), not `\(text)`")
            return .bad
        }
        return .ok(d)
    }
}
