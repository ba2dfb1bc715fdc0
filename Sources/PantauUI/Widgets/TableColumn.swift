/// A column of a table pane: a header, a width (fixed or flexible), alignment.
public struct TableColumn: Sendable {
    public var header: String
    /// The preferred width.
    public var width: Int
    /// Flexible columns share what is left after the others, in proportion to `flex`; when
    /// space is short they shrink first, down to `minWidth`.
    public var flex: Int
    public var minWidth: Int
    public var rightAligned: Bool

    public init(_ header: String, width: Int, flex: Int = 0, minWidth: Int? = nil, rightAligned: Bool = false) {
        self.header = header
        self.width = width
        self.flex = flex
        self.minWidth = min(width, minWidth ?? (flex > 0 ? max(6, width / 2) : width))
        self.rightAligned = rightAligned
    }

    /// Widths for `columns` in `total` cells (one space between columns). Flexible columns take
    /// the remainder; when space is short they shrink to their minimum, and then columns are
    /// dropped from the right (width 0).
    public static func layout(_ columns: [TableColumn], total: Int) -> [Int] {
        guard !columns.isEmpty else { return [] }
        var widths = columns.map(\.width)
        var used = widths.reduce(0, +) + columns.count - 1
        // Shrink flexible columns toward their minimum: the least flexible (least important) first.
        while used > total {
            guard let i = widths.indices.filter({ columns[$0].flex > 0 && widths[$0] > columns[$0].minWidth })
                .min(by: { (columns[$0].flex, -widths[$0]) < (columns[$1].flex, -widths[$1]) }) else { break }
            widths[i] -= 1
            used -= 1
        }
        var kept = columns.count
        while used > total, kept > 1 {
            kept -= 1
            used -= widths[kept] + 1
            widths[kept] = 0
        }
        if used > total { widths[0] = max(0, total) }
        var spare = total - used
        // Room left after dropping: bring the first dropped column back, cut to fit.
        if kept < columns.count, spare >= 5 {
            widths[kept] = min(columns[kept].width, spare - 1)
            spare -= widths[kept] + 1
            kept += 1
        }
        // Share what is left among the kept flexible columns.
        let flexTotal = (0..<kept).map { columns[$0].flex }.reduce(0, +)
        if spare > 0, flexTotal > 0 {
            let share = spare
            for i in 0..<kept where columns[i].flex > 0 {
                let extra = share * columns[i].flex / flexTotal
                widths[i] += extra
                spare -= extra
            }
            if let last = (0..<kept).last(where: { columns[$0].flex > 0 }) { widths[last] += spare }
        }
        return widths
    }
}
