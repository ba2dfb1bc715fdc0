import PantauCore

/// The data sources and their health, one row each: name, transport and format, state (with
/// the failure reason and the next retry, and whether its events come stamped ahead of the
/// clock), last event, events per minute, errors, skipped records (bad input), and why: skip reasons
/// with where the first skips were, and the records ignored (deliberately not mapped) by reason.
/// Drawn as a `sources` pane and as the `s` overlay.
public enum SourcesPane {
    /// The columns, by id: `source`, `via`, `state`, `last_event`, `events`, `errors`,
    /// `skipped`, `why` (skip reasons and where the first skips were; ignored records by reason).
    public static let fields: [TableField<SourceHealth>] = [
        TableField("source", TableColumn("Source", width: 16, flex: 1, minWidth: 8), text: { h, _ in h.name },
                   sort: { .folded($0.name) }),
        TableField("via", TableColumn("Via", width: 14), style: { _, c in c.theme.dim }, text: { h, _ in "\(h.type)/\(h.format)" },
                   sort: { .folded("\($0.type)/\($0.format)") }),
        TableField("state", TableColumn("State", width: 24, flex: 3, minWidth: 10),
                   style: { h, c in c.theme.style(for: h.ended ? .neutral : h.aheadEvents > 0 && !h.state.isFailing ? .warning : tone(h.state)) },
                   text: { h, c in c.theme.glyphs.chrome(stateText(h, theme: c.theme)) },
                   sort: { .number(Double(($0.ended ? .neutral : tone($0.state)).rawValue)) }),
        TableField("last_event", TableColumn("Last event", width: 10, rightAligned: true), text: { h, c in
            h.lastEventSeconds.map { c.theme.t("%@ ago").replacingPlaceholder(durationText(seconds: Double(c.wallNow.millis) / 1000 - $0)) } ?? c.theme.t("never")
        }, sort: { $0.lastEventSeconds.map { .number(-$0) } ?? .missing }),
        TableField("events", TableColumn("Ev/min", width: 7, rightAligned: true), text: { h, _ in "\(h.eventsPerMinute)" },
                   sort: { .number(Double($0.eventsPerMinute)) }),
        TableField("errors", TableColumn("Errors", width: 6, rightAligned: true),
                   style: { h, c in h.errorCount > 0 ? c.theme.style(for: .warning) : nil },
                   text: { h, _ in "\(h.errorCount)" }, sort: { .number(Double($0.errorCount)) }),
        TableField("skipped", TableColumn("Skipped", width: 7, rightAligned: true),
                   style: { h, c in h.skipped > 0 ? c.theme.style(for: .warning) : nil },
                   text: { h, _ in "\(h.skipped)" }, sort: { .number(Double($0.skipped)) }),
        TableField("why", TableColumn("Why skipped", width: 16, flex: 4, minWidth: 11),
                   style: { h, c in h.skipped > 0 ? c.theme.style(for: .warning) : c.theme.dim },
                   text: { h, _ in h.skipSummary }, sort: { .folded($0.skipSummary) }),
    ]

    /// How many rows the pane has with `view`'s search.
    public static func rowCount(_ sources: [SourceHealth], _ spec: PaneSpec = PaneSpec(type: .sources),
                                view: TableView = TableView(), context: PaneContext? = nil) -> Int {
        guard !view.search.isEmpty, let context else { return sources.count }
        return TableModel(fields: fields, spec: spec, view: view).arrange(sources, context: context).count
    }

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
    static func stateText(_ h: SourceHealth, theme: Theme) -> String {
        let state = healthText(h, theme: theme)
        guard h.aheadEvents > 0 else { return state }
        return "\(state) · \(aheadText(h, theme: theme))"
    }

    /// The state alone: `live`, `stale (quiet > 5m)`, `failing, retry 8s: HTTP 500`.
    static func healthText(_ h: SourceHealth, theme: Theme) -> String {
        switch h.state {
        case .failing(let reason):
            if h.ended { return "\(theme.t("ended")): \(reason)" }
            // The retry first: a long reason is what a narrow column cuts.
            if let r = h.retryIn { return "\(theme.t("failing")), \(theme.t("retry")) \(Int(saturating: r.rounded(.up)))s: \(reason)" }
            return "\(theme.t("failing")): \(reason)"
        case .stale:
            return "\(theme.t("stale")) (\(theme.t("quiet")) > \(durationText(seconds: h.staleAfter)))"
        default:
            return theme.t(h.state.description)
        }
    }

    /// Whether the source's events come stamped ahead of the clock: `ahead 5h00m (12)` (the
    /// latest such batch's furthest, and how many events so far), or `-`. The state column
    /// carries it after the state (`live · ahead 5h00m (12)`).
    static func aheadText(_ h: SourceHealth, theme: Theme) -> String {
        guard h.aheadEvents > 0, let by = h.aheadBy else { return "-" }
        return theme.t("ahead %@").replacingPlaceholder(durationText(seconds: by)) + (h.aheadEvents > 1 ? " (\(h.aheadEvents))" : "")
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let sources = c.sources
        let unwell = sources.filter { $0.isUnwell && !$0.ended }.count
        let note: String? = sources.isEmpty ? nil : unwell > 0 ? "\(unwell) of \(sources.count) unwell" : "\(sources.count) live"
        let matched = rowCount(sources, spec, view: c.view, context: c)
        let title = spec.title + TableModel(fields: fields, spec: spec, view: c.view).titleNote(shown: matched, of: sources.count)
        let inner = Box.draw(rect, title: title, focused: c.focused, theme: c.theme, into: &grid, rightNote: note)
        guard inner.height > 1 else { return }
        if sources.isEmpty {
            grid.put(c.theme.t("no data sources"), x: inner.x + 1, y: inner.y, style: c.theme.dim, maxWidth: inner.width - 1)
            return
        }
        draw(sources, spec: spec, in: inner, context: c, into: &grid)
    }

    /// The table alone, inside `inner` (used by the pane and by the overlay).
    static func draw(_ sources: [SourceHealth], spec: PaneSpec = PaneSpec(type: .sources), in inner: Rect,
                     context c: PaneContext, into grid: inout CellGrid) {
        let model = TableModel(fields: fields, spec: spec, view: c.view)
        let rows = model.resolve(count: { sources.count }, all: { sources }, context: c)
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, rows.total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let shown = rows.page(offset: offset, limit: visible) { Array(sources.dropFirst($1).prefix($0)) }
        model.draw(shown, selected: c.focused ? sel - offset : nil, context: c, in: inner, into: &grid)
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
    /// (Asked for every pane in every frame: a switch, not a table built per call.)
    public var feedKinds: Set<String> {
        switch self {
        case .traffic: return ["traffic"]
        case .incidents, .detail: return ["incident"]
        case .sensors: return ["sensor"]
        case .tickets: return ["ticket"]
        case .sources: return []
        case .units: return ["action"]
        case .alarms: return ["alarm"]
        case .kpi, .map, .log: return ["traffic", "incident", "sensor", "ticket"]
        }
    }
}
