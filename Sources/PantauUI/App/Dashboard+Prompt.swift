import Foundation
import PantauCore

extension Dashboard {
    /// A key while the command line is open: typing edits it, Tab completes, ↑/↓ recall
    /// earlier commands, Enter runs it, Esc closes it.
    mutating func handlePromptKey(_ key: Key, state: CityState) -> DashboardCommand? {
        guard var p = prompt else { return nil }
        switch key {
        case .escape:
            prompt = nil
            return nil
        case .enter:
            prompt = nil
            let line = p.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return nil }
            if promptHistory.last != line { promptHistory.append(line) }
            return run(line, state: state)
        case .tab:
            p.complete(vocabulary(state))
        case .backspace:
            if p.text.isEmpty { prompt = nil; return nil }
            p.text.removeLast()
            p.candidates = []
        case .up, .down:
            guard !promptHistory.isEmpty else { return nil }
            let last = promptHistory.count - 1
            var i = promptHistoryIndex ?? promptHistory.count
            i = key == .up ? max(0, i - 1) : min(promptHistory.count, i + 1)
            promptHistoryIndex = i
            p.text = i > last ? "" : promptHistory[i]
            p.candidates = []
        case .char(let c):
            guard !c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }), p.text.count < 200 else { return nil }
            p.text.append(c)
            p.candidates = []
        default:
            return nil
        }
        prompt = p
        return nil
    }

    /// What Tab may complete to, from what the dashboard knows now.
    func vocabulary(_ state: CityState) -> CommandPrompt.Vocabulary {
        var agencies = state.agencies
        for i in state.openIncidents(limit: 500) { if let a = i.agency { agencies.insert(a) } }
        return CommandPrompt.Vocabulary(layouts: layoutNames, themes: Theme.names, agencies: agencies.sorted(),
                                        columns: sortVocabulary())
    }

    /// Runs a command line; what the runner must do comes back as a command.
    mutating func run(_ line: String, state: CityState) -> DashboardCommand? {
        switch CommandPrompt.parse(line) {
        case .failure(let e):
            return .message(e.message)
        case .success(let command):
            switch command {
            case .layout(let name): return .setLayout(name)
            case .speed(let x): return .setSpeed(x)
            case .quit: return .quit
            case .help:
                showHelp = true
                return nil
            case .sources:
                showSources = true
                return nil
            case .zoom:
                return perform(.zoom, state: state)
            case .rewind(let time): return .rewindTo(time)
            case .live: return rewind == nil ? .message(theme.t("not rewound")) : .returnToLive
            case .filter(let filter):
                guard let pane = focusedPane else { return .message("no pane to filter") }
                setFilter(filter, ofPane: focus)
                return .message(filter.isEmpty ? "\(pane.title): filter cleared" : "\(pane.title): \(filter.summary)")
            case .theme(let name):
                guard var t = Theme.named(name) else {
                    return .message("no theme '\(name)'; themes: \(Theme.names.joined(separator: ", "))")
                }
                t.ascii = theme.ascii
                t.language = theme.language
                theme = t.adapted(to: colorDepth)
                return .message("theme \(name)")
            case .sort(let column, let descending):
                return runSort(column, descending: descending, state: state)
            case .find(let text):
                return runFind(text, state: state)
            }
        }
    }

    /// Gives pane `index` a new filter (the layout's own filter until the next layout change).
    mutating func setFilter(_ filter: PaneFilter, ofPane index: Int) {
        var updated = layout
        updated.root = updated.root.updatingPane(at: index) { $0.filter = filter }
        replaceLayout(updated, keepingPlace: true)
    }

    /// Shows `layout` instead of the current one. Focus, selections and zoom carry over when
    /// the new layout has the same panes (a reload, a filter); otherwise they start afresh.
    public mutating func replaceLayout(_ new: Layout, keepingPlace: Bool? = nil) {
        let same = keepingPlace ?? (new.panes.map(\.type) == layout.panes.map(\.type))
        views = same ? carriedViews(to: new) : new.panes.map(Self.initialView)
        if !same { searching = false }
        layout = new
        keys = new.keys
        if same {
            selections = Array(selections.prefix(new.panes.count))
                + Array(repeating: 0, count: max(0, new.panes.count - selections.count))
            focus = min(focus, max(0, new.panes.count - 1))
        } else {
            selections = Array(repeating: 0, count: new.panes.count)
            focus = new.panes.firstIndex(where: { $0.type == .incidents }) ?? 0
            zoomed = false
            mapViews = [:]
        }
        if case .incidentDetail = screen, !new.panes.contains(where: { $0.type == .incidents }) { stack = [.dashboard] }
        if case .alarmDetail = screen, !new.panes.contains(where: { $0.type == .alarms }) { stack = [.dashboard] }
    }

    /// The open command line on the footer row, and its completions just above.
    func drawPrompt(_ p: CommandPrompt, into grid: inout CellGrid) {
        let y = grid.height - 1
        drawInputLine(":", p.text, into: &grid)
        guard !p.candidates.isEmpty, y > 1 else { return }
        grid.fill(Rect(x: 0, y: y - 1, width: grid.width, height: 1), style: theme.footer)
        var cx = 1
        for c in p.candidates {
            let w = terminalWidth(of: c) + 2
            guard cx + w <= grid.width else {
                grid.put(String(theme.glyphs.ellipsis), x: max(0, grid.width - 2), y: y - 1, style: theme.footer)
                break
            }
            cx += grid.put(c, x: cx, y: y - 1, style: theme.footer) + 2
        }
    }
}
