/// A yes/no question drawn over the dashboard before an act that is hard to undo (resolve,
/// close, merge): it says exactly what will happen; y or Enter confirms, n or Esc cancels,
/// other keys do nothing.
public struct Confirmation: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable { case open, confirmed, cancelled }

    public var title: String
    /// What confirming does, in full sentences.
    public var message: String

    public init(title: String, message: String) {
        self.title = title
        self.message = message
    }

    public func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter, .char("y"), .char("Y"): return .confirmed
        case .escape, .char("n"), .char("N"): return .cancelled
        default: return .open
        }
    }

    /// Draws the question as a box centred in `area`.
    public func draw(in area: Rect, theme: Theme, into grid: inout CellGrid) {
        let width = max(24, min(area.width - 2, 72))
        let lines = IncidentDetailView.wrap(message, width: width - 4, maxLines: max(1, area.height - 6), ellipsis: theme.glyphs.ellipsis)
        let height = lines.count + 4
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: theme.text)
        let inner = Box.draw(rect, title: title, focused: true, theme: theme, into: &grid)
        for (i, line) in lines.enumerated() {
            grid.put(line, x: inner.x + 1, y: inner.y + i, style: theme.text, maxWidth: inner.width - 2)
        }
        grid.put(theme.glyphs.chrome(theme.t("y/Enter confirm · n/Esc cancel")), x: inner.x + 1, y: inner.maxY - 1,
                 style: theme.footerKey.with([]), maxWidth: inner.width - 2)
    }
}
