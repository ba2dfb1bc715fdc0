import PantauCore

/// Open incidents, most severe then oldest first; new ones are marked until the pane is focused.
public enum IncidentsPane {
    /// A row: the incident (read once from the state's table, not per column) and where it is
    /// there, so that an arrangement can be kept as positions.
    public struct Row: Sendable {
        /// The incident as it was when the frame began.
        public let incident: Incident
        let index: [String: Incident].Index
        init(_ table: [String: Incident], _ index: [String: Incident].Index) {
            self.incident = table.values[index]
            self.index = index
        }
    }

    /// The columns, by id: `new` (the unseen marker, or another console's presence), `id`, `sev`, `category`, `status`, `age`,
    /// `district`, `title`.
    public static let fields: [TableField<Row>] = [
        // The unseen marker (blinking), else the mark of another console on the incident.
        TableField("new", TableColumn("", width: 1), text: { _, _ in "" }, cell: { r, c, _ in
            let isNew = r.incident.sequence > c.seenIncidentSequence
            if isNew, c.blinkOn { return TableCell(c.theme.glyphs.bullet, c.theme.newMarker) }
            if c.pane.incidentsWithOthers.contains(r.incident.id) { return TableCell(c.theme.glyphs.presence, c.theme.accent) }
            return TableCell(" ", c.theme.newMarker)
        }, sortIn: nil),
        TableField("id", TableColumn("ID", width: 9, flex: 1, minWidth: 8), text: { r, c in shortID(r.incident.id) },
                   cell: { r, c, _ in
                       let i = r.incident
                       return TableCell(shortID(i.id), i.sequence > c.seenIncidentSequence ? c.theme.newMarker : nil)
                   }, sortIn: { r, c in .folded(r.incident.id) }),
        TableField("sev", TableColumn("Sev", width: 5), text: { r, c in String(r.incident.severity) }, cell: { r, c, _ in
            let severity = r.incident.severity, pips = min(5, max(0, severity))
            return TableCell(String(repeating: c.theme.glyphs.severityOn, count: pips)
                             + String(repeating: c.theme.glyphs.severityOff, count: 5 - pips),
                             c.theme.style(forSeverity: severity))
        }, sortIn: { r, c in .number(Double(r.incident.severity)) }),
        TableField("category", TableColumn("Category", width: 11), text: { r, c in r.incident.category.rawValue },
                   sortIn: { r, c in .folded(r.incident.category.rawValue) }),
        TableField("status", TableColumn("Status", width: 10), text: { r, c in r.incident.status.rawValue },
                   style: { r, c in r.incident.status == .new ? c.theme.style(for: .warning) : nil },
                   sortIn: { r, c in .folded(r.incident.status.rawValue) }),
        // Shown only when the dashboard has response targets (see `model`).
        TableField("response", TableColumn("Resp", width: 8), text: { r, c in responseText(r.incident, c) },
                   cell: { r, c, _ in
                       guard let targets = c.pane.targets else { return TableCell("") }
                       let missed = !r.incident.missedTargets(now: c.now, targets: targets).isEmpty
                       return TableCell(responseText(r.incident, c), missed ? c.theme.style(for: .danger) : c.theme.dim)
                   }, sortIn: { r, c in
                       guard let targets = c.pane.targets else { return .missing }
                       return responseRemaining(r.incident, now: c.now, targets: targets).map { .number($0) } ?? .missing
                   }),
        // Ascending age is youngest first.
        TableField("age", TableColumn("Age", width: 6, rightAligned: true),
                   text: { r, c in durationText(seconds: c.now.seconds(since: r.incident.reportedAt)) },
                   sortIn: { r, c in .number(-Double(r.incident.reportedAt.millis)) }),
        TableField("district", TableColumn("District", width: 10, flex: 1, minWidth: 8),
                   text: { r, c in r.incident.district ?? "-" }, style: { _, c in c.theme.dim },
                   sortIn: { r, c in r.incident.district.map(SortKey.folded) ?? .missing }),
        TableField("title", TableColumn("Title", width: 12, flex: 3, minWidth: 6), text: { r, c in r.incident.title },
                   style: { _, c in c.theme.dim }, sortIn: { r, c in .folded(r.incident.title) }),
    ]

