/// Draws a table: a header row, then rows, with one selected row highlighted. Only the rows
/// passed in are drawn, so callers fetch just what is visible.
public enum Table {
    /// Draws `columns`' headers and `rows` in `rect`; `sorted` marks a column's header with the
    /// sort direction's glyph (`▲`/`▼`).
    public static func draw(columns: [TableColumn], rows: [[TableCell]], selected: Int?, focused: Bool,
                            in rect: Rect, theme: Theme, into grid: inout CellGrid,
                            sorted: (column: Int, mark: String)? = nil) {
        guard rect.height >= 1, rect.width >= 1 else { return }
        let widths = TableColumn.layout(columns, total: rect.width)
        var x = rect.x
        for (i, c) in columns.enumerated() where widths[i] > 0 {
            var header = theme.t(c.header)
            if let sorted, sorted.column == i {
                // The mark after the header, the header cut to make room when it must be.
                let room = widths[i] - terminalWidth(of: sorted.mark)
                while !header.isEmpty, terminalWidth(of: header) + 1 > room { header.removeLast() }
                header = header.isEmpty ? sorted.mark : header + " " + sorted.mark
            }
            put(header, x: x, y: rect.y, width: widths[i], right: c.rightAligned, style: theme.columnHeader, grid: &grid)
            x += widths[i] + 1
        }
        for (r, row) in rows.enumerated() {
            let y = rect.y + 1 + r
            guard y < rect.maxY else { break }
            let isSelected = r == selected
            let rowStyle = isSelected ? (focused ? theme.selection : theme.selectionUnfocused) : theme.text
            if isSelected { grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle) }
            x = rect.x
            for (i, cell) in row.enumerated() where i < columns.count && widths[i] > 0 {
                var style = cell.style ?? rowStyle
                if isSelected { style = cell.style.map { merge($0, into: rowStyle, focused: focused) } ?? rowStyle }
                put(cell.text, x: x, y: y, width: widths[i], right: columns[i].rightAligned, style: style, grid: &grid)
                x += widths[i] + 1
            }
        }
    }

    /// On the selected row the row's background wins, but a cell keeps its foreground colour
    /// where that stays readable.
    private static func merge(_ cell: Style, into row: Style, focused: Bool) -> Style {
        if cell.bg != .default { return cell }
        return focused ? Style(fg: row.fg, bg: row.bg, attributes: row.attributes.union(cell.attributes.subtracting(.blink)))
            : cell.with(.reverse)
    }

    private static func put(_ text: String, x: Int, y: Int, width: Int, right: Bool, style: Style, grid: inout CellGrid) {
        if right {
            let w = terminalWidth(of: text)
            if w <= width { grid.put(text, x: x + width - w, y: y, style: style, maxWidth: w); return }
        }
        grid.put(text, x: x, y: y, style: style, maxWidth: width)
    }
}
