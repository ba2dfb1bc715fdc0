import Foundation
import XCTest

/// `pantau run` in tmux with a source's `stale_after` and `clock_skew_tolerance`: its jam goes
/// stale on the wall clock alone and sinks below a current one from a source with the default
/// limit; its event stamped 30 s ahead is shown as ahead under a 5 s tolerance (not under the
/// default two minutes).
final class StaleAfterEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    func testASourcesStaleAfterAndSkewToleranceApplyLive() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let now = Date()
        let stamp = LiveTimeEndToEndTests.stamp
        // The standstill from `quick`, stamped 30 s ahead, is worse, so it is listed first until
        // its 5 s limit has passed (35 s from now).
        let quick = #"{"v":1,"ts":"\#(stamp(now.addingTimeInterval(30)))","kind":"traffic","segment":"q1","road":"Jl. Cepat Basi","jam_level":5}"#
        let steady = #"{"v":1,"ts":"\#(stamp(now))","kind":"traffic","segment":"s1","road":"Jl. Tetap Segar","jam_level":3}"#
        try (quick + "\n").write(to: dir.appendingPathComponent("quick.ndjson"), atomically: true, encoding: .utf8)
        try (steady + "\n").write(to: dir.appendingPathComponent("steady.ndjson"), atomically: true, encoding: .utf8)
        let sources = """
        sources:
          - name: quick
            type: file
            path: \(dir.appendingPathComponent("quick.ndjson").path)
            stale_after: 5s
            clock_skew_tolerance: 5s
          - name: steady
            type: file
            path: \(dir.appendingPathComponent("steady.ndjson").path)
        """
        let sourcesFile = dir.appendingPathComponent("sources.yaml")
        try sources.write(to: sourcesFile, atomically: true, encoding: .utf8)

        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --sources '\(sourcesFile.path)'")
        func row(_ screen: String, _ road: String) -> Int? {
            screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(road) }
        }
        var screen = try tmux.waitFor("both roads", timeout: 30) { row($0, "Jl. Cepat Basi") != nil && row($0, "Jl. Tetap Segar") != nil }
        XCTAssertLessThan(try XCTUnwrap(row(screen, "Jl. Cepat Basi")), try XCTUnwrap(row(screen, "Jl. Tetap Segar")),
                          "the standstill first while current:\n\(screen)")
        try tmux.send("s")
        screen = try tmux.waitFor("the quick source shown ahead", timeout: 30) { screen in
            screen.split(separator: "\n").contains { $0.contains("quick") && $0.contains("ahead") }
        }
        XCTAssertFalse(screen.split(separator: "\n").contains { $0.contains("steady") && $0.contains("ahead") }, screen)
        try tmux.send("x")
        // Only the clock moves from here on: stale, and below.
        screen = try tmux.waitFor("the quick source's jam to go stale", timeout: 120) { screen in
            screen.split(separator: "\n").contains { $0.contains("Jl. Cepat Basi") && $0.contains("stale") }
        }
        XCTAssertGreaterThan(try XCTUnwrap(row(screen, "Jl. Cepat Basi")), try XCTUnwrap(row(screen, "Jl. Tetap Segar")),
                             "a stale segment sinks below a current one:\n\(screen)")
        XCTAssertFalse(screen.split(separator: "\n").contains { $0.contains("Jl. Tetap Segar") && $0.contains("stale") }, screen)
        try tmux.send("q")
    }
}