    /// How many rows the pane has with `view`'s search.
    public static func rowCount(_ state: CityState, _ spec: PaneSpec, view: TableView = TableView()) -> Int {
        rowCount(state, spec, view: view, context: nil)
    }

    static func rowCount(_ state: CityState, _ spec: PaneSpec, view: TableView, context: PaneContext?) -> Int {
        if view.search.isEmpty { return openCount(state, spec) }
        return rows(state, spec, view: view, context: context).total
    }

    static func openCount(_ state: CityState, _ spec: PaneSpec) -> Int {
        spec.filter.isEmpty ? state.openIncidentCount : state.openIncidentCount { spec.filter.matches($0) }
    }

    /// The incidents on rows `offset ..< offset + limit` of the pane's own order.
    public static func incidents(_ state: CityState, _ spec: PaneSpec, limit: Int, offset: Int) -> [Incident] {
        spec.filter.isEmpty ? state.openIncidents(limit: limit, offset: offset)
            : state.openIncidents(limit: limit, offset: offset) { spec.filter.matches($0) }
    }

    /// Rows `offset ..< offset + limit` of the pane's own order.
    static func fastRows(_ state: CityState, _ spec: PaneSpec, limit: Int, offset: Int) -> [Row] {
        let table = state.incidents
        if spec.filter.isEmpty { return state.openIncidentIndices(limit: limit, offset: offset).map { Row(table, $0) } }
        return incidents(state, spec, limit: limit, offset: offset).compactMap { i in table.index(forKey: i.id).map { Row(table, $0) } }
    }

    /// The incident on row `index` as the pane shows it (with `view`'s search and sort; a
    /// search reads the ages as of `context`'s now).
    public static func incident(at index: Int, in state: CityState, _ spec: PaneSpec, view: TableView = TableView(),
                                context: PaneContext? = nil) -> Incident? {
        rows(state, spec, view: view, context: context).row(at: index) { fastRows(state, spec, limit: $0, offset: $1) }?.incident
    }

    /// The columns with response targets: Resp and Category narrower, so that a pane half a
    /// 120-column screen wide still shows the district.
    static let timedFields: [TableField<Row>] = fields.map { field in
        var field = field
        switch field.id {
        case "response": field.column.width = 6
        case "category": field.column.width = 7
        default: break
        }
        return field
    }

    /// The pane's table; with no response targets (no desk), the response column is left out
    /// unless the layout names it.
    static func model(_ spec: PaneSpec, _ view: TableView, timers: Bool = true) -> TableModel<Row> {
        guard !timers else { return TableModel(fields: timedFields, spec: spec, view: view) }
        guard spec.columns == nil else { return TableModel(fields: fields, spec: spec, view: view) }
        var plain = spec
        plain.columns = fields.map(\.id).filter { $0 != "response" }
        return TableModel(fields: fields, spec: plain, view: view)
    }

    /// The step the incident waits for and the time left to its target (`a 45s`), or past it
    /// (`d +2m`); `late` when every step is done and one was late, `ok` when none was.
    static func responseText(_ inc: Incident, _ c: TableContext) -> String {
        guard let targets = c.pane.targets else { return "" }
        let timers = inc.timers(now: c.now, targets: targets)
        if let running = timers.first(where: { $0.running && $0.target != nil }), let left = running.remaining {
            let letter = running.step == .acknowledge ? "a" : running.step == .dispatch ? "d" : "s"
            return left < 0 ? "\(letter) +\(durationText(seconds: -left))" : "\(letter) \(durationText(seconds: left))"
        }
        return timers.contains(where: \.missed) ? c.theme.t("late") : c.theme.t("ok")
    }

