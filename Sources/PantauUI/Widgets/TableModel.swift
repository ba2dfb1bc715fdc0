import Foundation
import PantauCore

/// What a row is sorted by on one column: numbers as numbers (ages and times as instants),
/// text as folded text. A row without a value sorts after those with one, either way.
public enum SortKey: Sendable, Equatable {
    /// A number, an age or a time (as milliseconds).
    case number(Double)
    /// Folded text (see ``folded(_:)``).
    case text(String)
    /// No value: sorts last whichever the direction.
    case missing

    /// A text key, folded so that case and accents do not change the order.
    public static func folded(_ s: String) -> SortKey { .text(TextFold.fold(s)) }

    /// Compares two present keys of the same kind; nil when either is missing.
    func compare(_ other: SortKey) -> Int? {
        switch (self, other) {
        case let (.number(a), .number(b)): return a < b ? -1 : a > b ? 1 : 0
        case let (.text(a), .text(b)): return a < b ? -1 : a > b ? 1 : 0
        case (.number, .text): return -1
        case (.text, .number): return 1
        default: return nil
        }
    }
}

/// One column a table pane can show: a stable id (what layouts and `:sort` name), how it
/// looks, the plain text a search matches, its cell, and its sort key (nil: not sortable).
public struct TableField<Row>: Sendable {
    /// The id layouts and `:sort` use, e.g. `age`.
    public var id: String
    /// The header, width and alignment.
    public var column: TableColumn
    /// The cell's plain text, which `/` matches.
    public var text: @Sendable (Row, TableContext) -> String
    /// The cell as drawn, given its width.
    public var cell: @Sendable (Row, TableContext, Int) -> TableCell
    /// What the column sorts by; nil when it cannot be sorted.
    public var sortKey: (@Sendable (Row, TableContext) -> SortKey)?

    /// A column whose cell is its text in `style` (nil: the row's style).
    public init(_ id: String, _ column: TableColumn, style: (@Sendable (Row, TableContext) -> Style?)? = nil,
                text: @escaping @Sendable (Row, TableContext) -> String, sort: (@Sendable (Row) -> SortKey)?) {
        self.id = id
        self.column = column
        self.text = text
        self.cell = { row, c, _ in TableCell(text(row, c), style?(row, c)) }
        if let sort { self.sortKey = { row, _ in sort(row) } } else { self.sortKey = nil }
    }

    /// A column whose text and sort key are read through the context (rows that are
    /// positions in the state rather than copies of records).
    public init(_ id: String, _ column: TableColumn, text: @escaping @Sendable (Row, TableContext) -> String,
                cell: (@Sendable (Row, TableContext, Int) -> TableCell)? = nil, style: (@Sendable (Row, TableContext) -> Style?)? = nil,
                sortIn: (@Sendable (Row, TableContext) -> SortKey)?) {
        self.id = id
        self.column = column
        self.text = text
        self.cell = cell ?? { row, c, _ in TableCell(text(row, c), style?(row, c)) }
        self.sortKey = sortIn
    }

    /// A column with its own cell (a bar, pips, a sparkline) and plain text for searches.
    public init(_ id: String, _ column: TableColumn, text: @escaping @Sendable (Row, TableContext) -> String,
                cell: @escaping @Sendable (Row, TableContext, Int) -> TableCell, sort: (@Sendable (Row) -> SortKey)?) {
        self.id = id
        self.column = column
        self.text = text
        self.cell = cell
        if let sort { self.sortKey = { row, _ in sort(row) } } else { self.sortKey = nil }
    }
}

/// What the operator has done to one table: a search (`/`) and a sort (`o`, `O`). Kept by the
/// dashboard per pane, across frames and layout reloads.
public struct TableView: Sendable, Equatable {
    /// The text rows must contain (in any visible column, ignoring case and accents).
    public var search = ""
    /// The sorted column, as an index into the pane type's columns; nil: the pane's own order.
    public var sortColumn: Int?
    /// Whether the order (the column's, or the pane's own) is reversed.
    public var descending = false

    /// A view with the given search and sort (by default none: the pane as it comes).
    public init(search: String = "", sortColumn: Int? = nil, descending: Bool = false) {
        self.search = search
        self.sortColumn = sortColumn
        self.descending = descending
    }

    /// Nothing asked: the pane's own order, every row.
    public var isDefault: Bool { search.isEmpty && sortColumn == nil && !descending }
}

