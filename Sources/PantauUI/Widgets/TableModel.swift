import Foundation
import PantauCore

/// A table pane's rows as the operator asked for them: its columns (the layout's choice, in its
/// order), the search, the sort. With neither search nor sort the pane keeps fetching only the
/// visible rows in its own order; otherwise the rows are filtered and sorted here, and only the
/// visible ones become cells.
public struct TableModel<Row> {
    /// Every column the pane type has.
    public let fields: [TableField<Row>]
    /// The columns shown, as indices into `fields`.
    public let visible: [Int]
    public let view: TableView

    /// `spec.columns` picks and orders the columns (unknown ids are ignored: the parser
    /// reported them).
    public init(fields: [TableField<Row>], spec: PaneSpec, view: TableView) {
        self.fields = fields
        if let ids = spec.columns {
            let picked = ids.compactMap { id in fields.firstIndex { $0.id == id } }
            visible = picked.isEmpty ? Array(fields.indices) : picked
        } else {
            visible = Array(fields.indices)
        }
        self.view = view
    }

    /// The visible columns.
    public var columns: [TableColumn] { visible.map { fields[$0].column } }

    /// Whether the pane's own order and every row are wanted (the fast path).
    public var isDefault: Bool { view.isDefault }

    /// The search as a test of one row (nil: no search), the query folded once.
    public func matcher(context: PaneContext) -> ((Row) -> Bool)? {
        guard !view.search.isEmpty else { return nil }
        let query = Array(TextFold.fold(view.search).utf8)
        let texts = visible.map { fields[$0].text }
        let env = TableContext(context)
        return { row in texts.contains { TextFold.contains($0(row, env), folded: query) } }
    }

    /// The rows after the search and sort, from `all` (every row in the pane's own order).
    public func arrange(_ all: [Row], context: PaneContext) -> [Row] {
        sort(matcher(context: context).map { all.filter($0) } ?? all, context: context)
    }

    /// `rows` in the view's order (stable: equal keys keep the pane's own order).
    func sort(_ rows: [Row], context: PaneContext) -> [Row] {
        if let col = view.sortColumn, fields.indices.contains(col), let key = fields[col].sortKey {
            let env = TableContext(context)
            let keys = rows.map { key($0, env) }
            let descending = view.descending
            let order = rows.indices.sorted { a, b in
                switch keys[a].compare(keys[b]) {
                case nil:
                    let ma = keys[a] == .missing, mb = keys[b] == .missing
                    return ma != mb ? mb : a < b
                case 0?: return a < b
                case let r?: return descending ? r > 0 : r < 0
                }
            }
            return order.map { rows[$0] }
        }
        return view.descending ? rows.reversed() : rows
    }

    /// The number of rows and, when the search or sort are active, the rows themselves.
    /// `count` and `all` are only called when needed; `all` is given the search's test, to
    /// skip rows that fail it without copying them.
    public func resolve(count: () -> Int, all: (((Row) -> Bool)?) -> [Row], context: PaneContext) -> TableRows<Row> {
        if isDefault { return TableRows(total: count(), arranged: nil) }
        let rows = sort(all(matcher(context: context)), context: context)
        return TableRows(total: rows.count, arranged: rows)
    }

    /// The same, for rows at hand.
    public func resolve(count: () -> Int, all: () -> [Row], context: PaneContext) -> TableRows<Row> {
        resolve(count: count, all: { test in test.map { all().filter($0) } ?? all() }, context: context)
    }

    /// The cells of `rows` for the visible columns, laid out in `width` cells.
    public func cells(_ rows: [Row], width: Int, context: PaneContext) -> [[TableCell]] {
        let widths = TableColumn.layout(columns, total: width)
        let env = TableContext(context)
        return rows.map { row in
            visible.enumerated().map { i, f in fields[f].cell(row, env, widths[i]) }
        }
    }

