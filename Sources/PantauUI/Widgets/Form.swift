/// A short form drawn over the dashboard (a new incident from a call): text fields edited in
/// place, choice fields through a picker (Enter or typing opens it, ←/→ step through the
/// options). Tab/↓ and S-Tab/↑ move between fields; Enter on a text field goes to the next one
/// and on the last field submits, unless a required field is empty (the form then says which
/// and goes there); Esc cancels (or closes the open picker).
public struct Form: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case editing
        /// The values by field name (empty string for an empty optional field).
        case submitted([String: String])
        case cancelled
    }

    public var title: String
    public private(set) var fields: [FormField]
    /// The field being edited.
    public private(set) var focus = 0
    /// The open picker of the focused choice field.
    public private(set) var picker: Picker?
    /// What is wrong (a required field left empty), until the next key.
    public private(set) var error: String?

    public init(title: String, fields: [FormField]) {
        self.title = title
        self.fields = fields
    }

    /// The values by field name.
    public var values: [String: String] {
        Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public mutating func handle(_ key: Key) -> Outcome {
        error = nil
        if picker != nil { return handlePickerKey(key) }
        guard fields.indices.contains(focus) else { return key == .escape ? .cancelled : .editing }
        switch key {
        case .escape: return .cancelled
        case .tab, .down: focus = (focus + 1) % fields.count
        case .backTab, .up: focus = (focus - 1 + fields.count) % fields.count
        case .enter:
            if focus == fields.count - 1 { return submit() }
            if case .choice = fields[focus].kind, fields[focus].value.isEmpty {
                openPicker(typing: nil)
            } else {
                focus += 1
            }
        default:
            switch fields[focus].kind {
            case .text(var editor):
                _ = editor.handle(key)
                fields[focus].kind = .text(editor)
            case .choice(let options, let chosen):
                switch key {
                case .left, .right:
                    guard !options.isEmpty else { break }
                    let step = key == .left ? -1 : 1
                    let next = chosen.map { ($0 + step + options.count) % options.count } ?? (step > 0 ? 0 : options.count - 1)
                    fields[focus].kind = .choice(options, chosen: next)
                case .char(" "):
                    openPicker(typing: nil)
                case .char(let c) where !c.unicodeScalars.contains(where: \.isTerminalControl):
                    openPicker(typing: String(c))
                default: break
                }
            }
        }
        return .editing
    }

    /// Says what is wrong with the values (a check the form cannot make itself, like "district
    /// or address") and goes to the field `name`.
    public mutating func fail(_ message: String, field name: String) {
        error = message
        if let i = fields.firstIndex(where: { $0.name == name }) { focus = i }
    }

    /// Submits, or says which required field is empty and moves there.
    private mutating func submit() -> Outcome {
        if let missing = fields.firstIndex(where: { $0.required && $0.value.isEmpty }) {
            focus = missing
            error = "\(fields[missing].label) is required"
            return .editing
        }
        return .submitted(values)
    }

    private mutating func openPicker(typing: String?) {
        guard case .choice(let options, _) = fields[focus].kind else { return }
        var p = Picker(title: fields[focus].label, items: options)
        if let typing { p.typeFilter(typing) }
        picker = p
    }

    private mutating func handlePickerKey(_ key: Key) -> Outcome {
        guard var p = picker else { return .editing }
        switch p.handle(key) {
        case .open, .refused:
            picker = p
        case .cancelled:
            picker = nil
        case .chosen(let item):
            picker = nil
            if case .choice(let options, _) = fields[focus].kind, let i = options.firstIndex(of: item) {
                fields[focus].kind = .choice(options, chosen: i)
                if focus < fields.count - 1 { focus += 1 }
            }
        }
        return .editing
    }

    /// Draws the form as a box centred in `area`, its picker (if open) over it.
    public func draw(in area: Rect, theme: Theme, into grid: inout CellGrid) {
        let width = max(30, min(area.width - 2, 76))
        let height = min(area.height - 2, fields.count + 4)
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: theme.text)
        let inner = Box.draw(rect, title: title, focused: true, theme: theme, into: &grid)
        guard inner.height >= 3 else { return }
        let labelWidth = min(16, (fields.map { terminalWidth(of: theme.t($0.label)) }.max() ?? 0) + 2)
        let valueX = inner.x + 2 + labelWidth
        let valueWidth = max(1, inner.maxX - 1 - valueX)
        for (i, field) in fields.prefix(inner.height - 2).enumerated() {
            let y = inner.y + i
            let focused = i == focus
            grid.put(theme.t(field.label) + (field.required ? "*" : ""), x: inner.x + 1, y: y,
                     style: focused ? theme.focusedTitle : theme.dim, maxWidth: labelWidth)
            switch field.kind {
            case .text(let editor):
                if focused && picker == nil {
                    editor.draw(x: valueX, y: y, width: valueWidth, style: theme.text, into: &grid)
                } else {
                    grid.put(field.shown, x: valueX, y: y, style: theme.text, maxWidth: valueWidth)
                }
            case .choice:
                let shown = field.shown
                let text = shown.isEmpty ? theme.t("(Enter or type to choose)") : "\(theme.glyphs.chrome("◂")) \(shown) \(theme.glyphs.chrome("▸"))"
                grid.put(text, x: valueX, y: y, style: focused ? theme.selection : (shown.isEmpty ? theme.dim : theme.text), maxWidth: valueWidth)
            }
        }
        DialogHint.draw(error, keys: "Tab next · S-Tab back · Enter on the last field submits · Esc cancel", in: inner, theme: theme,
                        into: &grid)
        if let picker { picker.draw(in: area, theme: theme, into: &grid, maxWidth: 60) }
    }
}
