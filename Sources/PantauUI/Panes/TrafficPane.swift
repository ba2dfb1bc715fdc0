import PantauCore

/// Road segments, worst first: road, district, speed against free flow as a bar, jam level in
/// its colour, delay.
public enum TrafficPane {
    static let columns = [
        TableColumn("Road", width: 22, flex: 3, minWidth: 10),
        TableColumn("Speed km/h", width: 13),
        TableColumn("Jam", width: 10),
        TableColumn("Delay", width: 6, rightAligned: true),
        TableColumn("District", width: 10, flex: 1, minWidth: 8),
    ]

    public static func rowCount(_ state: CityState, _ spec: PaneSpec) -> Int {
        spec.filter.isEmpty ? state.segments.count : state.segments.values.filter { spec.filter.matches($0) }.count
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let filter = spec.filter
        let shown = filter.isEmpty ? Array(c.state.segments.values) : c.state.segments.values.filter { filter.matches($0) }
        let jammed = shown.reduce(0) { $0 + ($1.jamLevel >= 3 ? 1 : 0) }
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: "\(jammed) jammed / \(shown.count)")
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, shown.count - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let segments = c.state.worstSegments(limit: offset + visible, where: filter.isEmpty ? nil : { (s: TrafficSegment) in filter.matches(s) }).dropFirst(offset)
        let rows: [[TableCell]] = segments.map { s in
            let tone = JamLevel.tone(s.jamLevel)
            let ratio = s.speedRatio ?? 1
            let speed = s.speedKmh.map { "\(Int($0.rounded()))" } ?? "?"
            let free = s.freeFlowKmh.map { "/\(Int($0.rounded()))" } ?? ""
            return [
                TableCell(s.road),
                TableCell(Bar.text(fraction: ratio, width: 5, glyphs: c.theme.glyphs) + " " + speed + free, c.theme.style(for: tone)),
                TableCell("\(s.jamLevel) \(JamLevel.label(s.jamLevel))", c.theme.style(for: tone)),
                TableCell(s.delaySeconds.map { $0 >= 30 ? durationText(seconds: $0) : "-" } ?? "-"),
                TableCell(s.district ?? "-", c.theme.dim),
            ]
        }
        if rows.isEmpty {
            grid.put("no traffic data yet", x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        Table.draw(columns: columns, rows: rows, selected: sel - offset, focused: c.focused, in: inner,
                   theme: c.theme, into: &grid)
    }
}
