import Foundation
import PantauCore

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
