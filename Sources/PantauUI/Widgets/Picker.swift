/// A list to choose one item from, drawn over the dashboard: typing filters it (case and accent
/// insensitive, on label, detail and value), ↑/↓ and PgUp/PgDn move, Enter chooses, Esc cancels.
/// Items may sit under section headings (kept in the order given); an item with a refusal is
/// shown dimmed and Enter on it says why instead of choosing it.
public struct Picker: Equatable, Sendable {
    /// What a key did.
    public enum Outcome: Equatable, Sendable {
        case open
        case chosen(PickerItem)
        /// Enter on an item that may not be chosen: the reason (the picker stays open).
        case refused(String)
        case cancelled
    }

    public var title: String
    public private(set) var items: [PickerItem]
    /// The filter line.
    public private(set) var filter = LineEditor(maxLength: 80)
    /// Index into ``visible`` of the highlighted item.
    public private(set) var selection = 0
    /// A line shown under the list (the last refusal), cleared by the next key.
    public private(set) var message: String?

    public init(title: String, items: [PickerItem]) {
        self.title = title
        self.items = items
        selection = visible.firstIndex { $0.refusal == nil } ?? 0
    }

    /// The items that match the filter, in their order.
    public var visible: [PickerItem] {
        let query = Array(TextFold.fold(filter.text).utf8)
        guard !query.isEmpty else { return items }
        return items.filter { TextFold.contains("\($0.label) \($0.detail) \($0.value)", folded: query) }
    }

    /// The highlighted item, if any matches.
    public var highlighted: PickerItem? {
        let v = visible
        return v.indices.contains(selection) ? v[selection] : nil
    }

    public mutating func handle(_ key: Key) -> Outcome {
        message = nil
        let count = visible.count
        switch key {
        case .escape: return .cancelled
        case .enter:
            guard let item = highlighted else { return .open }
            if let refusal = item.refusal {
                message = refusal
                return .refused(refusal)
            }
            return .chosen(item)
        case .up: selection = max(0, selection - 1)
        case .down: selection = max(0, min(count - 1, selection + 1))
        case .pageUp: selection = max(0, selection - 10)
        case .pageDown: selection = max(0, min(count - 1, selection + 10))
        case .tab, .backTab, .mouse, .resize: break
        default:
            let before = filter.text
            _ = filter.handle(key)
            if filter.text != before {
                let v = visible
                selection = v.firstIndex { $0.refusal == nil } ?? 0
            }
        }
        return .open
    }

    /// Types `text` into the filter (a form opens its picker with the character typed).
    public mutating func typeFilter(_ text: String) {
        filter.insert(text)
        selection = visible.firstIndex { $0.refusal == nil } ?? 0
    }

    /// The lines of the list: a section heading (nil item) or an item with its index in ``visible``.
    private func lines() -> [(heading: String?, item: Int?)] {
        var out: [(heading: String?, item: Int?)] = []
        var section: String?? = .none
        for (i, item) in visible.enumerated() {
            if let s = item.section, section != .some(s) {
                out.append((s, nil))
            }
            section = .some(item.section)
            out.append((nil, i))
        }
        return out
    }

    /// Draws the picker as a box centred in `area` (at most `maxWidth` columns).
    public func draw(in area: Rect, theme: Theme, into grid: inout CellGrid, maxWidth: Int = 84) {
        let lines = lines()
        let width = max(20, min(area.width - 2, maxWidth))
        let height = max(6, min(area.height - 2, lines.count + 5))
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: theme.text)
        let inner = Box.draw(rect, title: title, focused: true, theme: theme, into: &grid,
                             rightNote: "\(visible.count) \(theme.t("of")) \(items.count)")
        guard inner.height >= 3, inner.width > 4 else { return }
        // The filter line.
        let label = theme.t("Filter") + ": "
        let lw = grid.put(label, x: inner.x + 1, y: inner.y, style: theme.dim, maxWidth: inner.width - 2)
        filter.draw(x: inner.x + 1 + lw, y: inner.y, width: max(1, inner.width - 2 - lw), style: theme.text, into: &grid)
        // The list.
        let listHeight = inner.height - 2
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: listHeight)
        if lines.isEmpty {
            grid.put(theme.t("nothing matches"), x: list.x + 1, y: list.y, style: theme.dim, maxWidth: list.width - 1)
        }
        let selectedLine = lines.firstIndex { $0.item == selection } ?? 0
        let offset = scrollOffset(selection: selectedLine, visible: listHeight)
        let v = visible
        for (row, line) in lines.dropFirst(offset).prefix(listHeight).enumerated() {
            let y = list.y + row
            if let heading = line.heading {
                grid.put(heading, x: list.x + 1, y: y, style: theme.title, maxWidth: list.width - 2)
                continue
            }
            guard let i = line.item else { continue }
            let item = v[i]
            let selected = i == selection
            let base = item.refusal == nil ? theme.text : theme.dim
            let style = selected ? theme.selection : base
            if selected { grid.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: style) }
            let x = list.x + 2
            let detailWidth = min(terminalWidth(of: item.detail), max(0, list.width / 2))
            let labelWidth = max(1, list.width - 3 - (detailWidth > 0 ? detailWidth + 1 : 0))
            grid.put(item.label, x: x, y: y, style: style, maxWidth: labelWidth)
            if detailWidth > 0 {
                grid.put(item.detail, x: list.maxX - 1 - detailWidth, y: y, style: selected ? style : theme.dim, maxWidth: detailWidth)
            }
        }
        // The hint, or why the last Enter was refused.
        DialogHint.draw(message, keys: "type to filter · ↑/↓ move · Enter choose · Esc cancel", in: inner, theme: theme, into: &grid)
    }
}
