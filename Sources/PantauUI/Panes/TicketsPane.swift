import PantauCore

/// Complaint queues per office (open, overdue, oldest), and below, the selected office's queue.
public enum TicketsPane {
    static let agencyColumns = [
        TableColumn("Office", width: 18, flex: 1, minWidth: 10),
        TableColumn("Open", width: 5, rightAligned: true),
        TableColumn("Overdue", width: 7, rightAligned: true),
        TableColumn("Oldest", width: 7, rightAligned: true),
    ]
    /// The queue's columns, by id: `ticket`, `category`, `sla`, `title`. `/` and `o` act on the
    /// queue (the office table above keeps its own order; ↑/↓ pick the office).
    public static let fields: [TableField<Ticket>] = [
        TableField("ticket", TableColumn("Ticket", width: 10), text: { t, _ in shortTicketID(t.id) }, sort: { .folded($0.id) }),
        TableField("category", TableColumn("Category", width: 16, flex: 1, minWidth: 8), text: { t, _ in t.category },
                   sort: { .folded($0.category) }),
        TableField("sla", TableColumn("SLA", width: 11), text: { t, c in slaText(t, now: c.now, theme: c.theme) }, cell: { t, c, _ in
            guard let due = t.dueAt else { return TableCell("-", c.theme.dim) }
            let left = due.seconds(since: c.now)
            return TableCell(slaText(t, now: c.now, theme: c.theme), left < 0 ? c.theme.style(for: .danger)
                             : left < 3600 ? c.theme.style(for: .warning) : c.theme.dim)
        }, sort: { $0.dueAt.map { .number(Double($0.millis)) } ?? .missing }),
        TableField("title", TableColumn("Title", width: 16, flex: 2, minWidth: 6), style: { _, c in c.theme.dim },
                   text: { t, _ in t.title }, sort: { .folded($0.title) }),
    ]

    static func slaText(_ t: Ticket, now: Instant, theme: Theme) -> String {
        guard let due = t.dueAt else { return "-" }
        let left = due.seconds(since: now)
        return left < 0 ? "\(theme.t("late")) \(durationText(seconds: -left))" : "\(theme.t("due")) \(durationText(seconds: left))"
    }

    public static func rowCount(_ state: CityState, _ spec: PaneSpec) -> Int {
        state.agencies.filter { spec.filter.matches(agency: $0) }.count
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let queuesAll = c.state.agencyQueues(at: c.now).filter { spec.filter.matches(agency: $0.agency) }
        let totals = spec.filter.isEmpty ? c.state.ticketTotals(at: c.now)
            : (open: queuesAll.reduce(0) { $0 + $1.open }, overdue: queuesAll.reduce(0) { $0 + $1.overdue })
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: "\(totals.open) \(c.theme.t("open"))\(c.theme.glyphs.separator)\(totals.overdue) \(c.theme.t("overdue"))",
                             noteStyle: totals.overdue > 0 ? c.theme.style(for: .warning) : c.theme.dim)
        guard inner.height > 1 else { return }
        let queues = queuesAll
        if queues.isEmpty {
            grid.put(c.theme.t("no tickets yet"), x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
            return
        }
        // The office table takes about half the height; the selected office's queue the rest.
        let agencyRows = min(queues.count, max(1, (inner.height - 1) / 2 - 1))
        let (top, bottom) = inner.splitTop(agencyRows + 1)
        let sel = min(c.selection, queues.count - 1)
        let offset = scrollOffset(selection: sel, visible: agencyRows)
        let agencyCells: [[TableCell]] = queues.dropFirst(offset).prefix(agencyRows).map { q in
            [
                TableCell(q.agency),
                TableCell(String(q.open)),
                TableCell(String(q.overdue), q.overdue > 0 ? c.theme.style(for: .danger) : c.theme.dim),
                TableCell(q.oldestCreated.map { durationText(seconds: c.now.seconds(since: $0)) } ?? "-"),
            ]
        }
        Table.draw(columns: agencyColumns, rows: agencyCells, selected: sel - offset, focused: c.focused, in: top,
                   theme: c.theme, into: &grid)
        guard bottom.height > 2 else { return }
        let agency = queues[sel].agency
        grid.fill(Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: 1), with: c.theme.glyphs.rule, style: c.theme.border)
        let list = Rect(x: bottom.x, y: bottom.y + 1, width: bottom.width, height: bottom.height - 1)
        let model = TableModel(fields: fields, spec: spec, view: c.view)
        let count = c.state.openTicketsByAgency[agency]?.count ?? 0
        let rows = model.resolve(count: { count }, all: { c.state.openTickets(agency: agency, limit: count, at: c.now) }, context: c)
        let note = model.titleNote(shown: rows.total, of: count)
        grid.put(" \(c.theme.t("%@ queue").replacingPlaceholder(agency))\(note) ", x: bottom.x + 1, y: bottom.y, style: c.theme.title, maxWidth: bottom.width - 2)
        let tickets = rows.page(offset: 0, limit: max(0, list.height - 1)) { limit, _ in
            c.state.openTickets(agency: agency, limit: limit, at: c.now)
        }
        var unfocused = c
        unfocused.focused = false
        model.draw(tickets, selected: nil, context: unfocused, in: list, into: &grid)
    }

    /// `LAKSA-20261123-0042` → `LAKSA-0042`.
    static func shortTicketID(_ id: String) -> String { IncidentsPane.shortID(id) }
}
