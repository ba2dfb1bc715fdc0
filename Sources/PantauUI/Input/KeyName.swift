/// Key names as a layout's `keys:` section writes them: a single character (`L`, `:`), or one
/// of `Space`, `Tab`, `S-Tab`, `Enter`, `Esc`, `Backspace`, `Up`, `Down`, `Left`, `Right`,
/// `PgUp`, `PgDn`, `Home`, `End` (any case).
public enum KeyName {
    static let named: [String: Key] = [
        "space": .char(" "), "tab": .tab, "s-tab": .backTab, "enter": .enter, "esc": .escape,
        "escape": .escape, "backspace": .backspace, "up": .up, "down": .down, "left": .left,
        "right": .right, "pgup": .pageUp, "pgdn": .pageDown, "home": .home, "end": .end,
    ]

    /// The names `parse` understands, for messages.
    public static var names: [String] { ["Space", "Tab", "S-Tab", "Enter", "Esc", "Backspace", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End"] }

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

extension KeyTable {
    /// The actions a layout may rebind, by the name its `keys:` section uses.
    public static let actionNames: [(name: String, action: Action)] = [
        ("focus_next", .focusNext), ("focus_previous", .focusPrevious),
        ("up", .moveUp), ("down", .moveDown), ("page_up", .pageUp), ("page_down", .pageDown),
        ("top", .top), ("bottom", .bottom), ("open", .open), ("back", .back),
        ("pause", .togglePause), ("faster", .faster), ("slower", .slower),
        ("zoom", .zoom), ("sources", .sources), ("command", .command), ("cycle_layout", .cycleLayout),
        ("search", .search), ("sort_next", .sortNext), ("sort_reverse", .sortReverse), ("clear_search", .clearSearch),
        ("help", .help), ("quit", .quit),
    ]

    /// This table with `action` bound to `keys` instead of its own, wherever it is bound.
    /// Returns the key that would clash with another binding in the same context, if any,
    /// instead of changing anything.
    public func rebinding(_ action: Action, to keys: [Key]) -> Result<KeyTable, KeyClash> {
        var table = self
        for i in table.bindings.indices where table.bindings[i].action == action {
            let context = table.bindings[i].context
            for key in keys {
                if let other = table.bindings.first(where: { $0.context == context && $0.action != action && $0.keys.contains(key) }) {
                    return .failure(KeyClash(key: key, boundTo: other.description))
                }
            }
            table.bindings[i].keys = keys
            table.bindings[i].label = keys.map(KeyName.label).joined(separator: "/")
        }
        return .success(table)
    }
}

/// A key a layout wants for one action that another action in the same place already has.
public struct KeyClash: Error, Equatable, Sendable {
    public var key: Key
    public var boundTo: String
}
