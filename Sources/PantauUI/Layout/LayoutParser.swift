import Foundation
import PantauCore
import PantauConfig
import Yams

/// Reads a layout from YAML, collecting every problem with its line and column.
///
/// ```yaml
/// name: command-center
/// description: The four panes of the command room
/// layout:
///   rows:
///     - columns:
///         - { type: traffic, weight: 3 }
///         - { type: incidents, weight: 4 }
///     - columns:
///         - type: sensors
///         - type: tickets
/// ```
public struct LayoutParser {
    static let topKeys = ["name", "description", "layout", "keys"]
    static let paneKeys = ["type", "title", "weight", "min_width", "min_height", "filter", "thresholds", "layers", "sort", "columns"]
    static let sortKeys = ["column", "order"]
    static let filterKeys = ["district", "category", "min_severity", "agency", "sensor_kind"]
    static let thresholdKeys = ["waspada", "siaga", "awas"]
    static let splitKeys = ["rows", "columns", "weight"]

    private let file: String
    private var errors: [LayoutError] = []

    /// Parses `yaml`; `file` names it in messages.
    public static func parse(_ yaml: String, file: String) throws -> Layout {
        var p = LayoutParser(file: file)
        let layout = p.parseDocument(yaml)
        if !p.errors.isEmpty || layout == nil {
            throw LayoutErrors(errors: p.errors.isEmpty
                ? [LayoutError(file: file, line: 1, column: 1, message: "empty layout")] : p.errors)
        }
        return layout!
    }

    private init(file: String) { self.file = file }

    private mutating func fail(_ node: Node?, _ message: String) {
        let m = node?.mark
        errors.append(LayoutError(file: file, line: m?.line ?? 1, column: m?.column ?? 1, message: message))
    }

