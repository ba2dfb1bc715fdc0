/// Draws a bordered box with a title and returns the inner rectangle. The border is light, or
/// heavy when focused, from the theme's ``Glyphs`` (`+-|` with `--ascii`, where the title and
/// note are spelt in ASCII too, see ``Glyphs/chrome(_:)``).
public enum Box {
    @discardableResult
    public static func draw(_ rect: Rect, title: String, focused: Bool, theme: Theme, into grid: inout CellGrid,
                            rightNote: String? = nil, noteStyle: Style? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let b = focused ? theme.focusedBorder : theme.border
        let lines = focused ? theme.glyphs.focusedBox : theme.glyphs.box
        let (h, v) = (lines.horizontal, lines.vertical)
        let (tl, tr, bl, br) = (lines.topLeft, lines.topRight, lines.bottomLeft, lines.bottomRight)
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
            used = grid.put(" \(theme.glyphs.chrome(title)) ", x: rect.x + 2, y: rect.y,
                            style: focused ? theme.focusedTitle : theme.title, maxWidth: rect.width - 4)
        }
        if let note = rightNote.map(theme.glyphs.chrome), rect.width - 6 - used > terminalWidth(of: note) + 2 {
            grid.putRight(" \(note) ", maxX: rect.maxX - 2, y: rect.y, style: noteStyle ?? theme.dim)
        }
        return rect.inset(by: 1)
    }
}
