import PantauCore

/// Open incidents, most severe then oldest first; new ones are marked until the pane is focused.
public enum IncidentsPane {
    static let columns = [
        TableColumn("", width: 1),
        TableColumn("ID", width: 9, flex: 1, minWidth: 8),
        TableColumn("Sev", width: 5),
        TableColumn("Category", width: 11),
        TableColumn("Status", width: 10),
        TableColumn("Age", width: 6, rightAligned: true),
        TableColumn("District", width: 10, flex: 1, minWidth: 8),
        TableColumn("Title", width: 12, flex: 3, minWidth: 6),
    ]

    public static func rowCount(_ state: CityState, _ spec: PaneSpec) -> Int {
        spec.filter.isEmpty ? state.openIncidentCount : state.openIncidentCount { spec.filter.matches($0) }
    }

    /// The incidents on rows `offset ..< offset + limit` of the pane's order.
    public static func incidents(_ state: CityState, _ spec: PaneSpec, limit: Int, offset: Int) -> [Incident] {
        spec.filter.isEmpty ? state.openIncidents(limit: limit, offset: offset)
            : state.openIncidents(limit: limit, offset: offset) { spec.filter.matches($0) }
    }

    /// The incident on row `index` of the pane's order.
    public static func incident(at index: Int, in state: CityState, _ spec: PaneSpec) -> Incident? {
        incidents(state, spec, limit: 1, offset: index).first
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let total = rowCount(c.state, spec)
        let critical = spec.filter.isEmpty ? c.state.openCountsBySeverity[4] + c.state.openCountsBySeverity[5]
            : c.state.openIncidentCount { spec.filter.matches($0) && $0.severity >= 4 }
        let inner = Box.draw(rect, title: "\(spec.title) (\(total) open)", focused: c.focused,
                             theme: c.theme, into: &grid,
                             rightNote: critical > 0 ? "\(critical) sev\(c.theme.glyphs.atLeast)4" : nil,
                             noteStyle: c.theme.style(forSeverity: 4))
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let incidents = incidents(c.state, spec, limit: visible, offset: offset)
        let rows: [[TableCell]] = incidents.map { i in
            let isNew = i.sequence > c.seenIncidentSequence
            return [
                TableCell(isNew ? (c.blinkOn ? c.theme.glyphs.bullet : " ") : " ", c.theme.newMarker),
                TableCell(shortID(i.id), isNew ? c.theme.newMarker : nil),
                TableCell(String(repeating: c.theme.glyphs.severityOn, count: i.severity)
                          + String(repeating: c.theme.glyphs.severityOff, count: 5 - i.severity),
                          c.theme.style(forSeverity: i.severity)),
                TableCell(i.category.rawValue),
                TableCell(i.status.rawValue, i.status == .new ? c.theme.style(for: .warning) : nil),
                TableCell(durationText(seconds: c.now.seconds(since: i.reportedAt))),
                TableCell(i.district ?? "-", c.theme.dim),
                TableCell(i.title, c.theme.dim),
            ]
        }
        if rows.isEmpty {
            grid.put("no open incidents", x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        Table.draw(columns: columns, rows: rows, selected: sel - offset, focused: c.focused, in: inner,
                   theme: c.theme, into: &grid)
    }

    /// `INC-20261123-0117` → `INC-0117` (the date is the day's, shown in the header).
    static func shortID(_ id: String) -> String {
        let parts = id.split(separator: "-")
        if parts.count == 3, parts[1].count == 8, parts[1].allSatisfy(\.isNumber) { return "\(parts[0])-\(parts[2])" }
        return id
    }
}
