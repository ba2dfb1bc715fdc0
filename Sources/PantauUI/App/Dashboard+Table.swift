import PantauCore

/// Searching and sorting the focused table: `/` (a search line that filters as you type), `o`
/// and `O`, `:find` and `:sort`.
extension Dashboard {
    /// A pane's view as its layout starts it: no search, the layout's `sort:` if any.
    static func initialView(_ spec: PaneSpec) -> TableView {
        guard let sort = spec.sort, let i = spec.type.columnIDs.firstIndex(of: sort.column) else { return TableView() }
        return TableView(sortColumn: i, descending: sort.descending)
    }

    /// The views for `new`'s panes: what the operator did is kept when the pane stays the same
    /// type (a layout whose own `sort:` changed starts from that), else each starts afresh.
    func carriedViews(to new: Layout) -> [TableView] {
        new.panes.enumerated().map { i, spec in
            guard layout.panes.indices.contains(i), views.indices.contains(i), layout.panes[i].type == spec.type else {
                return Self.initialView(spec)
            }
            var view = views[i]
            if layout.panes[i].sort != spec.sort {
                let initial = Self.initialView(spec)
                view.sortColumn = initial.sortColumn
                view.descending = initial.descending
            }
            if let col = view.sortColumn, !Self.visibleColumnIndices(spec).contains(col) {
                view.sortColumn = nil
                view.descending = false
            }
            return view
        }
    }

    /// The pane's visible columns as indices into its type's columns, in the order shown.
    static func visibleColumnIndices(_ spec: PaneSpec) -> [Int] {
        let all = spec.type.columnIDs
        let picked = (spec.columns ?? all).compactMap { all.firstIndex(of: $0) }
        return picked.isEmpty ? Array(all.indices) : picked
    }

    /// The focused pane's view (a blank one when there is no pane).
    public var focusedView: TableView { views.indices.contains(focus) ? views[focus] : TableView() }

    /// The view of pane `i` (a blank one past the end).
    func view(_ i: Int) -> TableView { views.indices.contains(i) ? views[i] : TableView() }

    /// `/`, `o`, `O` on the focused pane.
    mutating func performTableAction(_ action: Action, state: CityState) -> DashboardCommand? {
        guard case .dashboard = screen, let pane = focusedPane, views.indices.contains(focus) else { return nil }
        guard pane.type.isTable else { return action == .clearSearch ? nil : .message("\(pane.title) is not a table") }
        switch action {
        case .search:
            searching = true
        case .sortNext:
            let sortable = Set(pane.type.sortableColumnIDs)
            let ids = pane.type.columnIDs
            let cycle = Self.visibleColumnIndices(pane).filter { sortable.contains(ids[$0]) }
            var v = views[focus]
            if let current = v.sortColumn, let at = cycle.firstIndex(of: current) {
                v.sortColumn = at + 1 < cycle.count ? cycle[at + 1] : nil
            } else {
                v.sortColumn = cycle.first
            }
            v.descending = false
            views[focus] = v
        case .sortReverse:
            views[focus].descending.toggle()
        case .clearSearch:
            guard !views[focus].search.isEmpty else { return nil }
            views[focus].search = ""
            clampSelection(focus, state: state)
        default:
            return nil
        }
        return nil
    }

    /// A key while the search line is open: typing filters as you go, Backspace edits, Enter
    /// keeps the filter, Esc clears it; ↑/↓ still move the selection.
    mutating func handleSearchKey(_ key: Key, state: CityState) -> DashboardCommand? {
        guard views.indices.contains(focus) else { searching = false; return nil }
        switch key {
        case .escape:
            searching = false
            views[focus].search = ""
        case .enter:
            searching = false
        case .backspace:
            if views[focus].search.isEmpty { searching = false } else { views[focus].search.removeLast() }
        case .up: return perform(.moveUp, state: state)
        case .down: return perform(.moveDown, state: state)
        case .pageUp: return perform(.pageUp, state: state)
        case .pageDown: return perform(.pageDown, state: state)
        case .char(let c):
            guard !c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
                  views[focus].search.count < 100 else { return nil }
            views[focus].search.append(c)
        default:
            return nil
        }
        clampSelection(focus, state: state)
        return nil
    }

