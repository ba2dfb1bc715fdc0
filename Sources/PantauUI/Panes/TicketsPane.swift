import PantauCore

/// Complaint queues per office (open, overdue, oldest), and below, the selected office's queue.
public enum TicketsPane {
    static let agencyColumns = [
        TableColumn("Office", width: 18, flex: 1, minWidth: 10),
        TableColumn("Open", width: 5, rightAligned: true),
        TableColumn("Overdue", width: 7, rightAligned: true),
        TableColumn("Oldest", width: 7, rightAligned: true),
    ]
    static let queueColumns = [
        TableColumn("Ticket", width: 10),
        TableColumn("Category", width: 16, flex: 1, minWidth: 8),
        TableColumn("SLA", width: 11),
        TableColumn("Title", width: 16, flex: 2, minWidth: 6),
    ]

    public static func rowCount(_ state: CityState, _ spec: PaneSpec) -> Int {
        state.agencies.filter { spec.filter.matches(agency: $0) }.count
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let queuesAll = c.state.agencyQueues().filter { spec.filter.matches(agency: $0.agency) }
        let totals = spec.filter.isEmpty ? c.state.ticketTotals()
            : (open: queuesAll.reduce(0) { $0 + $1.open }, overdue: queuesAll.reduce(0) { $0 + $1.overdue })
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: "\(totals.open) open\(c.theme.glyphs.separator)\(totals.overdue) overdue",
                             noteStyle: totals.overdue > 0 ? c.theme.style(for: .warning) : c.theme.dim)
        guard inner.height > 1 else { return }
        let queues = queuesAll
        if queues.isEmpty {
            grid.put("no tickets yet", x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
            return
        }
        // The office table takes about half the height; the selected office's queue the rest.
        let agencyRows = min(queues.count, max(1, (inner.height - 1) / 2 - 1))
        let (top, bottom) = inner.splitTop(agencyRows + 1)
        let sel = min(c.selection, queues.count - 1)
        let offset = scrollOffset(selection: sel, visible: agencyRows)
        let rows: [[TableCell]] = queues.dropFirst(offset).prefix(agencyRows).map { q in
            [
                TableCell(q.agency),
                TableCell(String(q.open)),
                TableCell(String(q.overdue), q.overdue > 0 ? c.theme.style(for: .danger) : c.theme.dim),
                TableCell(q.oldestCreated.map { durationText(seconds: c.now.seconds(since: $0)) } ?? "-"),
            ]
        }
        Table.draw(columns: agencyColumns, rows: rows, selected: sel - offset, focused: c.focused, in: top,
                   theme: c.theme, into: &grid)
        guard bottom.height > 2 else { return }
        let agency = queues[sel].agency
        grid.fill(Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: 1), with: c.theme.glyphs.rule, style: c.theme.border)
        grid.put(" \(agency) queue ", x: bottom.x + 1, y: bottom.y, style: c.theme.title, maxWidth: bottom.width - 2)
        let list = Rect(x: bottom.x, y: bottom.y + 1, width: bottom.width, height: bottom.height - 1)
        let tickets = c.state.openTickets(agency: agency, limit: max(0, list.height - 1))
        let ticketRows: [[TableCell]] = tickets.map { t in
            let sla: TableCell
            if let due = t.dueAt {
                let left = due.seconds(since: c.now)
                sla = left < 0 ? TableCell("late \(durationText(seconds: -left))", c.theme.style(for: .danger))
                    : TableCell("due \(durationText(seconds: left))", left < 3600 ? c.theme.style(for: .warning) : c.theme.dim)
            } else {
                sla = TableCell("-", c.theme.dim)
            }
            return [TableCell(shortTicketID(t.id)), TableCell(t.category), sla, TableCell(t.title, c.theme.dim)]
        }
        Table.draw(columns: queueColumns, rows: ticketRows, selected: nil, focused: false, in: list,
                   theme: c.theme, into: &grid)
    }

    /// `LAKSA-20261123-0042` → `LAKSA-0042`.
    static func shortTicketID(_ id: String) -> String { IncidentsPane.shortID(id) }
}
