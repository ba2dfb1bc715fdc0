import PantauCore

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
        // Rewind: two keys each for the steps (back, then forward).
        ("rewind_minute", .rewindBy(minutes: -1)), ("rewind_ten_minutes", .rewindBy(minutes: -10)),
        ("rewind_to", .rewindPrompt), ("live", .returnToLive),
    ] + ActionVerb.allCases.map { ($0.rawValue, .desk($0)) }

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