    /// Keeps pane `i`'s selection on one of its rows as the rows change.
    mutating func clampSelection(_ i: Int, state: CityState) {
        guard layout.panes.indices.contains(i), selections.indices.contains(i) else { return }
        let rows = rowCount(layout.panes[i], state, view: view(i), pane: i)
        selections[i] = max(0, min(selections[i], rows - 1))
    }

    /// `:find TEXT` (no text clears).
    mutating func runFind(_ text: String, state: CityState) -> DashboardCommand? {
        guard let pane = focusedPane, views.indices.contains(focus) else { return .message("no pane to search") }
        guard pane.type.isTable else { return .message("\(pane.title) is not a table") }
        views[focus].search = text
        clampSelection(focus, state: state)
        if text.isEmpty { return .message("\(pane.title): search cleared") }
        return .message("\(pane.title): /\(text), \(rowCount(pane, state, view: views[focus], pane: focus)) rows")
    }

    /// `:sort COLUMN [asc|desc]`, by column id or header; `:sort default` returns to the pane's
    /// own order.
    mutating func runSort(_ column: String, descending: Bool?, state: CityState) -> DashboardCommand? {
        guard let pane = focusedPane, views.indices.contains(focus) else { return .message("no pane to sort") }
        guard pane.type.isTable else { return .message("\(pane.title) is not a table") }
        let name = column.lowercased()
        if name == "default" || name == "none" {
            views[focus].sortColumn = nil
            views[focus].descending = descending ?? false
            return .message("\(pane.title): its own order")
        }
        let columns = pane.type.columns
        let sortable = Set(pane.type.sortableColumnIDs)
        guard let i = columns.firstIndex(where: { $0.id == name || (!$0.header.isEmpty && $0.header.lowercased() == name) }),
              sortable.contains(columns[i].id) else {
            let ids = columns.map(\.id).filter(sortable.contains)
            let hint = closestMatch(to: name, among: ids).map { "did you mean '\($0)'?" } ?? "columns: \(ids.joined(separator: ", "))"
            return .message("\(pane.title) has no sortable column '\(column)'; \(hint)")
        }
        views[focus].sortColumn = i
        views[focus].descending = descending ?? false
        let mark = (descending ?? false) ? theme.glyphs.sortDescending : theme.glyphs.sortAscending
        return .message("\(pane.title): sorted by \(columns[i].id) \(mark)")
    }

    /// The focused table's column ids, for `:sort` completion (and `default`).
    func sortVocabulary() -> [String] {
        guard let pane = focusedPane, pane.type.isTable else { return [] }
        let sortable = Set(pane.type.sortableColumnIDs)
        let ids = pane.type.columnIDs
        return Self.visibleColumnIndices(pane).map { ids[$0] }.filter(sortable.contains) + ["default"]
    }

    /// The open search line on the footer row: `/banjir█`.
    func drawSearchLine(into grid: inout CellGrid) {
        let x = drawInputLine("/", focusedView.search, into: &grid)
        let hint = theme.glyphs.chrome(theme.t("Enter keep · Esc clear"))
        let w = terminalWidth(of: hint)
        if x + 4 + w < grid.width { grid.put(hint, x: grid.width - w - 1, y: grid.height - 1, style: theme.dim) }
    }

    /// A line being typed on the footer row: `prefix`, the end of `text` in view, a cursor.
    /// Returns the column after the cursor.
    @discardableResult
    func drawInputLine(_ prefix: String, _ text: String, into grid: inout CellGrid) -> Int {
        let y = grid.height - 1
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: theme.text)
        // Keep the end of a long line in view.
        let room = max(1, grid.width - 3)
        var shown = text
        while terminalWidth(of: shown) > room { shown.removeFirst() }
        var x = grid.put(prefix, x: 0, y: y, style: theme.footerKey)
        x += grid.put(shown, x: x, y: y, style: theme.text)
        grid.put(" ", x: x, y: y, style: theme.selection)
        return x + 1
    }
}