    private mutating func parseDocument(_ yaml: String) -> Layout? {
        let root: Node?
        switch YAMLDocument.compose(yaml, file: file) {
        case .success(let node): root = node
        case .failure(let problem):
            errors.append(problem)
            return nil
        }
        guard let root, let map = root.mapping else {
            fail(root, "expected a mapping with `name`, `description` and `layout`")
            return nil
        }
        checkKeys(map, allowed: Self.topKeys)
        let name = map["name"]?.string ?? file.split(separator: "/").last.map { String($0.split(separator: ".")[0]) } ?? "layout"
        let description = map["description"]?.string ?? ""
        guard let body = map["layout"] else {
            fail(root, "missing `layout`: the tree of rows, columns and panes")
            return nil
        }
        var keys = KeyTable.standard
        if let node = map["keys"] { keys = parseKeys(node) }
        guard let node = parseNode(body) else { return nil }
        return Layout(name: name, description: description, root: node, keys: keys)
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: [String]) {
        for (k, _) in map {
            guard let key = k.string, !allowed.contains(key) else { continue }
            if let s = closestMatch(to: key, among: allowed) {
                fail(k, "unknown key `\(key)`; did you mean `\(s)`?")
            } else {
                fail(k, "unknown key `\(key)`; expected one of \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// The largest `weight`: shares finer than a thousandth are not visible on any terminal.
    public static let weights = 1...1000
    /// `min_width` in cells: a pane needs 4 columns for its border and a cell; no terminal Pantau
    /// draws (see ``Layout/sizes``) is wider than the upper bound.
    public static let minWidths = 4...Layout.widths.upperBound
    /// `min_height` in cells: border, header and a row; no terminal Pantau draws is taller.
    public static let minHeights = 3...Layout.heights.upperBound
    /// A gauge threshold in cm (`thresholds:`): ±100 m covers any river or sluice gate.
    public static let thresholdCentimetres: ClosedRange<Double> = -10_000...10_000

    private mutating func int(_ node: Node?, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let v = node.int, range.contains(v) else {
            fail(node, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), not `\(node.string ?? "…")`")
            return nil
        }
        return v
    }

    /// A name or a list of names.
    private mutating func names(_ node: Node, _ key: String, known: [String]? = nil) -> Set<String> {
        let items: [Node]
        if let list = node.sequence { items = Array(list) } else { items = [node] }
        var out: Set<String> = []
        for item in items {
            guard let v = item.string, !v.isEmpty else {
                fail(item, "`\(key)` takes a name or a list of names")
                continue
            }
            if let known, !known.contains(where: { $0.caseInsensitiveCompare(v) == .orderedSame }) {
                let hint = closestMatch(to: v, among: known).map { "did you mean `\($0)`?" } ?? "expected one of \(known.joined(separator: ", "))"
                fail(item, "unknown \(key) `\(v)`; \(hint)")
                continue
            }
            out.insert(v.lowercased())
        }
        return out
    }

    /// `keys: {quit: Q, cycle_layout: [F, L]}`: actions bound to other keys.
    private mutating func parseKeys(_ node: Node) -> KeyTable {
        var table = KeyTable.standard
        let actions = KeyTable.actionNames.map(\.name)
        guard let map = node.mapping else {
            fail(node, "`keys` maps an action (\(actions.joined(separator: ", "))) to a key or a list of keys")
            return table
        }
        for (k, v) in map {
            guard let name = k.string, let action = KeyTable.actionNames.first(where: { $0.name == name })?.action else {
                let name = k.string ?? ""
                let hint = closestMatch(to: name, among: actions).map { "did you mean `\($0)`?" }
                    ?? "expected one of \(actions.joined(separator: ", "))"
                fail(k, "unknown action `\(name)` in `keys`; \(hint)")
                continue
            }
            let items: [Node] = v.sequence.map(Array.init) ?? [v]
            var keys: [Key] = []
            for item in items {
                guard let text = item.string, let key = KeyName.parse(text) else {
                    fail(item, "`\(item.string ?? "")` is not a key: a single character or one of \(KeyName.names.joined(separator: ", "))")
                    continue
                }
                keys.append(key)
            }
            guard !keys.isEmpty else { continue }
            switch table.rebinding(action, to: keys) {
            case .success(let t): table = t
            case .failure(let clash):
                fail(v, "key `\(KeyName.label(clash.key))` already does \"\(clash.boundTo)\"; rebind that action too or pick another key")
            }
        }
        return table
    }

    private mutating func parseFilter(_ node: Node) -> PaneFilter {
        var f = PaneFilter()
        guard let map = node.mapping else {
            fail(node, "`filter` takes a mapping of \(Self.filterKeys.joined(separator: ", "))")
            return f
        }
        checkKeys(map, allowed: Self.filterKeys)
        if let n = map["district"] { f.districts = names(n, "district", known: Kecamatan.all.map(\.name)) }
        if let n = map["category"] { f.categories = names(n, "category") }
        if let n = map["agency"] { f.agencies = names(n, "agency") }
        if let n = map["sensor_kind"] {
            f.sensorKinds = names(n, "sensor_kind", known: ["water_level", "rainfall", "ispu", "pm25", "pm10",
                                                            "temperature", "humidity", "noise"])
        }
        if let n = map["min_severity"] {
            if let v = n.int, (1...5).contains(v) { f.minSeverity = v } else { fail(n, "`min_severity` must be 1…5") }
        }
        return f
    }

    private mutating func parseThresholds(_ node: Node) -> [String: GaugeThresholds] {
        var out: [String: GaugeThresholds] = [:]
        guard let map = node.mapping else {
            fail(node, "`thresholds` maps a gauge's station id to {waspada, siaga, awas} in cm")
            return out
        }
        for (k, v) in map {
            guard let station = k.string, let levels = v.mapping else {
                fail(v, "expected `station-id: {waspada: cm, siaga: cm, awas: cm}`")
                continue
            }
            checkKeys(levels, allowed: Self.thresholdKeys)
            guard levels["waspada"] != nil, levels["siaga"] != nil, levels["awas"] != nil else {
                fail(v, "a gauge needs `waspada`, `siaga` and `awas` levels in cm")
                continue
            }
            let range = Self.thresholdCentimetres
            func level(_ key: String) -> Double? {
                let node = levels[key]!
                guard let cm = node.float, range.contains(cm) else {
                    fail(node, "`\(key)` must be a level in cm from \(Int(range.lowerBound)) to \(Int(range.upperBound)), not `\(node.string ?? "…")`")
                    return nil
                }
                return cm
            }
            let levelsInCm = (level("waspada"), level("siaga"), level("awas"))
            guard let w = levelsInCm.0, let s = levelsInCm.1, let a = levelsInCm.2 else { continue }
            guard w < s, s < a else {
                fail(v, "levels must rise: waspada < siaga < awas")
                continue
            }
            out[station] = GaugeThresholds(waspada: w, siaga: s, awas: a)
        }
        return out
    }

    /// A map pane's GeoJSON base layers: a path or a list of paths, relative to the layout
    /// file's directory. Each file is read and parsed here, once, so drawing never touches it.
    private mutating func parseLayers(_ node: Node) -> [GeoJSONLayer] {
        let items: [Node]
        if let list = node.sequence { items = Array(list) } else { items = [node] }
        var out: [GeoJSONLayer] = []
        for item in items {
            guard let path = item.string, !path.isEmpty else {
                fail(item, "`layers` takes a GeoJSON file or a list of them")
                continue
            }
            let expanded = (path as NSString).expandingTildeInPath
            let resolved = expanded.hasPrefix("/") ? expanded
                : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(expanded).path
            guard FileManager.default.isReadableFile(atPath: resolved) else {
                fail(item, "cannot read map layer `\(path)` (looked for \(resolved))")
                continue
            }
            do {
                out.append(try GeoJSONLayer.load(path: resolved))
            } catch {
                fail(item, "map layer `\(path)`: \(error)")
            }
        }
        return out
    }

    /// `columns: [id, category, age]`: a table pane's visible columns, in order.
    private mutating func parseColumns(_ node: Node, _ type: PaneType) -> [String]? {
        let known = type.columnIDs
        guard !known.isEmpty else {
            fail(node, "`columns` applies to table panes only (incidents, traffic, sensors, tickets, sources, log)")
            return nil
        }
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        var out: [String] = []
        for item in items {
            guard let id = item.string, !id.isEmpty else {
                fail(item, "`columns` takes a list of column ids: \(known.joined(separator: ", "))")
                continue
            }
            guard known.contains(id) else {
                let hint = closestMatch(to: id, among: known).map { "did you mean `\($0)`?" }
                    ?? "expected one of \(known.joined(separator: ", "))"
                fail(item, "unknown \(type.rawValue) column `\(id)`; \(hint)")
                continue
            }
            guard !out.contains(id) else { fail(item, "column `\(id)` is listed twice"); continue }
            out.append(id)
        }
        return out.isEmpty ? nil : out
    }

    /// `sort: district` or `sort: {column: age, order: desc}`: a table pane's initial order.
    private mutating func parseSort(_ node: Node, _ type: PaneType, visible: [String]?) -> PaneSort? {
        let known = type.sortableColumnIDs
        guard !known.isEmpty else {
            fail(node, "`sort` applies to table panes only (incidents, traffic, sensors, tickets, sources, log)")
            return nil
        }
        let columnNode: Node
        var descending = false
        if let map = node.mapping {
            checkKeys(map, allowed: Self.sortKeys)
            guard let c = map["column"] else {
                fail(node, "`sort` needs a `column` (and optionally `order: asc` or `order: desc`)")
                return nil
            }
            columnNode = c
            if let o = map["order"] {
                switch o.string?.lowercased() {
                case "asc": descending = false
                case "desc": descending = true
                default:
                    fail(o, "`order` is `asc` or `desc`, not `\(o.string ?? "")`")
                    return nil
                }
            }
        } else {
            columnNode = node
        }
        guard let id = columnNode.string, !id.isEmpty else {
            fail(columnNode, "`sort` takes a column id or {column: ID, order: asc|desc}")
            return nil
        }
        guard known.contains(id) else {
            let hint = closestMatch(to: id, among: known).map { "did you mean `\($0)`?" }
                ?? "sortable columns: \(known.joined(separator: ", "))"
            fail(columnNode, "cannot sort \(type.rawValue) by `\(id)`; \(hint)")
            return nil
        }
        if let visible, !visible.contains(id) {
            fail(columnNode, "`sort` column `\(id)` is not among the pane's `columns`")
            return nil
        }
        return PaneSort(column: id, descending: descending)
    }

    private mutating func parseNode(_ node: Node) -> LayoutNode? {
        guard let map = node.mapping else {
            fail(node, "expected a pane (`type: …`) or a split (`rows:` or `columns:`)")
            return nil
        }
        if map["type"] != nil {
            checkKeys(map, allowed: Self.paneKeys)
            let typeNode = map["type"]!
            guard let typeName = typeNode.string else { fail(typeNode, "`type` must be a pane type"); return nil }
            guard let type = PaneType(rawValue: typeName) else {
                let all = PaneType.allCases.map(\.rawValue)
                let hint = closestMatch(to: typeName, among: all).map { "did you mean `\($0)`?" }
                    ?? "expected one of \(all.joined(separator: ", "))"
                fail(typeNode, "unknown pane type `\(typeName)`; \(hint)")
                return nil
            }
            if let t = map["title"], t.string == nil { fail(t, "`title` must be text") }
            var spec = PaneSpec(type: type, title: map["title"]?.string,
                                weight: int(map["weight"], "weight", in: Self.weights) ?? 1,
                                minWidth: int(map["min_width"], "min_width", in: Self.minWidths),
                                minHeight: int(map["min_height"], "min_height", in: Self.minHeights))
            spec.line = node.mark?.line
            spec.column = node.mark?.column
            if let f = map["filter"] { spec.filter = parseFilter(f) }
            if let t = map["thresholds"] { spec.thresholds = parseThresholds(t) }
            if let l = map["layers"] {
                if type == .map { spec.mapLayers = parseLayers(l) } else { fail(l, "`layers` applies to map panes only") }
            }
            if let c = map["columns"] { spec.columns = parseColumns(c, type) }
            if let s = map["sort"] { spec.sort = parseSort(s, type, visible: spec.columns) }
            return .pane(spec)
        }
        guard map["rows"] != nil || map["columns"] != nil else {
            checkKeys(map, allowed: Self.paneKeys + ["rows", "columns"])
            fail(node, "expected `type:` (a pane), `rows:` or `columns:`")
            return nil
        }
        checkKeys(map, allowed: Self.splitKeys)
        let axis: LayoutNode.Axis
        let list: Node
        if let r = map["rows"] {
            axis = .rows
            list = r
            if map["columns"] != nil { fail(map["columns"], "a split has `rows` or `columns`, not both") }
        } else if let c = map["columns"] {
            axis = .columns
            list = c
        } else {
            fail(node, "expected `type:` (a pane), `rows:` or `columns:`")
            return nil
        }
        guard let items = list.sequence, !items.isEmpty else {
            fail(list, "expected a list of panes or splits")
            return nil
        }
        let children = items.compactMap { parseNode($0) }
        guard children.count == items.count else { return nil }
        return .split(axis, children, weight: int(map["weight"], "weight", in: Self.weights) ?? 1)
    }
}
