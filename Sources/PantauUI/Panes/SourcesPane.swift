import PantauCore

/// The data sources and their health, one row each: name, transport and format, state (with
/// the failure reason and the next retry), last event, events per minute, errors, skipped
/// records. Drawn as a `sources` pane and as the `s` overlay.
public enum SourcesPane {
    static let columns = [
        TableColumn("Source", width: 16, flex: 1, minWidth: 8),
        TableColumn("Via", width: 14),
        TableColumn("State", width: 24, flex: 3, minWidth: 10),
        TableColumn("Last event", width: 10, rightAligned: true),
        TableColumn("Ev/min", width: 7, rightAligned: true),
        TableColumn("Errors", width: 6, rightAligned: true),
        TableColumn("Skipped", width: 7, rightAligned: true),
    ]

    public static func rowCount(_ sources: [SourceHealth]) -> Int { sources.count }

    /// The tone of a state: live good, connecting neutral, stale warning, failing danger.
    public static func tone(_ state: SourceState) -> BandTone {
        switch state {
        case .live: return .good
        case .connecting: return .neutral
        case .stale: return .warning
        case .failing: return .danger
        }
    }

    /// The state as a cell: failing says why and when it retries; an ended source says so.
    static func stateText(_ h: SourceHealth) -> String {
        switch h.state {
        case .failing(let reason):
            if h.ended { return "ended: \(reason)" }
            if let r = h.retryIn { return "failing: \(reason) · retry \(Int(r.rounded(.up)))s" }
            return "failing: \(reason)"
        case .stale:
            return "stale (quiet > \(durationText(seconds: h.staleAfter)))"
        default:
            return h.state.description
        }
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let sources = c.sources
        let unwell = sources.filter { $0.isUnwell && !$0.ended }.count
        let note: String? = sources.isEmpty ? nil : unwell > 0 ? "\(unwell) of \(sources.count) unwell" : "\(sources.count) live"
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid, rightNote: note)
        guard inner.height > 1 else { return }
        if sources.isEmpty {
            grid.put("no data sources", x: inner.x + 1, y: inner.y, style: c.theme.dim, maxWidth: inner.width - 1)
            return
        }
        draw(sources, in: inner, context: c, into: &grid)
    }

    /// The table alone, inside `inner` (used by the pane and by the overlay).
    static func draw(_ sources: [SourceHealth], in inner: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, sources.count - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let now = Double(c.wallNow.millis) / 1000
        let rows: [[TableCell]] = sources.dropFirst(offset).prefix(visible).map { h in
            let last = h.lastEventSeconds.map { durationText(seconds: now - $0) + " ago" } ?? "never"
            return [
                TableCell(h.name),
                TableCell("\(h.type)/\(h.format)", c.theme.dim),
                TableCell(c.theme.glyphs.chrome(stateText(h)), c.theme.style(for: h.ended ? .neutral : tone(h.state))),
                TableCell(last),
                TableCell("\(h.eventsPerMinute)"),
                TableCell("\(h.errorCount)", h.errorCount > 0 ? c.theme.style(for: .warning) : nil),
                TableCell("\(h.skipped)", h.skipped > 0 ? c.theme.style(for: .warning) : nil),
            ]
        }
        Table.draw(columns: columns, rows: rows, selected: c.focused ? sel - offset : nil, focused: c.focused,
                   in: inner, theme: c.theme, into: &grid)
    }

    /// What a pane's title adds when a source feeding it is stale or failing, e.g.
    /// ` ⚠ waze stale` or ` ⚠ bmkg failing +1`; empty when all its sources are well.
    public static func titleWarning(for type: PaneType, sources: [SourceHealth]) -> String {
        let kinds = type.feedKinds
        guard !kinds.isEmpty else { return "" }
        // A source that has ended for good (a recording played through) is not news.
        let unwell = sources.filter { $0.isUnwell && !$0.ended && !$0.kinds.isDisjoint(with: kinds) }
        guard let first = unwell.first else { return "" }
        let word = first.state == .stale ? "stale" : "failing"
        return " ⚠ \(first.name) \(word)" + (unwell.count > 1 ? " +\(unwell.count - 1)" : "")
    }
}

extension PaneType {
    /// The kinds of feed event this pane shows (feed-format `kind` names). Panes that show
    /// the whole city (kpi, map, log) are fed by every kind; `sources` by none.
    public var feedKinds: Set<String> {
        let specific: [PaneType: Set<String>] = [
            .traffic: ["traffic"], .incidents: ["incident"], .detail: ["incident"], .sensors: ["sensor"],
            .tickets: ["ticket"], .sources: [],
        ]
        return specific[self] ?? ["traffic", "incident", "sensor", "ticket"]
    }
}
