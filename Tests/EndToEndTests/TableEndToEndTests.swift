import Foundation
import XCTest

/// Searching and sorting a table in a real terminal: `/` filters the focused incidents pane as
/// you type and its title counts the matches, Esc brings every row back, `o` sorts by a column
/// and marks its header.
final class TableEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    /// The incident rows on screen (the incidents pane is the only one listing `INC-` ids).
    func incidentRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.contains("INC-") }
    }

    func testSlashFiltersTheIncidentsEscBringsThemBackAndOSorts() throws {
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' demo --from 17:30")
        try tmux.waitFor("the first whole frame") { $0.contains("Incidents (") && $0.contains("INC-") && $0.contains("Tickets") }
        // Hold the replay still so that the rows do not change under the test.
        try tmux.send("Space")
        try tmux.waitFor(text: "PAUSED")
        try tmux.send("2")
        try tmux.send("/")
        try tmux.send("-l", "periuk")
        // The whole frame: tmux may show the new title before the footer row is redrawn.
        var screen = try tmux.waitFor("the search in the title and the footer") {
            $0.contains("Incidents /periuk ") && ($0.split(separator: "\n").last?.hasPrefix("/periuk") ?? false)
        }
        let footer = screen.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footer.hasPrefix("/periuk"), "the search line is in the footer: \(footer)")
        let title = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("Incidents /periuk ") })
        let words = title.split(separator: " ").map(String.init)
        let at = try XCTUnwrap(words.firstIndex(of: "/periuk"))
        let shown = try XCTUnwrap(Int(words[at + 1]), title.description)
        XCTAssertEqual(words[at + 2], "of")
        let total = try XCTUnwrap(Int(words[at + 3]), title.description)
        XCTAssertGreaterThan(shown, 0, "the demo has incidents in Periuk at 17:30")
        XCTAssertLessThan(shown, total, "and elsewhere")
        let rows = incidentRows(screen)
        XCTAssertEqual(rows.count, shown, screen)
        XCTAssertTrue(rows.allSatisfy { $0.contains("Periuk") }, screen)

        // Esc clears the search: every open incident again.
        try tmux.send("Escape")
        screen = try tmux.waitFor("every row again") { $0.contains("Incidents (\(total) open") /* then " · N late" */ }
        XCTAssertTrue(incidentRows(screen).contains { !$0.contains("Periuk") }, screen)
        XCTAssertFalse(screen.contains("/periuk"))

        // o sorts by the first column that can be sorted, and its header says which way.
        try tmux.send("o")
        screen = try tmux.waitFor("the sort marker") { $0.contains("ID ▲") }
        try tmux.send("O")
        screen = try tmux.waitFor("the reversed marker") { $0.contains("ID ▼") }
        let ids = incidentRows(screen).compactMap { row in row.split(separator: " ").first { $0.hasPrefix("INC-") }.map(String.init) }
        XCTAssertEqual(ids, ids.sorted(by: >), "ids descending: \(ids)")
        try tmux.send("q")
    }
}
