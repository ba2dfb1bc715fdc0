import PantauCore

/// The dashboard's own state and its two functions: `handle` (a key changes focus, selection,
/// the view stack, or asks the runner for something) and `render` (a pure function of the city
/// state and this value into a cell grid).
public struct Dashboard: Sendable {
    public internal(set) var layout: Layout
    /// Index of the focused pane in `layout.panes`.
    public internal(set) var focus = 0
    /// Selected row per pane.
    public internal(set) var selections: [Int]
    /// Each pane's search and sort (tables), kept across frames and layout reloads.
    public internal(set) var views: [TableView]
    /// Whether the focused table's search line (`/`) is open.
    public internal(set) var searching = false
    /// The drill-down stack; the dashboard itself is at the bottom.
    public internal(set) var stack: [Screen] = [.dashboard]
    /// Scroll of the detail view's nearby list.
    public private(set) var detailScroll = 0
    public internal(set) var showHelp = false
    /// Whether the sources overlay (`s`) is up.
    public internal(set) var showSources = false
    /// The `:` command line while it is open.
    public internal(set) var prompt: CommandPrompt?
    /// Commands typed before, oldest first (↑ recalls them).
    var promptHistory: [String] = []
    var promptHistoryIndex: Int?
    /// What the terminal can show, so a theme picked with `:theme` suits it as the one given
    /// at start did (the runner sets it).
    public var colorDepth = ColorDepth.palette256
    /// The names `:layout` completes to (the runner sets the shipped ones).
    public var layoutNames: [String] = []
    /// Whether the focused pane fills the screen (`z`).
    public internal(set) var zoomed = false
    /// Incidents with a sequence above this have not been seen by the operator yet.
    public private(set) var seenIncidentSequence = 0
    /// Pan and zoom of each map pane, by pane index (absent: the whole map).
    public internal(set) var mapViews: [Int: MapViewport] = [:]

    /// The role of the user at this console, set by the runner: a viewer (the default: a
    /// wallboard, a snapshot) has no desk keys; an operator is refused a supervisor's verb.
    public var role = Role.viewer
    /// The disposition codes resolve offers, code and label (the desk file's).
    public var dispositions = Dashboard.standardDispositions
    /// The response targets incidents are timed against, set by the runner (the desk file's):
    /// the incidents pane's response column and missed count, the detail view's step times.
    /// Nil (no desk), no timers are shown.
    public var targets: ResponseTargets?
    /// Why the last action on a target was refused, by target id (shown under the detail
    /// view's timeline); see ``noteRefusal(_:of:)``.
    public internal(set) var refusals: [String: String] = [:]
    /// The desk dialog while an action is being put together (a picker, a note, a form, a
    /// confirmation); keys go to it first.
    public internal(set) var desk: DeskOverlay?
    /// Who else is on what (other consoles on the shared journal), set by the runner; see
    /// `Dashboard+Presence`. This console's own record, `presenceConsoleID`, is never shown.
    public var presence = PresenceBoard()
    public var presenceConsoleID: String?

    public var theme = Theme.dark
    public var rules = BandRules.standard
    public var keys = KeyTable.standard
    /// The size of the screen being drawn, so a mouse click can be mapped to a pane and row.
    public var screenSize = (width: 120, height: 40)
    /// A line under the sources overlay about the journal followed (the entry applied, the
    /// state's fingerprint), if the console follows one.
    public var journalNote: String?
    /// The data sources' health, as the runner last looked (a replay: its recording).
    public var sources: [SourceHealth] = []
    /// What happened lately, fed by the runner, for `log` panes.
    public var activity = ActivityLog()
    /// The wall clock, set by the runner each frame (for source ages).
    public var wallNow = Instant(millis: 0)
    /// "Now", set by the runner each turn: live the wall clock, in a replay or the demo the
    /// replay clock, in a snapshot its `--at` time (the last event for `--at end`). Every age,
    /// SLA countdown, "for 18m" and overdue is measured from it, never from the newest event.
    /// Unset (tests), the state's latest event time.
    public var now: Instant?
    /// The moment shown instead of now while the session is rewound (nil: not rewound), with
    /// the journal's timeline; see ``RewindView``.
    public var rewind: RewindView?
    /// The tables' searched and sorted arrangements, kept between frames (see ``TableCache``).
    let tableCache = TableCache()