    /// The visible column that is sorted and which way, for the header's ▲/▼.
    public var sortMark: (column: Int, descending: Bool)? {
        guard let col = view.sortColumn, let i = visible.firstIndex(of: col) else { return nil }
        return (i, view.descending)
    }

    /// What the title adds for a search: ` /banjir 3 of 14`.
    public func titleNote(shown: Int, of total: Int) -> String {
        view.search.isEmpty ? "" : " /\(view.search) \(shown) of \(total)"
    }

    /// Draws the page of `rows` (of the list `all`) that keeps the selection on screen in
    /// `inner` (a pane's inside, header row included), selected only while focused; `empty`
    /// (dim) when no row is shown.
    func drawPage(_ rows: TableRows<Row>, of all: [Row], empty: String, context c: PaneContext, in inner: Rect,
                  into grid: inout CellGrid) {
        guard inner.height > 1 else { return }
        let visible = inner.height - 1
        let sel = min(c.selection, max(0, rows.total - 1))
        let offset = scrollOffset(selection: sel, visible: visible)
        let shown = rows.page(offset: offset, limit: visible) { limit, offset in Array(all.dropFirst(offset).prefix(limit)) }
        if shown.isEmpty {
            grid.put(empty, x: inner.x + 1, y: inner.y + 1, style: c.theme.dim, maxWidth: inner.width - 1)
        }
        draw(shown, selected: c.focused ? sel - offset : nil, context: c, in: inner, into: &grid)
    }

    /// Draws the header and `rows` (already the visible ones).
    public func draw(_ rows: [Row], selected: Int?, context c: PaneContext, in rect: Rect, into grid: inout CellGrid) {
        Table.draw(columns: columns, rows: cells(rows, width: rect.width, context: c), selected: selected,
                   focused: c.focused, in: rect, theme: c.theme, into: &grid,
                   sorted: sortMark.map { ($0.column, $0.descending ? c.theme.glyphs.sortDescending : c.theme.glyphs.sortAscending) })
    }
}

extension Glyphs {
    /// The sorted column's header mark, ascending: `▲` or `^`.
    public var sortAscending: String { isASCII ? "^" : "▲" }
    /// Descending: `▼` or `v`.
    public var sortDescending: String { isASCII ? "v" : "▼" }
}

extension PaneContext {
    /// A context for counting and finding rows outside a frame (no drawing happens with it).
    init(state: CityState) {
        self.init(state: state, theme: .dark, rules: .standard, focused: false, selection: 0,
                  seenIncidentSequence: 0, blinkOn: true)
    }
}

extension PaneType {
    /// The ids of a table pane's columns (what `columns:`, `sort:` and `:sort` name), in the
    /// pane's own order; empty for panes that are not tables. The tickets pane's are its queue's.
    public var columnIDs: [String] {
        columns.map(\.id)
    }

    /// Each column's id and header.
    public var columns: [(id: String, header: String)] { catalogue.map { ($0.id, $0.header) } }

    /// The ids of the columns that can be sorted.
    public var sortableColumnIDs: [String] { catalogue.filter(\.sortable).map(\.id) }

    private var catalogue: [(id: String, header: String, sortable: Bool)] {
        func list<Row>(_ fields: [TableField<Row>]) -> [(id: String, header: String, sortable: Bool)] {
            fields.map { ($0.id, $0.column.header, $0.sortKey != nil) }
        }
        switch self {
        case .incidents: return list(IncidentsPane.fields)
        case .traffic: return list(TrafficPane.fields)
        case .sensors: return list(SensorsPane.fields)
        case .tickets: return list(TicketsPane.fields)
        case .sources: return list(SourcesPane.fields)
        case .log: return list(LogPane.fields)
        case .units: return list(UnitsPane.fields)
        case .alarms: return list(AlarmsPane.fields)
        case .kpi, .detail, .map: return []
        }
    }

    /// Whether `/` and `o` apply (the pane is a table).
    public var isTable: Bool { !columns.isEmpty }
}
