import Foundation
import PantauTestSupport
import XCTest

/// The supervisor's desk through the binary in tmux, as a person uses it: a 112 call taken with
/// `n`, acknowledged, a unit dispatched and set on scene, a note, an escalation and a resolution;
/// what the screen and `pantau journal export` then show, and what an operator and a viewer may do.
final class SupervisorDeskEndToEndTests: XCTestCase {
    var dir: URL!
    var journal: String { dir.appendingPathComponent("journal.sqlite").path }

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-desk-flow-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// `pantau run` on an empty file source with the shipped desk, as `user`, into the test's journal.
    func startConsole(user: String, console: String = "desk-1", layout: String = "supervisor") throws -> TmuxSession {
        let feed = dir.appendingPathComponent("feed.ndjson")
        if !FileManager.default.fileExists(atPath: feed.path) { try "".write(to: feed, atomically: true, encoding: .utf8) }
        let sources = dir.appendingPathComponent("sources.yaml")
        try "sources:\n  - name: calls\n    type: file\n    path: \(feed.path)\n".write(to: sources, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --sources '\(sources.path)' --journal '\(journal)' --user \(user) --console \(console) --layout \(layout)")
        try tmux.waitFor(text: "Incidents (")
        return tmux
    }

    /// Fills the new-incident form (`n`): a fire in `district` with its caller, and waits for
    /// the incident to be listed as the `open`th open one.
    func createCall(_ tmux: TmuxSession, title: String, district: String = "Cipondoh", open: Int = 1) throws {
        try tmux.send("n")
        try tmux.waitFor(text: "New incident from a call")
        try tmux.send("-l", "fire")
        try tmux.waitFor(text: "Filter: fire")
        try tmux.send("Enter")               // category: fire, on to severity
        try tmux.send("Right", "Tab")        // severity 4, on to the title
        for (value, then) in [(title, "Tab"), (district, "Enter"), ("Jl. Melati No. 12", "Tab"), ("Bu Siti Aminah", "Tab")] {
            try tmux.send("-l", value)       // a choice (the district) is typed into its picker
            try tmux.send(then)
        }
        try tmux.send("-l", "081234567789")
        try tmux.waitFor(text: "081234567789")
        try tmux.send("Enter", "Enter")      // on to the exercise choice (no), the last field: submit
        try tmux.waitFor("the new call listed") { !$0.contains("New incident from a call") && $0.contains("Incidents (\(open) open") }
    }

    /// Opens the dispatch picker on the selected incident, and returns its screen.
    func openDispatchPicker(_ tmux: TmuxSession) throws -> String {
        try tmux.send("d")
        return try tmux.waitFor(text: "Dispatch to CALL-")
    }

    /// Chooses `value` in the open picker by typing it.
    func choose(_ tmux: TmuxSession, _ value: String) throws {
        try tmux.send("-l", value)
        try tmux.waitFor(text: "Filter: \(value)")
        try tmux.send("Enter")
    }

    /// The journal's CSV export.
    func exportCSV(_ extra: [String] = []) throws -> [String] {
        let r = try PantauBinary.run(["journal", "export", "--journal", journal, "--format", "csv"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    func testASupervisorTakesACallThroughToItsResolutionAndEveryStepIsOnTheRecord() throws {
        let tmux = try startConsole(user: "ani")
        try createCall(tmux, title: "Kebakaran rumah")

        try tmux.send("a")
        try tmux.waitFor(text: "acknowledged")

        var screen = try openDispatchPicker(tmux)
        // A call names no agency: its category's (fire: Damkar) units come first.
        let firstSection = screen.split(separator: "\n").first { $0.contains("(responding)") || $0.contains("Other agencies") }
        XCTAssertTrue(firstSection?.contains("Damkar (responding)") == true, screen)
        try choose(tmux, "DMK-03")
        screen = try tmux.waitFor("DMK-03 dispatched on the units board") { $0.contains("DMK-03    Damkar dispatched  CALL-") }

        try tmux.send("u")
        try tmux.waitFor(text: "Unit status · CALL-")
        try choose(tmux, "on scene")
        screen = try tmux.waitFor("DMK-03 on scene on the units board") { $0.contains("DMK-03    Damkar on scene    CALL-") }

        let note = "Warga dievakuasi ke masjid — 12 orang, café"
        try tmux.send("i")
        try tmux.waitFor(text: "Note on CALL-")
        try tmux.send("-l", note)
        try tmux.waitFor(text: "café")
        try tmux.send("Enter")
        try tmux.waitFor("the note saved") { !$0.contains("Note on CALL-") }

        try tmux.send(">")
        try tmux.waitFor("severity 5") { $0.contains("Severity     5") }

        // The detail view's timeline: each step, and who did it.
        try tmux.send("Enter")
        screen = try tmux.waitFor("the timeline with the note") { $0.contains("Timeline") && $0.contains("dievakuasi") }
        let timeline = screen.split(separator: "\n").map(String.init)
        for step in ["acknowledged", "dispatched DMK-03", "DMK-03 → on_scene", "note: Warga dievakuasi ke masjid — 12 orang, café", "severity → 5"] {
            let line = timeline.first { $0.contains(step) }
            XCTAssertNotNil(line, "no timeline line for \(step):\n\(screen)")
            XCTAssertTrue(line?.contains("ani") == true, "the timeline line for \(step) does not say who:\n\(screen)")
        }

        try tmux.send("r")
        try tmux.waitFor(text: "Resolve CALL-")
        try tmux.send("-l", "handled")
        try tmux.send("Enter")
        try tmux.waitFor(text: "y/Enter confirm")
        try tmux.send("y")
        screen = try tmux.waitFor("the call resolved") { $0.contains("resolved") && !$0.contains("y/Enter confirm") }
        try tmux.send("Escape")
        screen = try tmux.waitFor("DMK-03 available again, no open incident") {
            $0.contains("Incidents (0 open") && $0.contains("35 available / 35")
        }
        try tmux.send("q")

        // The journal: each action with who, role and console, in order; the chain intact.
        let rows = try exportCSV().dropFirst().map { $0.split(separator: ",", maxSplits: 10, omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.map { $0[2] }, Array(repeating: "action", count: 7), "\(rows)")
        XCTAssertEqual(rows.map { $0[7] }, ["create", "acknowledge", "dispatch", "unit_status", "note", "escalate", "resolve"])
        for row in rows { XCTAssertEqual(Array(row[4...6]), ["ani", "supervisor", "desk-1"], "\(row)") }
        XCTAssertEqual(rows.count > 3 ? rows[3][8] : nil, "DMK-03", "the unit status action targets the unit")
        let ndjson = try PantauBinary.run(["journal", "export", "--journal", journal])
        XCTAssertTrue(ndjson.stdout.contains(#""note":"Warga dievakuasi ke masjid — 12 orang, café""#), ndjson.stdout)
        XCTAssertTrue(ndjson.stdout.contains(#""disposition":"handled""#), ndjson.stdout)
        let verify = try PantauBinary.run(["journal", "verify", "--journal", journal])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("7 entries, chain intact"), verify.stdout)
    }

    func testAnOperatorIsRefusedTheDispatchWithTheRoleItNeedsAndAViewerHasNoActionKeys() throws {
        let operatorConsole = try startConsole(user: "budi")
        try createCall(operatorConsole, title: "Kebakaran gudang")
        try operatorConsole.send("d")
        try operatorConsole.waitFor(text: "dispatch needs the supervisor role")
        XCTAssertFalse(try operatorConsole.capture().contains("Dispatch to"))
        try operatorConsole.send("q")
        try operatorConsole.waitFor("the operator's console gone") { !$0.contains("Incidents (") }

        // A user not on the roster is a viewer: the same journal, no action keys anywhere.
        let viewer = try startConsole(user: "tamu", console: "wall-1")
        var screen = try viewer.waitFor("the call restored") { $0.contains("Incidents (1 open") && $0.contains("new") }
        let footer = screen.split(separator: "\n").last.map(String.init) ?? ""
        for hint in ["a ack", "d dispatch", "i note", "r resolve", "new call"] {
            XCTAssertFalse(footer.contains(hint), "the viewer's footer offers \(hint): \(footer)")
        }
        try viewer.send("?")
        // The footer says "q quit" too: wait for the help's own line.
        screen = try viewer.waitFor(text: "hide this help")
        for hint in ["acknowledge", "dispatch", "resolve", "new incident"] {
            XCTAssertFalse(screen.lowercased().contains(hint), "the viewer's help offers \(hint):\n\(screen)")
        }
        try viewer.send("Escape")
        try viewer.waitFor("help closed") { $0.contains("Units") }
        try viewer.send("a")
        try viewer.send("n")
        try viewer.send("d")
        // Something the viewer may do, typed after, shows the keys before it were taken and did nothing.
        try viewer.send("?")
        try viewer.waitFor(text: "hide this help")
        try viewer.send("Escape")
        screen = try viewer.waitFor("back on the dashboard") { $0.contains("Units") }
        XCTAssertFalse(screen.contains("New incident from a call"), screen)
        XCTAssertFalse(screen.contains("Dispatch to"), screen)
        try viewer.send("q")
        // Its clean exit writes a checkpoint: export once it is gone.
        try viewer.waitFor("the viewer's console gone") { !$0.contains("Incidents (") }
        let rows = try exportCSV().dropFirst()
        XCTAssertEqual(rows.count, 1, "only the operator's create is journaled: \(Array(rows))")
        XCTAssertTrue(rows.first?.contains(",budi,operator,desk-1,create,") == true, "\(Array(rows))")
    }

    func testCallersDataIsMaskedForAnOperatorAndInTheExportButShownToTheSupervisorsDetailView() throws {
        let operatorConsole = try startConsole(user: "budi")
        try createCall(operatorConsole, title: "Kebakaran dapur")
        try operatorConsole.waitFor("the masked caller in the detail pane") { $0.contains("Bu S***") }
        try operatorConsole.send("Enter")
        // The whole detail view: its header can be captured before the body is drawn.
        let screen = try operatorConsole.waitFor("the operator's detail view") {
            $0.contains("Dashboard › Incident CALL-") && $0.contains("Jl. Melati") && $0.contains("Bu S")
        }
        XCTAssertTrue(screen.contains("Bu S*** · 0812-****-789"), screen)
        XCTAssertTrue(screen.contains("Jl. Melati No. **"), screen)
        XCTAssertFalse(screen.contains("Siti"), screen)
        XCTAssertFalse(screen.contains("081234567789"), screen)
        XCTAssertFalse(screen.contains("Melati No. 12"), screen)
        try operatorConsole.send("q")
        try operatorConsole.waitFor("the operator's console gone") { !$0.contains("Incidents (") }

        // The export leaves the caller out unless asked.
        let plain = try PantauBinary.run(["journal", "export", "--journal", journal])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains(#""verb":"create""#), plain.stdout)
        XCTAssertFalse(plain.stdout.contains("Siti"), plain.stdout)
        XCTAssertFalse(plain.stdout.contains("081234567789"), plain.stdout)
        let csv = try exportCSV().joined(separator: "\n")
        XCTAssertFalse(csv.contains("Siti") || csv.contains("081234567789"), csv)
        let full = try PantauBinary.run(["journal", "export", "--journal", journal, "--include-personal-data"])
        XCTAssertTrue(full.stdout.contains("Bu Siti Aminah") && full.stdout.contains("081234567789"), full.stdout)

        // The supervisor sees the caller in the detail view.
        let supervisor = try startConsole(user: "ani", layout: "command-center")
        try supervisor.waitFor(text: "CALL-")
        try supervisor.send("Enter")
        let detail = try supervisor.waitFor("the detail view") { $0.contains("Dashboard › Incident CALL-") && $0.contains("Bu S") }
        XCTAssertTrue(detail.contains("Bu Siti Aminah · 081234567789"), detail)
        try supervisor.send("q")
    }

    func testAUnitAlreadyOnAnIncidentIsRefusedForAnotherWithTheReasonOnScreen() throws {
        let tmux = try startConsole(user: "ani")
        try createCall(tmux, title: "Kebakaran pertama")
        _ = try openDispatchPicker(tmux)
        try choose(tmux, "DMK-03")
        try tmux.waitFor("DMK-03 dispatched") { $0.contains("DMK-03    Damkar dispatched  CALL-") }

        // A second call, whose detail is selected next; DMK-03 is busy.
        try createCall(tmux, title: "Kebakaran kedua", district: "Periuk", open: 2)
        // Select the new one (the list's other row) in the detail view and try DMK-03 on it.
        try tmux.send("Enter")
        var screen = try tmux.waitFor(text: "Dashboard › Incident CALL-")
        if !screen.contains("Kebakaran kedua") {
            try tmux.send("Escape")
            try tmux.waitFor(text: "Incidents (2 open")
            try tmux.send("j")
            try tmux.send("Enter")
            screen = try tmux.waitFor("the second call's detail") { $0.contains("Dashboard › Incident CALL-") && $0.contains("Kebakaran kedua") }
        }
        _ = try openDispatchPicker(tmux)
        try choose(tmux, "DMK-03")
        screen = try tmux.waitFor("the refusal") { $0.contains("DMK-03 is on CALL-") }
        try tmux.send("Escape")
        try tmux.send("q")
        let dispatches = try exportCSV().filter { $0.contains(",dispatch,") }
        XCTAssertEqual(dispatches.count, 1, "\(dispatches)")
    }

    func testKill9AtRandomPointsLosesNoActionTheScreenShowedAsDone() throws {
        let seed = SeededRandom.seed(default: UInt64(Date().timeIntervalSince1970))
        print("kill -9 loop: \(SeededRandom.describe(seed))")
        var random = SeededRandom(seed: seed)
        var shown: [String] = []
        for round in 1...5 {
            let tmux = try startConsole(user: "ani")
            if round == 1 { try createCall(tmux, title: "Kebakaran pabrik") }
            try tmux.waitFor(text: "Incidents (1 open")
            try tmux.send("Enter")
            try tmux.waitFor(text: "Dashboard › Incident CALL-")
            for n in 1...Int.random(in: 1...2, using: &random) {
                let note = "round\(round)-note\(n)"
                try tmux.send("i")
                try tmux.waitFor(text: "Note on CALL-")
                try tmux.send("-l", note)
                try tmux.send("Enter")
                try tmux.waitFor(text: "note: \(note) · ani")
                shown.append(note)
            }
            // Sometimes one more, killed while it may be in flight: it may or may not be kept.
            if Bool.random(using: &random) {
                try tmux.send("i")
                try tmux.waitFor(text: "Note on CALL-")
                try tmux.send("-l", "round\(round)-in-flight")
                try tmux.send("Enter")
                usleep(UInt32.random(in: 0...50_000, using: &random))
            }
            let pid = try TmuxSession.shell(["tmux", "display-message", "-p", "-t", tmux.name, "#{pane_pid}"])
            let pantauPID = try XCTUnwrap(Int32(pid.output.trimmingCharacters(in: .whitespacesAndNewlines)))
            XCTAssertEqual(kill(pantauPID, SIGKILL), 0)
            try tmux.waitFor("pantau gone") { !$0.contains("Dashboard ›") }
        }

        // The restart shows every note the screen had shown as done; the journal holds them and verifies.
        let tmux = try startConsole(user: "ani")
        try tmux.waitFor(text: "Incidents (1 open")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("every shown note restored") { s in shown.allSatisfy { s.contains("note: \($0) · ani") } }
        XCTAssertTrue(screen.contains("Dashboard › Incident CALL-"), screen)
        try tmux.send("q")
        let notes = try exportCSV().filter { $0.contains(",note,") }
        for note in shown { XCTAssertTrue(notes.contains { $0.contains(note) }, "\(note) is not in the journal, \(SeededRandom.describe(seed))") }
        let verify = try PantauBinary.run(["journal", "verify", "--journal", journal])
        XCTAssertEqual(verify.status, 0, SeededRandom.describe(seed) + ": " + verify.stdout + verify.stderr)
        XCTAssertTrue(verify.stdout.contains("chain intact"), verify.stdout)
    }
}