    public init(layout: Layout) {
        self.layout = layout
        keys = layout.keys
        selections = Array(repeating: 0, count: layout.panes.count)
        views = layout.panes.map(Self.initialView)
        if let i = layout.panes.firstIndex(where: { $0.type == .incidents }) { focus = i }
    }

    /// The view on top of the stack.
    public var screen: Screen { stack.last ?? .dashboard }

    public var focusedPane: PaneSpec? { layout.panes.indices.contains(focus) ? layout.panes[focus] : nil }

    /// The key contexts in force, most specific first.
    public var contexts: [KeyContext] {
        if case .incidentDetail = screen { return [.detail, .incident, .global] }
        if case .alarmDetail = screen { return [.detail, .alarm, .global] }
        if focusedPane?.type == .alarms { return [.alarms, .alarm, .table, .global] }
        if focusedPane?.type == .incidents { return [.incidents, .incident, .table, .global] }
        // Before .global, so + and - zoom the map rather than change the replay speed.
        if focusedPane?.type == .map { return [.map, .global] }
        if focusedPane?.type == .tickets { return [.tickets, .table, .global] }
        if focusedPane?.type == .detail { return [.incident, .table, .global] }
        return [.table, .global]
    }

    // MARK: - Update

    /// Applies a key. Returns a command for the runner when the key asks for one.
    public mutating func handle(_ key: Key, state: CityState) -> DashboardCommand? {
        if desk != nil { return handleDeskKey(key, state: state) }
        if prompt != nil { return handlePromptKey(key, state: state) }
        if searching { return handleSearchKey(key, state: state) }
        if case .mouse(let m) = key { return handleMouse(m, state: state) }
        if showHelp || showSources {
            // Any key closes an overlay; q still quits.
            showHelp = false
            showSources = false
            return keys.action(for: key, in: [.global]) == .quit ? .quit : nil
        }
        guard let action = keys.available(to: role).action(for: key, in: contexts) else { return nil }
        return perform(action, state: state)
    }

    /// Performs an action (also used by tests and future command lines).
    public mutating func perform(_ action: Action, state: CityState) -> DashboardCommand? {
        let count = layout.panes.count
        switch action {
        case .quit: return .quit
        case .togglePause: return .togglePause
        case .faster: return .faster
        case .slower: return .slower
        case .help: showHelp.toggle()
        case .sources: showSources.toggle()
        case .command:
            prompt = CommandPrompt()
            promptHistoryIndex = nil
        case .cycleLayout: return .cycleLayout
        case .search, .sortNext, .sortReverse, .clearSearch: return performTableAction(action, state: state)
        case .zoom:
            if case .dashboard = screen { zoomed.toggle() }
        case .mapPan(let dx, let dy): changeMapView { $0.pan(dx: dx, dy: dy) }
        case .mapZoomIn: changeMapView { $0.zoomIn() }
        case .mapZoomOut: changeMapView { $0.zoomOut() }
        case .mapReset: changeMapView { $0.reset() }
        case .focusNext: setFocus((focus + 1) % max(1, count), state: state)
        case .focusPrevious: setFocus((focus - 1 + count) % max(1, count), state: state)
        case .focusPane(let i): if i < count { setFocus(i, state: state) }
        case .moveUp: moveSelection(-1, state: state)
        case .moveDown: moveSelection(1, state: state)
        case .pageUp: moveSelection(-10, state: state)
        case .pageDown: moveSelection(10, state: state)
        case .top: moveSelection(-Int.max / 2, state: state)
        case .bottom: moveSelection(Int.max / 2, state: state)
        case .open:
            if case .dashboard = screen, focusedPane?.type == .alarms {
                guard let alarm = AlarmsPane.alarm(at: selections[focus], in: state, layout.panes[focus], view: view(focus),
                                                   context: incidentsContext(state, pane: focus)) else { return nil }
                stack.append(.alarmDetail(id: alarm.id))
                detailScroll = 0
                return nil
            }
            guard case .dashboard = screen, focusedPane?.type == .incidents,
                  let inc = IncidentsPane.incident(at: selections[focus], in: state, layout.panes[focus], view: view(focus),
                                                   context: incidentsContext(state, pane: focus)) else { return nil }
            stack.append(.incidentDetail(id: inc.id))
            detailScroll = 0
        case .back:
            if stack.count > 1 { stack.removeLast() }
        case .desk(let verb): return startDesk(verb, state: state)
        case .rewindBy(let minutes): return .rewind(minutes: minutes)
        case .rewindPrompt:
            prompt = CommandPrompt(text: "rewind ")
            promptHistoryIndex = nil
        case .returnToLive: return rewind == nil ? nil : .returnToLive
        }
        return nil
    }

