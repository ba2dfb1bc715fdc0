import Foundation
import PantauTestSupport
import XCTest

/// `pantau run` with a Waze for Cities feed polled over http: a jam the feed stops reporting
/// leaves the screen.
final class SnapshotEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-snapshot-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testAJamDisappearsWhenWazeStopsReportingIt() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        // Five jams on five streets (jam i is on street i): then only the first two.
        server.handler = { _ in .init(body: SyntheticWazeFeed.data(jams: 5, alerts: 0, irregularities: 0)) }
        let sources = dir.appendingPathComponent("sources.yaml")
        try """
        sources:
          - name: waze-jams
            type: http
            url: \(server.url("/waze.json").absoluteString)
            format: waze
            every: 500ms

        """.write(to: sources, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(command: "sh -c \"'\(PantauBinary.url.path)' run --sources '\(sources.path)'; echo EXITED=\\$?; sleep 60\"",
                                   width: 140, height: 44)
        // Jl. Gatot Subroto is jam 3 (level 3): on the traffic pane only, never in the log.
        try tmux.waitFor("all five jams") { $0.contains("Jl. Gatot Subroto") && $0.contains("jammed / 5") }

        server.handler = { _ in .init(body: SyntheticWazeFeed.data(jams: 2, alerts: 0, irregularities: 0)) }
        let screen = try tmux.waitFor("the three jams Waze no longer reports gone") {
            $0.contains("jammed / 2") && !$0.contains("Jl. Gatot Subroto")
        }
        XCTAssertTrue(screen.contains("Jl. Daan Mogot"), screen)
        try tmux.send("q")
        try tmux.waitFor(text: "EXITED=0")
    }
}
