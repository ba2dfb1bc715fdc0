import Foundation
import PantauCore

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