    /// Changes the focused map pane's view.
    private mutating func changeMapView(_ change: (inout MapViewport) -> Void) {
        guard case .dashboard = screen, focusedPane?.type == .map else { return }
        change(&mapViews[focus, default: MapViewport()])
    }

    private mutating func setFocus(_ i: Int, state: CityState) {
        if screen != .dashboard { stack = [.dashboard] }
        focus = i
        observe(state)
    }

    private mutating func moveSelection(_ delta: Int, state: CityState) {
        if screen != .dashboard {
            detailScroll = max(0, detailScroll + delta)
            return
        }
        guard let pane = focusedPane else { return }
        let rows = rowCount(pane, state, view: view(focus), pane: focus)
        let current = min(selections[focus], max(0, rows - 1))
        selections[focus] = max(0, min(rows - 1, current + delta))
    }

    /// A click focuses the pane under it and selects the row under it; the wheel scrolls.
    private mutating func handleMouse(_ m: MouseEvent, state: CityState) -> DashboardCommand? {
        switch m.kind {
        case .wheelUp: moveSelection(-3, state: state)
        case .wheelDown: moveSelection(3, state: state)
        case .press:
            guard case .dashboard = screen, !showHelp, !showSources else { return nil }
            let body = Self.bodyRect(banner: alarmBanner(state: state) != nil, bottomRows: timelineRows(height: screenSize.height),
                                     width: screenSize.width, height: screenSize.height)
            let placed = layout.root.place(in: body)
            guard let i = placed.firstIndex(where: { $0.1.contains(x: m.x, y: m.y) }) else { return nil }
            setFocus(i, state: state)
            let rect = placed[i].1
            let row = m.y - rect.y - 2 // below the border and the column header
            let visible = rect.height - 3
            guard row >= 0, row < visible else { return nil }
            let rows = rowCount(placed[i].0, state, view: view(i), pane: i)
            let offset = scrollOffset(selection: min(selections[i], max(0, rows - 1)), visible: visible)
            selections[i] = max(0, min(rows - 1, offset + row))
        }
        return nil
    }

    /// Marks incidents as seen while the incidents pane has focus. The runner calls this after
    /// applying events.
    public mutating func observe(_ state: CityState) {
        if focusedPane?.type == .incidents, case .dashboard = screen {
            seenIncidentSequence = state.incidentSequence
        }
    }

    /// Pane `pane`'s rows (nil: a spec outside the layout, nothing kept between calls).
    func rowCount(_ spec: PaneSpec, _ state: CityState, view: TableView = TableView(), pane: Int? = nil) -> Int {
        var context = PaneContext(state: state)
        context.wallNow = wallNow
        if let now { context.now = now }
        context.theme = theme
        context.targets = targets
        if let pane {
            context.tableCache = tableCache
            context.paneIndex = pane
        }
        switch spec.type {
        case .traffic: return TrafficPane.rowCount(state, spec, view: view)
        case .incidents: return IncidentsPane.rowCount(state, spec, view: view, context: context)
        case .sensors: return SensorsPane.rowCount(state, spec, view: view)
        case .tickets: return TicketsPane.rowCount(state, spec)
        case .sources: return SourcesPane.rowCount(sources, spec, view: view, context: context)
        case .log: return LogPane.rowCount(activity, spec, view: view, context: context)
        case .units: return UnitsPane.rowCount(state, spec, view: view, context: context)
        case .alarms: return AlarmsPane.rowCount(state, spec, view: view, context: context)
        case .kpi, .detail, .map: return 0
        }
    }