/// Case- and accent-insensitive matching. ASCII text is compared byte by byte; anything else
/// goes through Foundation's folding.
public enum TextFold {
    /// `"Bánjir"` → `"banjir"`.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// Whether `text`, folded, contains `query` (already folded, as UTF-8 bytes).
    public static func contains(_ text: String, folded query: [UInt8]) -> Bool {
        guard !query.isEmpty else { return true }
        var t = text
        let ascii: Bool? = t.withUTF8 { bytes in
            bytes.contains(where: { $0 >= 0x80 }) ? nil : find(query, in: bytes)
        }
        if let ascii { return ascii }
        let folded = Array(fold(text).utf8)
        return folded.withUnsafeBufferPointer { find(query, in: $0) }
    }

    /// Whether `bytes` (ASCII letters compared without case) hold `query` (lowercase).
    private static func find(_ query: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count, m = query.count
        guard n >= m else { return false }
        let first = query[0]
        var i = 0
        while i <= n - m {
            var b = bytes[i]
            if b >= 65 && b <= 90 { b += 32 }
            if b == first {
                var j = 1
                while j < m {
                    var c = bytes[i + j]
                    if c >= 65 && c <= 90 { c += 32 }
                    if c != query[j] { break }
                    j += 1
                }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }
}

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

    /// Draws the header and `rows` (already the visible ones).
    public func draw(_ rows: [Row], selected: Int?, context c: PaneContext, in rect: Rect, into grid: inout CellGrid) {
        Table.draw(columns: columns, rows: cells(rows, width: rect.width, context: c), selected: selected,
                   focused: c.focused, in: rect, theme: c.theme, into: &grid,
                   sorted: sortMark.map { ($0.column, $0.descending ? c.theme.glyphs.sortDescending : c.theme.glyphs.sortAscending) })
    }
}

/// A table's rows for one frame: how many there are, and the arranged rows when a search or
/// sort made the pane materialise them.
public struct TableRows<Row> {
    /// How many rows the table has (after the search).
    public let total: Int
    /// Every row in the view's order when a search or sort is active; nil: the pane's own
    /// order, fetched a page at a time.
    public let arranged: [Row]?
    /// The arranged rows by position, made only for the rows asked for (a pane whose rows are
    /// positions in the state); used instead of `arranged` when set.
    let lookup: ((Int) -> Row)?

    public init(total: Int, arranged: [Row]?) {
        self.total = total
        self.arranged = arranged
        self.lookup = nil
    }

    /// `total` arranged rows, row `i` being `row(i)`.
    init(total: Int, row: @escaping (Int) -> Row) {
        self.total = total
        self.arranged = nil
        self.lookup = row
    }

    /// Rows `offset ..< offset + limit`; `fast` fetches them in the pane's own order.
    public func page(offset: Int, limit: Int, fast: (_ limit: Int, _ offset: Int) -> [Row]) -> [Row] {
        if let lookup {
            guard offset < total, limit > 0 else { return [] }
            return (offset..<min(total, offset + limit)).map(lookup)
        }
        guard let arranged else { return fast(limit, offset) }
        guard offset < arranged.count, limit > 0 else { return [] }
        return Array(arranged[offset..<min(arranged.count, offset + limit)])
    }

    /// The row at `index`.
    public func row(at index: Int, fast: (_ limit: Int, _ offset: Int) -> [Row]) -> Row? {
        page(offset: index, limit: 1, fast: fast).first
    }
}

extension Glyphs {
    /// The sorted column's header mark, ascending: `▲` or `^`.
    public var sortAscending: String { isASCII ? "^" : "▲" }
    /// Descending: `▼` or `v`.
    public var sortDescending: String { isASCII ? "v" : "▼" }
}

/// A pane's context as the columns' closures see it: one reference for the whole table, so
/// that a search over thousands of rows does not copy the context for every cell.
public final class TableContext {
    /// The pane's context.
    public let pane: PaneContext

    init(_ pane: PaneContext) { self.pane = pane }

    /// The city state.
    public var state: CityState { _read { yield pane.state } }
    /// The theme (colours, glyphs, words).
    public var theme: Theme { _read { yield pane.theme } }
    /// The band rules, with the pane's own gauge thresholds.
    public var rules: BandRules { _read { yield pane.rules } }
    /// Incidents after this sequence number are new.
    public var seenIncidentSequence: Int { pane.seenIncidentSequence }
    /// Whether blinking markers are in their visible phase.
    public var blinkOn: Bool { pane.blinkOn }
    /// The wall clock (source ages).
    public var wallNow: Instant { pane.wallNow }
    /// The feed clock (or the epoch before any event).
    public var now: Instant { pane.now }
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
        case .kpi, .detail, .map: return []
        }
    }

    /// Whether `/` and `o` apply (the pane is a table).
    public var isTable: Bool { !columns.isEmpty }
}
