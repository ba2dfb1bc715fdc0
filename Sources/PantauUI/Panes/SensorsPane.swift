import PantauCore

/// One row per sensor channel, most alarming first: name, kind, latest value with unit, band
/// in colour, sparkline of recent readings.
public enum SensorsPane {
    /// The columns, by id: `station`, `kind`, `value`, `band`, `trend`.
    public static let fields: [TableField<SensorStation>] = [
        TableField("station", TableColumn("Station", width: 20, flex: 2, minWidth: 10), text: { s, _ in s.name },
                   sort: { .folded($0.name) }),
        TableField("kind", TableColumn("Kind", width: 5), style: { _, c in c.theme.dim }, text: { s, c in c.theme.t(s.kind.label) },
                   sort: { .folded($0.kind.label) }),
        TableField("value", TableColumn("Value", width: 10, rightAligned: true), style: { s, c in
            c.state.staleAge(of: s, now: c.now) == nil ? nil : c.theme.dim
        }, text: { s, c in
            s.unit == "index" ? valueText(s.value) : "\(valueText(s.value)) \(c.theme.glyphs.chrome(s.unit))"
        }, sort: { .number($0.value) }),
        // A stale reading says so where its band would be: `stale 42m`.
        TableField("band", TableColumn("Band", width: 15), style: { s, c in
            c.state.staleAge(of: s, now: c.now) == nil ? c.theme.style(for: c.rules.band(of: s)?.tone ?? .neutral) : c.theme.dim
        }, text: { s, c in
            if let age = c.state.staleAge(of: s, now: c.now) { return "\(c.theme.t("stale")) \(durationText(seconds: age))" }
            return c.rules.band(of: s).map { c.theme.t($0.label) } ?? "-"
        },
                   // By how alarming (the standard rules), mildest first.
                   sort: { .number(Double((BandRules.standard.band(of: $0)?.tone ?? .neutral).rawValue)) }),
        TableField("trend", TableColumn("Trend", width: 12, flex: 1, minWidth: 4), text: { _, _ in "" }, cell: { s, c, width in
            TableCell(Sparkline.text(s.history.recent, width: width, glyphs: c.theme.glyphs),
                      c.theme.style(for: c.rules.band(of: s)?.tone ?? .neutral))
        }, sort: nil),
    ]

    /// How many rows the pane has with `view`'s search.
    public static func rowCount(_ state: CityState, _ spec: PaneSpec, view: TableView = TableView()) -> Int {
        let shown = spec.filter.isEmpty ? state.stations.count : state.stations.values.filter { spec.filter.matches($0) }.count
        guard !view.search.isEmpty else { return shown }
        var c = PaneContext(state: state)
        for (id, t) in spec.thresholds { c.rules.gaugeThresholds[id] = t }
        return rows(spec, context: c, view: view, count: shown).total
    }

    static func rows(_ spec: PaneSpec, context c: PaneContext, view: TableView, count: Int) -> TableRows<SensorStation> {
        let filter = spec.filter
        let predicate: ((SensorStation) -> Bool)? = filter.isEmpty ? nil : { (s: SensorStation) in filter.matches(s) }
        return TableModel(fields: fields, spec: spec, view: view).resolve(count: { count }, all: {
            c.state.stationsByConcern(rules: c.rules, limit: count, where: predicate)
        }, context: c)
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context base: PaneContext, into grid: inout CellGrid) {
        var c = base
        for (id, t) in spec.thresholds { c.rules.gaugeThresholds[id] = t }
        let filter = spec.filter
        let predicate: ((SensorStation) -> Bool)? = filter.isEmpty ? nil : { (s: SensorStation) in filter.matches(s) }
        // Alerts count current readings only; stale ones are counted apart.
        let counts = c.state.stationCounts(atLeast: .warning, rules: c.rules, now: c.now, where: predicate)
        let alarms = counts.alarming
        let staleNote = counts.stale > 0 ? " · \(counts.stale) \(c.theme.t("stale"))" : ""
        let model = TableModel(fields: fields, spec: spec, view: c.view)
        let count = filter.isEmpty ? c.state.stations.count : c.state.stations.values.filter { filter.matches($0) }.count
        let rows = rows(spec, context: c, view: c.view, count: count)
        let inner = Box.draw(rect, title: spec.title + model.titleNote(shown: rows.total, of: count),
                             focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: (alarms > 0 ? "\(alarms) \(c.theme.t(alarms == 1 ? "alert" : "alerts"))" : c.theme.t("all normal")) + staleNote,
                             noteStyle: alarms > 0 ? c.theme.style(for: .warning) : c.theme.dim)
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, rows.total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let stations = rows.page(offset: offset, limit: visible) {
            c.state.stationsByConcern(rules: c.rules, limit: $0, offset: $1, where: predicate)
        }
        if stations.isEmpty {
            grid.put(count == 0 ? c.theme.t("no readings yet") : "\(c.theme.t("no stations match")) /\(c.view.search)",
                     x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        model.draw(stations, selected: sel - offset, context: c, in: inner, into: &grid)
    }

    static func valueText(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 100_000 { return String(Int(v)) }
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(saturating: r)) : String(r)
    }
}