    /// The incident selected in the layout's first incidents pane (what a `detail` pane shows).
    public func selectedIncidentID(in state: CityState) -> String? {
        guard let i = layout.panes.firstIndex(where: { $0.type == .incidents }) else { return nil }
        let spec = layout.panes[i]
        let rows = IncidentsPane.rows(state, spec, view: view(i), context: incidentsContext(state, pane: i))
        guard rows.total > 0 else { return nil }
        let row = rows.row(at: min(selections[i], rows.total - 1)) { IncidentsPane.fastRows(state, spec, limit: $0, offset: $1) }
        return row?.incident.id
    }

    /// The context an incidents pane's rows are worked out in outside a frame (what a key
    /// selects must be what the frame shows).
    func incidentsContext(_ state: CityState, pane i: Int) -> PaneContext {
        var context = PaneContext(state: state)
        context.theme = theme
        context.tableCache = tableCache
        context.paneIndex = i
        context.targets = targets
        if let now { context.now = now }
        return context
    }

    // MARK: - View

    /// Draws the whole screen for `state` into a new grid of `width` × `height` cells.
    public func render(state: CityState, status: DashboardStatus, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        grid.ascii = theme.ascii
        let minimum = layout.minimumSize
        if width < minimum.width || height < minimum.height {
            drawTooSmall(into: &grid, minimum: minimum)
            return grid
        }
        let now = self.now ?? state.clock ?? Instant(millis: 0)
        drawHeader(state: state, status: status, into: &grid)
        let banner = alarmBanner(state: state)
        if let banner { drawAlarmBanner(banner, into: &grid) }
        let timelineRows = timelineRows(height: height)
        let body = Self.bodyRect(banner: banner != nil, bottomRows: timelineRows, width: width, height: height)
        if let rewind, timelineRows > 0 { drawTimeline(rewind, y: height - 2, into: &grid) }
        switch screen {
        case .dashboard:
            // Only detail and map panes show it; working it out can cost a search of every incident.
            let selected = layout.panes.contains { $0.type == .detail || $0.type == .map } ? selectedIncidentID(in: state) : nil
            let withOthers = incidentsWithOthers
            let placements: [(Int, PaneSpec, Rect)] = zoomed && focusedPane != nil
                ? [(focus, focusedPane!, body)]
                : layout.root.place(in: body).enumerated().map { ($0.offset, $0.element.0, $0.element.1) }
            for (i, spec, rect) in placements {
                var context = PaneContext(state: state, theme: theme, rules: rules, focused: i == focus,
                                          selection: selections[i], seenIncidentSequence: seenIncidentSequence,
                                          blinkOn: status.blinkOn, selectedIncidentID: selected,
                                          sources: sources, activity: activity, wallNow: wallNow)
                context.now = now
                context.targets = targets
                context.showPersonalData = showsPersonalData(status)
                context.refusals = refusals
                context.incidentsWithOthers = withOthers
                if spec.type == .detail { context.selectedIncidentPresence = selected.flatMap { presenceLine(on: .incident($0)) } }
                context.mapView = mapViews[i] ?? MapViewport()
                context.view = view(i)
                context.tableCache = tableCache
                context.paneIndex = i
                Self.drawPane(spec, number: i + 1, in: rect, context: context, into: &grid)
            }
        case .incidentDetail(let id):
            IncidentDetailView.draw(incidentID: id, in: body, state: state, theme: theme, rules: rules,
                                    now: now, scroll: detailScroll, targets: targets, showPersonalData: showsPersonalData(status),
                                    refusal: refusals[id], presence: presenceLine(on: .incident(id)), into: &grid)
        case .alarmDetail(let id):
            AlarmDetailView.draw(alarmID: id, in: body, state: state, theme: theme, now: now, scroll: detailScroll,
                                 refusal: refusals[id], presence: presenceLine(on: .alarm(id)), into: &grid)
        }
        drawFooter(status: status, into: &grid)
        if showHelp { drawHelp(mode: status.mode, into: &grid) }
        if showSources { drawSourcesOverlay(state: state, into: &grid) }
        if let prompt { drawPrompt(prompt, into: &grid) }
        if searching, prompt == nil { drawSearchLine(into: &grid) }
        if let desk { drawDesk(desk, into: &grid) }
        return grid
    }

