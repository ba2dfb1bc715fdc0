/// The last line of a desk dialog: what is wrong (a refusal, a missing field) in the warning
/// style, or else the dialog's keys, dimmed.
enum DialogHint {
    static func draw(_ problem: String?, keys: String, in inner: Rect, theme: Theme, into grid: inout CellGrid) {
        let y = inner.maxY - 1
        if let problem {
            grid.put(problem, x: inner.x + 1, y: y, style: theme.warning, maxWidth: inner.width - 2)
        } else {
            grid.put(theme.glyphs.chrome(theme.t(keys)), x: inner.x + 1, y: y, style: theme.dim, maxWidth: inner.width - 2)
        }
    }
}
