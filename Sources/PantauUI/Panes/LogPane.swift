import PantauCore

/// The activity log, newest first: time, what, id, what happened. Incidents and tickets as
/// they change, badly jammed roads, readings at warning or worse, and Pantau's own notes.
/// The pane's filter narrows it (category and district for incidents, agency for tickets).
public enum LogPane {
    /// The columns, by id: `time`, `what`, `id`, `event`.
    public static let fields: [TableField<LogEntry>] = [
        TableField("time", TableColumn("Time", width: 8), style: { _, c in c.theme.dim }, text: { e, _ in CivilTime(e.time).clockText },
                   sort: { .number(Double($0.time.millis)) }),
        TableField("what", TableColumn("What", width: 8), style: { e, c in e.origin == .system ? c.theme.accent : c.theme.dim },
                   text: { e, c in c.theme.t(label(e.origin)) }, sort: { .folded(label($0.origin)) }),
        TableField("id", TableColumn("Id", width: 14, flex: 1, minWidth: 8), text: { e, _ in
            // Incidents and tickets as their panes show them (`INC-0117`: the day is in the header).
            e.origin == .incident || e.origin == .ticket ? IncidentsPane.shortID(e.subject) : e.subject
        },
                   sort: { .folded($0.subject) }),
        TableField("event", TableColumn("Event", width: 40, flex: 4, minWidth: 12),
                   style: { e, c in e.tone == .neutral ? nil : c.theme.style(for: e.tone) },
                   text: { e, c in c.theme.glyphs.chrome(e.text) }, sort: { .folded($0.text) }),
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

    /// How many rows the pane has with `view`'s search.
    public static func rowCount(_ activity: ActivityLog, _ spec: PaneSpec, view: TableView = TableView(),
                                context: PaneContext? = nil) -> Int {
        let count = spec.filter.isEmpty ? activity.count : activity.latest(activity.count) { matches($0, spec) }.count
        guard !view.search.isEmpty, let context else { return count }
        return rows(activity, spec, view: view, count: count, context: context).total
    }

    static func rows(_ log: ActivityLog, _ spec: PaneSpec, view: TableView, count: Int, context: PaneContext) -> TableRows<LogEntry> {
        TableModel(fields: fields, spec: spec, view: view).resolve(count: { count }, all: {
            log.latest(log.count) { matches($0, spec) }
        }, context: context)
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let log = c.activity
        let count = spec.filter.isEmpty ? log.count : log.latest(log.count) { matches($0, spec) }.count
        let model = TableModel(fields: fields, spec: spec, view: c.view)
        let rows = rows(log, spec, view: c.view, count: count, context: c)
        let inner = Box.draw(rect, title: spec.title + model.titleNote(shown: rows.total, of: count),
                             focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: log.recorded > log.count ? "\(c.theme.t("last")) \(log.count)" : nil)
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, rows.total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let entries = rows.page(offset: offset, limit: visible) { limit, offset in
            Array(log.latest(offset + limit) { matches($0, spec) }.dropFirst(offset))
        }
        if entries.isEmpty {
            grid.put(count == 0 ? c.theme.t("nothing yet") : "\(c.theme.t("nothing matches")) /\(c.view.search)",
                     x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        model.draw(entries, selected: c.focused ? sel - offset : nil, context: c, in: inner, into: &grid)
    }
}
