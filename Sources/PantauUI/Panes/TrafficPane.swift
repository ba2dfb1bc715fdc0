import PantauCore

/// Road segments, worst first (stale ones below every current one): road, district, speed against free flow as a bar, jam level in
/// its colour, delay.
public enum TrafficPane {
    /// The columns, by id: `road`, `speed`, `jam`, `delay`, `district`.
    public static let fields: [TableField<TrafficSegment>] = [
        TableField("road", TableColumn("Road", width: 22, flex: 3, minWidth: 10), style: { s, c in staleStyle(s, c) },
                   text: { s, _ in s.road }, sort: { .folded($0.road) }),
        TableField("speed", TableColumn("Speed km/h", width: 13), text: { s, _ in speedText(s) }, cell: { s, c, _ in
            TableCell(Bar.text(fraction: s.speedRatio ?? 1, width: 5, glyphs: c.theme.glyphs) + " " + speedText(s),
                      staleStyle(s, c) ?? c.theme.style(for: JamLevel.tone(s.jamLevel)))
        }, sort: { $0.speedKmh.map { .number($0) } ?? .missing }),
        // A stale segment says so where its jam level would be: `stale 42m`.
        TableField("jam", TableColumn("Jam", width: 10),
                   style: { s, c in staleStyle(s, c) ?? c.theme.style(for: JamLevel.tone(s.jamLevel)) },
                   text: { s, c in
                       if let age = c.state.staleAge(of: s, now: c.now) { return "\(c.theme.t("stale")) \(durationText(seconds: age))" }
                       return "\(s.jamLevel) \(c.theme.t(JamLevel.label(s.jamLevel)))"
                   }, sort: { .number(Double($0.jamLevel)) }),
        TableField("delay", TableColumn("Delay", width: 6, rightAligned: true), style: { s, c in staleStyle(s, c) },
                   text: { s, _ in s.delaySeconds.map { $0 >= 30 ? durationText(seconds: $0) : "-" } ?? "-" },
                   sort: { $0.delaySeconds.map { .number($0) } ?? .missing }),
        TableField("district", TableColumn("District", width: 10, flex: 1, minWidth: 8), style: { _, c in c.theme.dim },
                   text: { s, _ in s.district ?? "-" }, sort: { $0.district.map(SortKey.folded) ?? .missing }),
    ]

    /// Dim for a segment that has gone unrefreshed past its limit; nil for a current one.
    static func staleStyle(_ s: TrafficSegment, _ c: TableContext) -> Style? {
        c.state.staleAge(of: s, now: c.now) == nil ? nil : c.theme.dim
    }

    static func speedText(_ s: TrafficSegment) -> String {
        (s.speedKmh.map { "\(Int(saturating: $0.rounded()))" } ?? "?") + (s.freeFlowKmh.map { "/\(Int(saturating: $0.rounded()))" } ?? "")
    }

    /// How many rows the pane has with `view`'s search.
    public static func rowCount(_ state: CityState, _ spec: PaneSpec, view: TableView = TableView()) -> Int {
        let shown = spec.filter.isEmpty ? Array(state.segments.values) : state.segments.values.filter { spec.filter.matches($0) }
        guard !view.search.isEmpty else { return shown.count }
        return TableModel(fields: fields, spec: spec, view: view).arrange(shown, context: PaneContext(state: state)).count
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let filter = spec.filter
        let predicate = filter.isEmpty ? nil : { (s: TrafficSegment) in filter.matches(s) }
        let shown = filter.isEmpty ? Array(c.state.segments.values) : c.state.segments.values.filter { filter.matches($0) }
        // Jammed counts current segments only; stale ones are counted apart.
        let counts = c.state.segmentCounts(now: c.now, where: predicate)
        let staleNote = counts.stale > 0 ? " · \(counts.stale) \(c.theme.t("stale"))" : ""
        let model = TableModel(fields: fields, spec: spec, view: c.view)
        let rows = model.resolve(count: { shown.count }, all: {
            c.state.worstSegments(limit: shown.count, now: c.now, where: predicate)
        }, context: c)
        let inner = Box.draw(rect, title: spec.title + model.titleNote(shown: rows.total, of: shown.count),
                             focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: "\(counts.jammed) \(c.theme.t("jammed")) / \(shown.count)\(staleNote)")
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, rows.total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let segments = rows.page(offset: offset, limit: visible) { limit, offset in
            Array(c.state.worstSegments(limit: offset + limit, now: c.now, where: predicate).dropFirst(offset))
        }
        if segments.isEmpty {
            grid.put(shown.isEmpty ? c.theme.t("no traffic data yet") : "\(c.theme.t("no roads match")) /\(c.view.search)",
                     x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        model.draw(segments, selected: sel - offset, context: c, in: inner, into: &grid)
    }
}
