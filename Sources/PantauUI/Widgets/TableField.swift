import Foundation
import PantauCore

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