    static func drawPane(_ spec: PaneSpec, number: Int, in rect: Rect, context: PaneContext, into grid: inout CellGrid) {
        var numbered = spec
        numbered.title = "\(number) \(spec.title == spec.type.defaultTitle ? context.theme.t(spec.title) : spec.title)" + SourcesPane.titleWarning(for: spec.type, sources: context.sources)
        switch spec.type {
        case .traffic: TrafficPane.draw(numbered, in: rect, context: context, into: &grid)
        case .incidents: IncidentsPane.draw(numbered, in: rect, context: context, into: &grid)
        case .sensors: SensorsPane.draw(numbered, in: rect, context: context, into: &grid)
        case .tickets: TicketsPane.draw(numbered, in: rect, context: context, into: &grid)
        case .kpi: KpiPane.draw(numbered, in: rect, context: context, into: &grid)
        case .map: MapPane.draw(numbered, in: rect, context: context, into: &grid)
        case .sources: SourcesPane.draw(numbered, in: rect, context: context, into: &grid)
        case .log: LogPane.draw(numbered, in: rect, context: context, into: &grid)
        case .units: UnitsPane.draw(numbered, in: rect, context: context, into: &grid)
        case .alarms: AlarmsPane.draw(numbered, in: rect, context: context, into: &grid)
        case .detail:
            if let id = context.selectedIncidentID {
                IncidentDetailView.draw(incidentID: id, in: rect, state: context.state, theme: context.theme,
                                        rules: context.rules, now: context.now, scroll: 0, targets: context.targets,
                                        showPersonalData: context.showPersonalData, refusal: context.refusals[id],
                                        presence: context.selectedIncidentPresence, into: &grid)
            } else {
                let inner = Box.draw(rect, title: numbered.title, focused: context.focused, theme: context.theme, into: &grid)
                grid.put(context.theme.t("No incident selected."), x: inner.x + 1, y: inner.y, style: context.theme.dim, maxWidth: inner.width - 1)
            }
        }
    }

    private func drawTooSmall(into grid: inout CellGrid, minimum: (width: Int, height: Int)) {
        var lines = [
            "\(theme.t("Terminal too small")): \(grid.width)x\(grid.height)",
            "\(theme.t("Enlarge it to at least")) \(minimum.width)x\(minimum.height)",
        ]
        // The pane that needs the room, by its line in the layout file.
        if let short = layout.panesShortOfRoom(width: grid.width, height: grid.height).first {
            let place = short.pane.line.map { " · \(theme.t("layout line")) \($0)" } ?? ""
            var room: [String] = []
            if short.columns > 0 { room.append("+\(short.columns) \(theme.t("columns"))") }
            if short.rows > 0 { room.append("+\(short.rows) \(theme.t("rows"))") }
            let title = short.pane.title == short.pane.type.defaultTitle ? theme.t(short.pane.title) : short.pane.title
            lines.append("\(title)\(place): \(room.joined(separator: " "))")
        }
        lines.append(theme.t("(q quits)"))
        for (i, l) in lines.enumerated() {
            let w = terminalWidth(of: l)
            grid.put(l, x: max(0, (grid.width - w) / 2), y: max(0, grid.height / 2 - 1) + i,
                     style: i == 0 ? theme.title : theme.dim)
        }
    }

