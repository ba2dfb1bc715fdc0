/// The lines at the foot of a detail view's timeline box: why the last action on it was refused
/// (the last row), and above it who at other consoles is on it (`◐ budi (desk-2) is writing a
/// note`). Each takes a row only while the box keeps one for the timeline.
enum DetailFooter {
    /// Draws them at the bottom of `box`; returns the rows they took.
    static func draw(refusal: String?, presence: String?, in box: Rect, theme: Theme, into grid: inout CellGrid) -> Int {
        let g = theme.glyphs
        var rows = 0
        if let refusal, box.height - rows >= 2 {
            grid.put(g.chrome("\(theme.t("refused")): \(refusal)"), x: box.x + 1, y: box.maxY - 1 - rows, style: theme.warning, maxWidth: box.width - 2)
            rows += 1
        }
        if let presence, box.height - rows >= 2 {
            // The names are other processes' text: drawn as they are (the grid shows controls as �).
            let x = box.x + 1 + grid.put(g.presence + " ", x: box.x + 1, y: box.maxY - 1 - rows, style: theme.accent)
            grid.put(presence, x: x, y: box.maxY - 1 - rows, style: theme.accent, maxWidth: max(0, box.maxX - 1 - x))
            rows += 1
        }
        return rows
    }
}
