import Foundation
import XCTest

/// Layouts changed while the dashboard runs, in a real terminal: a saved layout file re-lays
/// the screen, a broken save keeps the last good layout and says why, `:layout` switches with
/// Tab completion, and `L` cycles the shipped layouts.
final class LayoutEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-layout-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func layoutText(title: String) -> String {
        """
        name: my-desk
        description: a desk of my own
        layout:
          columns:
            - type: incidents
              title: \(title)
            - type: sensors
        """
    }

    func testSavingTheLayoutFileRelaysTheScreenAndABrokenSaveKeepsTheLastGoodOne() throws {
        let file = dir.appendingPathComponent("my-desk.yaml")
        try layoutText(title: "Kejadian").write(to: file, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' demo --from 16:00 --layout '\(file.path)'")
        try tmux.waitFor("the first frame") { $0.contains("1 Kejadian") && $0.contains("2 Sensors") }

        // An editor's atomic save (write a new file, rename it over the old).
        try layoutText(title: "Insiden").write(to: file, atomically: true, encoding: .utf8)
        var screen = try tmux.waitFor("the reloaded layout") { $0.contains("1 Insiden") }
        XCTAssertFalse(screen.contains("Kejadian"), screen)

        // A save in place with a mistake: the last good layout stays and the footer says why.
        try "name: my-desk\nlayout:\n  columns:\n    - type: incidnets\n".write(to: file, atomically: false, encoding: .utf8)
        screen = try tmux.waitFor("the error on the status line") { $0.contains("not reloaded") }
        XCTAssertTrue(screen.contains("1 Insiden"), "the last good layout stays: \(screen)")
        XCTAssertTrue(screen.contains("incidnets"), screen)
        try tmux.send("q")
    }

    func testColonLayoutWithCompletionAndCycling() throws {
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' demo --from 16:00")
        try tmux.waitFor("the command center") { $0.contains("Traffic") && $0.contains("Tickets") && $0.contains("WIB") }
        try tmux.send(":")
        try tmux.send("layout fl")
        try tmux.send("Tab")
        try tmux.waitFor("the completed command") { $0.contains(":layout flood-watch") }
        try tmux.send("Enter")
        let screen = try tmux.waitFor("the flood-watch layout") { $0.contains("Layout flood-watch") }
        XCTAssertTrue(screen.contains("Flood and storm incidents"), screen)

        // An unknown command gets a suggestion, and the layout stays.
        try tmux.send(":")
        try tmux.send("lyout wallboard")
        try tmux.send("Enter")
        try tmux.waitFor("the suggestion") { $0.contains("did you mean 'layout'?") }

        // L: the next shipped layout after flood-watch.
        try tmux.send("L")
        try tmux.waitFor("the next layout") { $0.contains("Layout supervisor") }
        try tmux.send("q")
    }
}
