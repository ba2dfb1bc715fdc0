/// Key names as a layout's `keys:` section writes them: a single character (`L`, `:`), or one
/// of `Space`, `Tab`, `S-Tab`, `Enter`, `Esc`, `Backspace`, `Delete`, `Up`, `Down`, `Left`, `Right`,
/// `PgUp`, `PgDn`, `Home`, `End` (any case).
public enum KeyName {
    static let named: [String: Key] = [
        "space": .char(" "), "tab": .tab, "s-tab": .backTab, "enter": .enter, "esc": .escape,
        "escape": .escape, "backspace": .backspace, "delete": .delete, "del": .delete, "up": .up, "down": .down, "left": .left,
        "right": .right, "pgup": .pageUp, "pgdn": .pageDown, "home": .home, "end": .end,
    ]

    /// The names `parse` understands, for messages.
    public static var names: [String] { ["Space", "Tab", "S-Tab", "Enter", "Esc", "Backspace", "Delete", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End"] }

    /// The key a name stands for, or nil.
    public static func parse(_ name: String) -> Key? {
        if name.count == 1, let c = name.first, !c.isWhitespace { return .char(c) }
        return named[name.lowercased()]
    }

    /// How a key is written in help and the footer.
    public static func label(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .mouse, .resize: return "?"
        }
    }
}
