import PantauCore
import PantauUI

/// `render`: up to 64 fuzzed events through the store (`CityState`), then a shipped layout (the
/// input chooses which, so every one is drawn across a run) drawn from that state at a fuzzed
/// size (1x1 to 400x150), theme, language and a few keys (focus, zoom, detail, help, sources,
/// search, sort, map pan and zoom) into a cell grid. One layout per input, not all of them: a
/// frame of up to 60,000 cells is the cost of an input, and a run must reach a million inputs.
enum RenderHarness {
    private static let layouts: [Layout] = ShippedLayouts.sources.map { source in
        do {
            return try LayoutParser.parse(source.yaml, file: "Layouts/\(source.name).yaml")
        } catch {
            fatalError("render: shipped layout \(source.name) does not parse: \(error)")
        }
    }
    private static let actions: [Action] = [
        .focusNext, .focusPrevious, .focusPane(2), .moveUp, .moveDown, .pageDown, .bottom, .open, .back,
        .help, .zoom, .mapPan(dx: 3, dy: -2), .mapZoomIn, .mapZoomOut, .sources, .search, .sortNext, .sortReverse,
        .clearSearch,
    ]

    static func run(_ bytes: UnsafeRawBufferPointer) {
        var input = FuzzInput(bytes)
        var state = CityState()
        var activity = ActivityLog()
        let events = FuzzEvents.make(&input, limit: 64)
        for event in events {
            state.apply(event)
            activity.record(event)
        }
        var theme = input.pick(Theme.all)
        theme.ascii = input.chance(oneIn: 4)
        theme.language = input.pick(Language.allCases)
        let status = DashboardStatus(mode: input.pick([.snapshot, .live, .replay(speed: 60)]), paused: input.chance(oneIn: 2),
                                     skippedLines: input.int(in: 0...99), blinkOn: input.chance(oneIn: 2),
                                     showSeconds: input.chance(oneIn: 2), time: state.clock)
        do {
            let layout = input.pick(layouts)
            var dashboard = Dashboard(layout: layout)
            dashboard.theme = theme
            dashboard.activity = activity
            dashboard.wallNow = state.clock ?? FuzzEvents.start
            dashboard.observe(state)
            for _ in 0..<input.int(in: 0...3) {
                let action = input.pick(actions)
                _ = dashboard.perform(action, state: state)
                if action == .search { _ = dashboard.handle(.char(input.pick(["a", "1", "é", " "])), state: state) }
            }
            let width = input.int(in: 1...400), height = input.int(in: 1...150)
            dashboard.screenSize = (width, height)
            _ = dashboard.render(state: state, status: status, width: width, height: height)
        }
    }
}
