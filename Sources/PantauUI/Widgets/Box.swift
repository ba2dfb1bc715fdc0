/// Draws a bordered box with a title and returns the inner rectangle.
public enum Box {
    @discardableResult
    public static func draw(_ rect: Rect, title: String, focused: Bool, theme: Theme, into grid: inout CellGrid,
                            rightNote: String? = nil, noteStyle: Style? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let b = focused ? theme.focusedBorder : theme.border
        let (h, v): (Unicode.Scalar, Unicode.Scalar) = focused ? ("━", "┃") : ("─", "│")
        let (tl, tr, bl, br): (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) =
            focused ? ("┏", "┓", "┗", "┛") : ("┌", "┐", "└", "┘")
        grid.fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: h, style: b)
        grid.fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), with: h, style: b)
        grid.fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: v, style: b)
        grid.fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), with: v, style: b)
        grid[rect.x, rect.y] = Cell(tl, style: b)
        grid[rect.maxX - 1, rect.y] = Cell(tr, style: b)
        grid[rect.x, rect.maxY - 1] = Cell(bl, style: b)
        grid[rect.maxX - 1, rect.maxY - 1] = Cell(br, style: b)
        var used = 0
        if rect.width > 6 {
            used = grid.put(" \(title) ", x: rect.x + 2, y: rect.y,
                            style: focused ? theme.focusedTitle : theme.title, maxWidth: rect.width - 4)
        }
        if let note = rightNote, rect.width - 6 - used > terminalWidth(of: note) + 2 {
            grid.putRight(" \(note) ", maxX: rect.maxX - 2, y: rect.y, style: noteStyle ?? theme.dim)
        }
        return rect.inset(by: 1)
    }
}
