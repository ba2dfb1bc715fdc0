import PantauCore

/// The alarms the alert rules raised: active unacknowledged first (a blinking red mark), then
/// acknowledged ones, then cleared ones (dim); within each, the more severe, then the latest.
/// Enter opens an alarm's detail (its timeline: raised, acknowledged, notes, incident, cleared);
/// `a` acknowledges, `i` notes, `c` makes an incident of it (supervisor).
public enum AlarmsPane {
    /// The columns, by id: `mark`, `time` (`HH:MM`, or `DD/MM` for an alarm raised another day), `sev`, `rule`, `subject`, `title`, `value`, `state`, `ack`.
    public static let fields: [TableField<Alarm>] = [
        TableField("mark", TableColumn("", width: 1), text: { _, _ in "" }, cell: { a, c, _ in
            guard a.needsAttention else { return TableCell(" ") }
            return TableCell(c.blinkOn ? c.theme.glyphs.bullet : " ", c.theme.style(for: .danger))
        }, sort: nil),
        TableField("time", TableColumn("Time", width: 5), style: { a, c in dimIfCleared(a, c) },
                   text: { a, c in CivilTime(a.raisedAt).shortText(today: CivilTime(c.now)) }, sort: { .number(Double($0.raisedAt.millis)) }),
        TableField("sev", TableColumn("Sev", width: 5), text: { a, _ in String(a.severity) }, cell: { a, c, _ in
            let pips = min(5, max(0, a.severity))
            return TableCell(String(repeating: c.theme.glyphs.severityOn, count: pips)
                             + String(repeating: c.theme.glyphs.severityOff, count: 5 - pips),
                             a.isActive ? c.theme.style(forSeverity: a.severity) : c.theme.dim)
        }, sort: { .number(Double($0.severity)) }),
        TableField("rule", TableColumn("Rule", width: 10, flex: 1, minWidth: 6), style: { a, c in dimIfCleared(a, c) },
                   text: { a, _ in a.rule }, sort: { .folded($0.rule) }),
        TableField("subject", TableColumn("Subject", width: 10, flex: 1, minWidth: 6), style: { a, c in dimIfCleared(a, c) },
                   text: { a, _ in a.subject }, sort: { .folded($0.subject) }),
        TableField("title", TableColumn("Title", width: 12, flex: 3, minWidth: 6), style: { a, c in dimIfCleared(a, c) },
                   text: { a, _ in a.title }, sort: { .folded($0.title) }),
        TableField("value", TableColumn("Value", width: 9), style: { a, c in dimIfCleared(a, c) },
                   text: { a, _ in valueText(a) }, sort: { $0.raise.value.map { .number($0) } ?? .missing }),
        TableField("state", TableColumn("State", width: 7), text: { a, c in stateText(a, c.theme) }, cell: { a, c, _ in
            TableCell(stateText(a, c.theme), a.needsAttention ? c.theme.style(for: .danger)
                      : a.isActive ? c.theme.style(for: .warning) : c.theme.dim)
        }, sort: { a in .number(Double(a.needsAttention ? 0 : a.isActive ? 1 : 2)) }),
        TableField("ack", TableColumn("Ack by", width: 8, flex: 1, minWidth: 4), style: { a, c in dimIfCleared(a, c) },
                   text: { a, _ in a.acknowledgedBy ?? "-" }, sort: { $0.acknowledgedBy.map { .folded($0) } ?? .missing }),
    ]

    static func dimIfCleared(_ alarm: Alarm, _ c: TableContext) -> Style? {
        alarm.isActive ? nil : c.theme.dim
    }

    /// The level the alarm reached (`Siaga 2`), else its value (`212.5`), else `-`.
    static func valueText(_ alarm: Alarm) -> String {
        alarm.raise.level ?? alarm.raise.value.map(SensorsPane.valueText) ?? "-"
    }

    /// `RAISED` (active, nobody acknowledged it), `acked` (active), `cleared`.
    static func stateText(_ alarm: Alarm, _ theme: Theme) -> String {
        alarm.needsAttention ? theme.t("RAISED") : alarm.isActive ? theme.t("acked") : theme.t("cleared")
    }

    /// The pane's own order (``CityState/alarmsInPaneOrder``), without a search or sort.
    static func alarms(_ state: CityState) -> [Alarm] { state.alarmsInPaneOrder }

    static func rows(_ state: CityState, _ spec: PaneSpec, view: TableView, context: PaneContext?) -> TableRows<Alarm> {
        let all = alarms(state)
        guard let context else { return TableRows(total: all.count) { all[$0] } }
        return TableModel(fields: fields, spec: spec, view: view).resolve(count: { all.count }, all: { all }, context: context)
    }

    /// How many rows the pane has with `view`'s search.
    public static func rowCount(_ state: CityState, _ spec: PaneSpec, view: TableView = TableView(),
                                context: PaneContext? = nil) -> Int {
        rows(state, spec, view: view, context: view.search.isEmpty ? nil : context).total
    }

    /// The alarm on row `index` as the pane shows it (with `view`'s search and sort).
    public static func alarm(at index: Int, in state: CityState, _ spec: PaneSpec, view: TableView = TableView(),
                             context: PaneContext? = nil) -> Alarm? {
        let rows = rows(state, spec, view: view, context: context)
        guard rows.total > 0 else { return nil }
        let all = alarms(state)
        return rows.row(at: min(max(0, index), rows.total - 1)) { limit, offset in Array(all.dropFirst(offset).prefix(limit)) }
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let all = alarms(c.state)
        let model = TableModel(fields: fields, spec: spec, view: c.view)
        let rows = model.resolve(count: { all.count }, all: { all }, context: c)
        let waiting = c.state.unacknowledgedAlarmCount
        let active = all.filter(\.isActive).count
        let inner = Box.draw(rect, title: spec.title + model.titleNote(shown: rows.total, of: all.count),
                             focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: waiting > 0 ? "\(waiting) \(c.theme.t("to acknowledge"))" : "\(active) \(c.theme.t("active"))",
                             noteStyle: waiting > 0 ? c.theme.style(for: .danger) : nil)
        model.drawPage(rows, of: all, empty: all.isEmpty ? c.theme.t("no alarms") : "\(c.theme.t("nothing matches")) /\(c.view.search)",
                       context: c, in: inner, into: &grid)
    }
}
