import PantauCore

/// One row per sensor channel, most alarming first: name, kind, latest value with unit, band
/// in colour, sparkline of recent readings.
public enum SensorsPane {
    static let columns = [
        TableColumn("Station", width: 20, flex: 2, minWidth: 10),
        TableColumn("Kind", width: 5),
        TableColumn("Value", width: 10, rightAligned: true),
        TableColumn("Band", width: 15),
        TableColumn("Trend", width: 12, flex: 1, minWidth: 4),
    ]

    public static func rowCount(_ state: CityState, _ spec: PaneSpec) -> Int {
        spec.filter.isEmpty ? state.stations.count : state.stations.values.filter { spec.filter.matches($0) }.count
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context base: PaneContext, into grid: inout CellGrid) {
        var c = base
        for (id, t) in spec.thresholds { c.rules.gaugeThresholds[id] = t }
        let filter = spec.filter
        let predicate: ((SensorStation) -> Bool)? = filter.isEmpty ? nil : { (s: SensorStation) in filter.matches(s) }
        let alarms = predicate == nil ? c.state.stationCount(atLeast: .warning, rules: c.rules)
            : c.state.stations.values.filter { filter.matches($0) && (c.rules.band(of: $0)?.tone ?? .neutral) >= .warning }.count
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: alarms > 0 ? "\(alarms) alert\(alarms == 1 ? "" : "s")" : "all normal",
                             noteStyle: alarms > 0 ? c.theme.style(for: .warning) : c.theme.dim)
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, rowCount(c.state, spec) - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let trendWidth = TableColumn.layout(columns, total: inner.width)[4]
        let stations = c.state.stationsByConcern(rules: c.rules, limit: visible, offset: offset, where: predicate)
        let rows: [[TableCell]] = stations.map { s in
            let band = c.rules.band(of: s)
            let style = c.theme.style(for: band?.tone ?? .neutral)
            return [
                TableCell(s.name),
                TableCell(s.kind.label, c.theme.dim),
                TableCell(s.unit == "index" ? valueText(s.value) : "\(valueText(s.value)) \(c.theme.glyphs.chrome(s.unit))"),
                TableCell(band?.label ?? "-", style),
                TableCell(Sparkline.text(s.history.recent, width: trendWidth, glyphs: c.theme.glyphs), style),
            ]
        }
        if rows.isEmpty {
            grid.put("no readings yet", x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        Table.draw(columns: columns, rows: rows, selected: sel - offset, focused: c.focused, in: inner,
                   theme: c.theme, into: &grid)
    }

    static func valueText(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 100_000 { return String(Int(v)) }
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