    private func drawHeader(state: CityState, status: DashboardStatus, into grid: inout CellGrid) {
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), style: theme.header)
        let g = theme.glyphs
        var x = grid.put(" Pantau\(g.separator)Kota Tangerang ", x: 0, y: 0, style: theme.header)
        if stack.count > 1 {
            x += grid.put(" " + stack.map(crumb).joined(separator: g.breadcrumb) + " ", x: x, y: 0,
                          style: theme.header.with(.reverse), maxWidth: grid.width - x - 30)
        }
        var right: [(String, Style)] = []
        if let clock = status.time ?? now ?? state.clock {
            let c = CivilTime(clock)
            right.append(("\(c.dateText) \(status.showSeconds ? c.clockText : c.shortClockText) WIB", theme.header))
        } else {
            right.append((theme.t("waiting for data"), theme.header))
        }
        switch status.mode {
        case _ where rewind != nil:
            right.append(("\(g.pause) \(theme.t("REWIND")) \(CivilTime(rewind!.time).shortClockText)", rewindStyle))
        case .live: right.append(("\(g.bullet) \(theme.t("LIVE"))", theme.header))
        case .snapshot: right.append((theme.t("SNAPSHOT"), theme.header))
        case .replay(let speed):
            if status.paused {
                right.append(("\(g.pause) \(theme.t("PAUSED"))", theme.warning))
            } else if status.finished {
                right.append(("\(g.stop) \(theme.t("END OF RECORDING"))", theme.warning))
            } else {
                right.append(("\(g.play) \(speedText(speed))", theme.header))
            }
        }
        right.append(("\(theme.t("skipped")) \(status.skippedLines)", status.skippedLines > 0 ? theme.warning : theme.header))
        var rx = grid.width
        for (text, style) in right.reversed() {
            let w = terminalWidth(of: " \(text) ")
            guard rx - w > x else { break }
            rx -= w
            grid.put(" \(text) ", x: rx, y: 0, style: style)
        }
    }

    private func speedText(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s))x" : String(s) + "x"
    }

    private func drawFooter(status: DashboardStatus, into grid: inout CellGrid) {
        let y = grid.height - 1
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: theme.footer)
        if let message = status.message {
            grid.put(" " + message, x: 0, y: y, style: theme.warning)
            return
        }
        // Help and quit always show, at the right; the rest fill from the left as room allows.
        // Only what works in this mode (live has no pause or speed).
        let all = rewindFooterBindings(status.mode) + keys.available(to: role).available(in: status.mode).footerBindings(in: contexts)
        let pinned = all.filter { $0.action == .help || $0.action == .quit }
        func width(_ b: KeyBinding) -> Int {
            terminalWidth(of: theme.glyphs.chrome(b.label)) + 1 + terminalWidth(of: shortHint(b)) + 2
        }
        func put(_ b: KeyBinding, at x: Int) -> Int {
            var x = x + grid.put(theme.glyphs.chrome(b.label), x: x, y: y, style: theme.footerKey)
            x += 1
            return x + grid.put(shortHint(b), x: x, y: y, style: theme.footer) + 2
        }
        let pinnedWidth = pinned.reduce(0) { $0 + width($1) }
        var x = 1
        for b in all where !pinned.contains(where: { $0.action == b.action }) {
            guard x + width(b) <= grid.width - pinnedWidth else { break }
            x = put(b, at: x)
        }
        x = max(x, grid.width - pinnedWidth)
        for b in pinned where x + width(b) - 2 <= grid.width { x = put(b, at: x) }
    }

    /// A view's breadcrumb in the theme's language.
    private func crumb(_ screen: Screen) -> String {
        switch screen {
        case .dashboard: return theme.t("Dashboard")
        case .incidentDetail(let id): return "\(theme.t("Incident")) \(id)"
        case .alarmDetail(let id): return "\(theme.t("Alarm")) \(id)"
        }
    }

    /// The footer's word for a binding, in the theme's language.
    private func shortHint(_ b: KeyBinding) -> String { theme.t(englishHint(b)) }

    private func englishHint(_ b: KeyBinding) -> String {
        switch b.action {
        case .focusNext: return "next pane"
        case .moveUp: return "up"
        case .moveDown: return "down"
        case .open: return "detail"
        case .back: return "back"
        case .togglePause: return "pause"
        case .faster: return "speed"
        case .help: return "help"
        case .quit: return "quit"
        case .zoom: return "zoom"
        case .mapPan: return "pan"
        case .mapZoomIn: return "zoom map"
        case .sources: return "sources"
        case .command: return "command"
        case .search: return "search"
        case .sortNext: return "sort"
        case .desk(let verb): return Self.footerHint(verb)
        case .rewindBy(let minutes): return abs(minutes) < 10 ? "±1 min" : "±10 min"
        case .rewindPrompt: return "time"
        case .returnToLive: return "live"
        default: return b.description
        }
    }

    private func drawHelp(mode: DashboardStatus.Mode, into grid: inout CellGrid) {
        let lines: [(String, String)] = keys.available(to: role).available(in: mode).bindings.map {
            (theme.glyphs.chrome($0.label), theme.glyphs.chrome(theme.t($0.description) + theme.t(contextNote($0.context))))
        }
        // One column when the list fits; else two side by side where the screen is wide enough;
        // else as many as fit and a last line saying how many are left out.
        let rows = max(1, grid.height - 6)
        let columns = lines.count > rows && grid.width >= 104 ? 2 : 1
        let width = min(grid.width - 4, 64 * columns)
        let perColumn = min(rows, (lines.count + columns - 1) / columns)
        let height = perColumn + 2
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: theme.text)
        let inner = Box.draw(rect, title: theme.t("Keys"), focused: true, theme: theme, into: &grid, rightNote: theme.t("any key closes"))
        let columnWidth = inner.width / columns
        var shown = lines.prefix(perColumn * columns)
        let hidden = lines.count - shown.count
        if hidden > 0 { shown = shown.dropLast() }
        for (i, line) in shown.enumerated() {
            let x = inner.x + (i / perColumn) * columnWidth, y = inner.y + i % perColumn
            grid.put(line.0, x: x + 1, y: y, style: theme.footerKey.with([]), maxWidth: 10)
            grid.put(line.1, x: x + 12, y: y, style: theme.text, maxWidth: columnWidth - 13)
        }
        if hidden > 0 {
            grid.put(theme.t("%@ more: a bigger terminal shows them").replacingPlaceholder("\(hidden + 1)"),
                     x: inner.x + (columns - 1) * columnWidth + 1, y: inner.y + perColumn - 1, style: theme.dim,
                     maxWidth: columnWidth - 2)
        }
    }

    /// The `s` overlay: every source's health in a box over the dashboard.
    private func drawSourcesOverlay(state: CityState, into grid: inout CellGrid) {
        let width = min(grid.width - 2, 110)
        let height = min(grid.height - 2, max(5, sources.count + 4) + (journalNote == nil ? 0 : 1))
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: theme.text)
        var inner = Box.draw(rect, title: theme.t("Sources"), focused: true, theme: theme, into: &grid, rightNote: theme.t("any key closes"))
        guard inner.height > 1 else { return }
        if let journalNote, inner.height > 2 {
            inner.height -= 1
            grid.put(journalNote, x: inner.x + 1, y: inner.y + inner.height, style: theme.dim, maxWidth: inner.width - 1)
        }
        if sources.isEmpty {
            grid.put(theme.t("no data sources"), x: inner.x + 1, y: inner.y, style: theme.dim, maxWidth: inner.width - 1)
            return
        }
        let context = PaneContext(state: state, theme: theme, rules: rules, focused: false, selection: 0,
                                  seenIncidentSequence: seenIncidentSequence, blinkOn: true, sources: sources,
                                  wallNow: wallNow)
        SourcesPane.draw(sources, in: inner, context: context, into: &grid)
    }

    private func contextNote(_ c: KeyContext) -> String {
        switch c {
        case .global: return ""
        case .table: return " (tables)"
        case .incidents: return " (incidents)"
        case .detail: return " (detail view)"
        case .map: return " (map)"
        case .incident: return " (incident)"
        case .tickets: return " (tickets)"
        case .alarms: return " (alarms)"
        case .alarm: return " (alarm)"
        }
    }
}
