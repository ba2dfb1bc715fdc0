import PantauCore

/// The units board: every roster unit (Damkar, BPBD, ambulances, Satpol PP, Dishub, PUPR
/// crews) by agency, its state coloured, the incident it is on, how long it has been in that
/// state, and its station. The pane's `agency` filter narrows it.
public enum UnitsPane {
    /// The columns, by id: `unit`, `agency`, `state`, `incident`, `for`, `station`.
    public static let fields: [TableField<UnitState>] = [
        TableField("unit", TableColumn("Unit", width: 9), text: { u, _ in u.id }, sort: { .folded($0.id) }),
        TableField("agency", TableColumn("Agency", width: 10, flex: 1, minWidth: 6), style: { _, c in c.theme.dim },
                   text: { u, _ in u.definition.agency }, sort: { .folded($0.definition.agency) }),
        TableField("state", TableColumn("State", width: 11), text: { u, _ in u.status.label },
                   cell: { u, c, _ in TableCell(u.status.label, c.theme.style(for: u.status.tone)) },
                   sort: { .number(Double(UnitStatus.allCases.firstIndex(of: $0.status) ?? 0)) }),
        TableField("incident", TableColumn("Incident", width: 9), text: { u, _ in u.incidentID.map(IncidentsPane.shortID) ?? "-" },
                   sort: { $0.incidentID.map { .folded($0) } ?? .missing }),
        TableField("for", TableColumn("For", width: 6, rightAligned: true), text: { u, c in
            u.since.map { durationText(seconds: c.now.seconds(since: $0)) } ?? "-"
        }, sort: { $0.since.map { .number(Double($0.millis)) } ?? .missing }),
        TableField("station", TableColumn("Station", width: 16, flex: 2, minWidth: 6), style: { _, c in c.theme.dim },
                   text: { u, _ in u.definition.station ?? u.definition.name }, sort: { .folded($0.definition.station ?? "") }),
    ]

    static func units(_ state: CityState, _ spec: PaneSpec) -> [UnitState] {
        let all = state.unitRoster
        return spec.filter.isEmpty ? all : all.filter { spec.filter.matches(agency: $0.definition.agency) }
    }

    /// How many rows the pane has with `view`'s search.
    public static func rowCount(_ state: CityState, _ spec: PaneSpec, view: TableView = TableView(),
                                context: PaneContext? = nil) -> Int {
        let all = units(state, spec)
        guard !view.search.isEmpty, let context else { return all.count }
        return TableModel(fields: fields, spec: spec, view: view).resolve(count: { all.count }, all: { all }, context: context).total
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let all = units(c.state, spec)
        let model = TableModel(fields: fields, spec: spec, view: c.view)
        let rows = model.resolve(count: { all.count }, all: { all }, context: c)
        let available = all.filter { $0.status == .available }.count
        let inner = Box.draw(rect, title: spec.title + model.titleNote(shown: rows.total, of: all.count),
                             focused: c.focused, theme: c.theme, into: &grid,
                             rightNote: "\(available) \(c.theme.t("available")) / \(all.count)")
        model.drawPage(rows, of: all, empty: all.isEmpty ? c.theme.t("no units on the roster") : "\(c.theme.t("nothing matches")) /\(c.view.search)",
                       context: c, in: inner, into: &grid)
    }
}