    /// Seconds left to the first running target (negative past it), for sorting.
    static func responseRemaining(_ inc: Incident, now: Instant, targets: ResponseTargets) -> Double? {
        inc.timers(now: now, targets: targets).first { $0.running && $0.target != nil }?.remaining
    }

    static func rows(_ state: CityState, _ spec: PaneSpec, view: TableView, context: PaneContext? = nil) -> TableRows<Row> {
        let c = context ?? PaneContext(state: state)
        let model = model(spec, view, timers: c.targets != nil)
        if model.isDefault { return TableRows(total: openCount(state, spec), arranged: nil) }
        // Every open incident is tested in place (a row is a position), and what is kept, here
        // and across frames, is the positions in the view's order.
        let table = state.incidents
        let arrange = { () -> [[String: Incident].Index] in
            let filter = spec.filter
            let test = model.matcher(context: c)
            var rows: [Row] = []
            for i in state.openIncidentIndices() {
                let row = Row(table, i)
                if filter.isEmpty || filter.matches(row.incident), test?(row) ?? true { rows.append(row) }
            }
            return model.sort(rows, context: c).map(\.index)
        }
        let positions = c.tableCache.map { cache in
            cache.value(for: TableCache.Key(version: state.version, pane: c.paneIndex, filter: spec.filter, columns: spec.columns,
                                            view: view, language: c.theme.language, ascii: c.theme.glyphs.isASCII,
                                            now: view.search.isEmpty ? nil : c.now), make: arrange)
        } ?? arrange()
        return TableRows(total: positions.count) { Row(table, positions[$0]) }
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let model = model(spec, c.view, timers: c.targets != nil)
        let open = model.isDefault ? nil : openCount(c.state, spec)
        let rows = rows(c.state, spec, view: c.view, context: c)
        let total = rows.total
        let critical = spec.filter.isEmpty ? c.state.openCountsBySeverity[4] + c.state.openCountsBySeverity[5]
            : c.state.openIncidentCount { spec.filter.matches($0) && $0.severity >= 4 }
        // Open incidents past a response target, when there are targets.
        let missed = c.targets.map { targets in
            spec.filter.isEmpty ? c.state.missedTargetCount(now: c.now, targets: targets)
                : c.state.openIncidentCount { spec.filter.matches($0) && !$0.missedTargets(now: c.now, targets: targets).isEmpty }
        } ?? 0
        let late = missed > 0 ? "\(c.theme.glyphs.separator)\(missed) \(c.theme.t("late"))" : ""
        let title = c.view.search.isEmpty ? "\(spec.title) (\(open ?? total) \(c.theme.t("open"))\(late))"
            : spec.title + model.titleNote(shown: total, of: open ?? total) + late
        let inner = Box.draw(rect, title: title, focused: c.focused,
                             theme: c.theme, into: &grid,
                             rightNote: critical > 0 ? "\(critical) sev\(c.theme.glyphs.atLeast)4" : nil,
                             noteStyle: c.theme.style(forSeverity: 4))
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let shown = rows.page(offset: offset, limit: visible) { fastRows(c.state, spec, limit: $0, offset: $1) }
        if shown.isEmpty {
            grid.put(c.view.search.isEmpty ? c.theme.t("no open incidents") : "\(c.theme.t("no incidents match")) /\(c.view.search)",
                     x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        model.draw(shown, selected: sel - offset, context: c, in: inner, into: &grid)
    }

    /// `INC-20261123-0117` → `INC-0117` (the date is the day's, shown in the header).
    static func shortID(_ id: String) -> String {
        // Without splitting (a search matches every open incident's id each frame).
        let u = id.utf8, dash = UInt8(ascii: "-")
        guard let first = u.firstIndex(of: dash), let last = u.lastIndex(of: dash), first < last, first != u.startIndex,
              u.index(after: last) != u.endIndex else { return id }
        let middle = u[u.index(after: first)..<last]
        guard middle.count == 8, middle.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return id }
        return String(id[..<first]) + String(id[last...])
    }
}
