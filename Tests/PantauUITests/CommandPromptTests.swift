import PantauCore
import PantauUI
import XCTest

/// The `:` command line: parsing, completion, and what running a command does to the dashboard.
final class CommandPromptTests: XCTestCase {
    let state = Fixtures.state()
    let words = CommandPrompt.Vocabulary(layouts: ["command-center", "flood-watch", "supervisor", "traffic-desk", "wallboard"],
                                         themes: ["dark", "light", "high-contrast", "mono"], agencies: ["BPBD", "Dinas PUPR"])

    func type(_ text: String, into d: inout Dashboard) -> DashboardCommand? {
        var last: DashboardCommand?
        for c in text { last = d.handle(.char(c), state: state) }
        return last
    }

    func testCommandsParse() {
        XCTAssertEqual(try CommandPrompt.parse("layout flood-watch").get(), .layout("flood-watch"))
        XCTAssertEqual(try CommandPrompt.parse("speed 120").get(), .speed(120))
        XCTAssertEqual(try CommandPrompt.parse("q").get(), .quit)
        var f = PaneFilter()
        f.districts = ["karang tengah"]
        f.minSeverity = 3
        XCTAssertEqual(try CommandPrompt.parse("filter district=Karang Tengah min_severity=3").get(), .filter(f))
        XCTAssertEqual(try CommandPrompt.parse("filter district=Karang_Tengah min_severity=3").get(), .filter(f),
                       "a completed value keeps spaces as underscores")
        XCTAssertEqual(try CommandPrompt.parse("filter").get(), .filter(PaneFilter()), "no argument clears")
    }

    func testBadCommandsSayWhatIsWrong() {
        func message(_ line: String) -> String {
            if case .failure(let e) = CommandPrompt.parse(line) { return e.message }
            return "(parsed)"
        }
        XCTAssertEqual(message("lyout x"), "unknown command 'lyout'; did you mean 'layout'?")
        XCTAssertTrue(message("speed fast").hasPrefix("usage: :speed X"))
        XCTAssertEqual(message("filter district=Periukk"), "no kecamatan 'periukk' in Kota Tangerang; did you mean Periuk?")
        XCTAssertEqual(message("filter distrct=Periuk"), "unknown filter 'distrct'; did you mean 'district'?")
        XCTAssertEqual(message("filter min_severity=9"), "min_severity is 1…5")
        XCTAssertEqual(message("layout"), "usage: :layout NAME|FILE")
    }

    func testTabCompletesCommandsAndTheirArguments() {
        var p = CommandPrompt(text: "la")
        p.complete(words)
        XCTAssertEqual(p.text, "layout ")
        p.text += "fl"
        p.complete(words)
        XCTAssertEqual(p.text, "layout flood-watch ")

        var s = CommandPrompt(text: "s")
        s.complete(words)
        XCTAssertEqual(s.text, "s", "several commands start with s: nothing common to add")
        XCTAssertEqual(s.candidates, ["speed", "sort", "sources"])

        var f = CommandPrompt(text: "filter dis")
        f.complete(words)
        XCTAssertEqual(f.text, "filter district=", "a key completes to its '=' without a space")
        f.text += "Karang"
        f.complete(words)
        XCTAssertEqual(f.text, "filter district=Karang_Tengah ")

        var a = CommandPrompt(text: "filter agency=din")
        a.complete(words)
        XCTAssertEqual(a.text, "filter agency=Dinas_PUPR ")

        var t = CommandPrompt(text: "theme h")
        t.complete(words)
        XCTAssertEqual(t.text, "theme high-contrast ")
    }

    func testColonOpensThePromptAndEnterRunsIt() {
        var d = Dashboard(layout: Fixtures.layout())
        XCTAssertNil(d.handle(.char(":"), state: state))
        XCTAssertNotNil(d.prompt)
        _ = type("speed 600", into: &d)
        let grid = d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40)
        XCTAssertEqual(grid.row(39).prefix(10), ":speed 600")
        XCTAssertEqual(d.handle(.enter, state: state), .setSpeed(600))
        XCTAssertNil(d.prompt)

        // q while typing is text, not quit; Esc closes without running.
        _ = d.handle(.char(":"), state: state)
        XCTAssertNil(d.handle(.char("q"), state: state))
        XCTAssertEqual(d.prompt?.text, "q")
        XCTAssertNil(d.handle(.escape, state: state))
        XCTAssertNil(d.prompt)

        // ↑ recalls the last command.
        _ = d.handle(.char(":"), state: state)
        _ = d.handle(.up, state: state)
        XCTAssertEqual(d.prompt?.text, "speed 600")
        XCTAssertEqual(d.handle(.enter, state: state), .setSpeed(600))

        _ = d.handle(.char(":"), state: state)
        _ = type("layout flood-watch", into: &d)
        XCTAssertEqual(d.handle(.enter, state: state), .setLayout("flood-watch"))
        XCTAssertEqual(d.handle(.char("L"), state: state), .cycleLayout, "L cycles the layouts")
    }

    func testFilterNarrowsTheFocusedPane() {
        var d = Dashboard(layout: Fixtures.layout())
        XCTAssertEqual(d.focusedPane?.type, .incidents)
        _ = d.handle(.char(":"), state: state)
        _ = type("filter district=Periuk", into: &d)
        XCTAssertEqual(d.handle(.enter, state: state), .message("Incidents: periuk"))
        let text = d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40).text
        XCTAssertTrue(text.contains("INC-20261123-0117") || text.contains("INC-0117"), text)
        XCTAssertFalse(text.contains("0120"), "the Jatiuwung fire is filtered out: \(text)")

        _ = d.handle(.char(":"), state: state)
        _ = type("filter clear", into: &d)
        XCTAssertEqual(d.handle(.enter, state: state), .message("Incidents: filter cleared"))
        XCTAssertTrue(d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40)
            .text.contains("0120"))
    }

    func testCompletionsShowAboveThePrompt() {
        var d = Dashboard(layout: Fixtures.layout())
        d.layoutNames = words.layouts
        _ = d.handle(.char(":"), state: state)
        _ = type("layout ", into: &d)
        _ = d.handle(.tab, state: state)
        let grid = d.render(state: state, status: DashboardStatus(mode: .replay(speed: 60)), width: 120, height: 40)
        XCTAssertTrue(grid.row(38).contains("command-center") && grid.row(38).contains("wallboard"), grid.row(38))
    }

    func testReplacingTheLayoutKeepsFocusWhenThePanesAreTheSame() {
        var d = Dashboard(layout: Fixtures.layout())
        _ = d.perform(.focusPane(2), state: state)
        _ = d.perform(.moveDown, state: state)
        var renamed = Fixtures.layout()
        renamed.root = renamed.root.updatingPane(at: 0) { $0.title = "Jalan raya" }
        d.replaceLayout(renamed)
        XCTAssertEqual(d.focus, 2)
        XCTAssertEqual(d.selections[2], 1)
        XCTAssertEqual(d.layout.panes[0].title, "Jalan raya")

        d.replaceLayout(try! ShippedLayouts.named("wallboard")!)
        XCTAssertEqual(d.selections, Array(repeating: 0, count: d.layout.panes.count), "a different layout starts afresh")
    }
}
