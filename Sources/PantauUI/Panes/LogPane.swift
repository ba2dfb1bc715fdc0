import PantauCore

/// The activity log, newest first: time, what, id, what happened. Incidents and tickets as
/// they change, badly jammed roads, readings at warning or worse, and Pantau's own notes.
/// The pane's filter narrows it (category and district for incidents, agency for tickets).
public enum LogPane {
    static let columns = [
        TableColumn("Time", width: 8),
        TableColumn("What", width: 8),
        TableColumn("Id", width: 14, flex: 1, minWidth: 8),
        TableColumn("Event", width: 40, flex: 4, minWidth: 12),
    ]

    /// The origin's short label.
    static func label(_ origin: LogEntry.Origin) -> String {
        switch origin {
        case .incident: return "incident"
        case .ticket: return "ticket"
        case .traffic: return "traffic"
        case .sensor: return "sensor"
        case .system: return "pantau"
        }
    }

    static func matches(_ e: LogEntry, _ spec: PaneSpec) -> Bool { spec.filter.matches(e) }

    public static func rowCount(_ activity: ActivityLog, _ spec: PaneSpec) -> Int {
        spec.filter.isEmpty ? activity.count : activity.latest(activity.count) { matches($0, spec) }.count
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let log = c.activity
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: log.recorded > log.count ? "last \(log.count)" : nil)
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let total = rowCount(log, spec)
        let sel = min(c.selection, max(0, total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let entries = log.latest(offset + visible) { matches($0, spec) }.dropFirst(offset)
        if entries.isEmpty {
            grid.put("nothing yet", x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        let rows: [[TableCell]] = entries.map { e in
            let style = e.tone == .neutral ? nil : c.theme.style(for: e.tone)
            return [
                TableCell(CivilTime(e.time).clockText, c.theme.dim),
                TableCell(label(e.origin), e.origin == .system ? c.theme.accent : c.theme.dim),
                TableCell(e.subject),
                TableCell(c.theme.glyphs.chrome(e.text), style),
            ]
        }
        Table.draw(columns: columns, rows: rows, selected: c.focused ? sel - offset : nil, focused: c.focused,
                   in: inner, theme: c.theme, into: &grid)
    }
}
