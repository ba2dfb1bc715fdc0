import Foundation
@testable import PantauFeeds
import XCTest

final class FileSourceTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-file-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func append(_ path: String, _ lines: [String]) throws {
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        h.closeFile()
    }

    /// Skips are counted by reason and name their first line; a later batch's first bad line
    /// is named too.
    func testSkipsNameTheirReasonsAndFirstLines() throws {
        let path = dir.appendingPathComponent("bad.ndjson").path
        let wrongVersion = sensorLine("v", 9).replacingOccurrences(of: "\"v\":1", with: "\"v\":2")
        try [sensorLine("a", 1), "", "not json", sensorLine("a", 2), wrongVersion, "also not json"]
            .map { $0 + "\n" }.joined().write(toFile: path, atomically: false, encoding: .utf8)
        let h = SourceHarness(FileSource(name: "f", path: path))
        XCTAssertTrue(h.waitForEvents(2))
        XCTAssertTrue(waitUntil { h.health.skipped == 3 })
        XCTAssertEqual(h.health.skipReasons, ["invalid_json": 2, "unknown_version": 1])
        XCTAssertEqual(h.health.firstSkips, ["line 3"], "the blank line 2 is not a skip")
        try append(path, [sensorLine("a", 3), "{\"v\":1}"])
        XCTAssertTrue(waitUntil { h.health.skipped == 4 })
        XCTAssertEqual(h.health.firstSkips, ["line 3", "line 8"])
        XCTAssertEqual(h.health.skipSummary, "invalid_json 2, missing_field 1, unknown_version 1 (line 3, line 8)")
        XCTAssertEqual(h.health.ignored, 0)
    }

    func testFollowsAppendTruncationAndRotation() throws {
        let path = dir.appendingPathComponent("feed.ndjson").path
        try (sensorLine("a", 1) + "\n" + sensorLine("a", 2) + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let h = SourceHarness(FileSource(name: "f", path: path))
        XCTAssertTrue(h.waitForEvents(2), "existing content read from the start")
        XCTAssertEqual(h.health.state, .live)

        // Appended lines, including a line written in two parts.
        try append(path, [sensorLine("b", 3)])
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        let half = sensorLine("c", 4)
        handle.write(Data(half.prefix(20).utf8))
        Thread.sleep(forTimeInterval: 0.4)
        handle.write(Data((half.dropFirst(20) + "\nnot json\n").utf8))
        handle.closeFile()
        XCTAssertTrue(h.waitForEvents(4))
        XCTAssertEqual(stations(h.events), ["a=1", "a=2", "b=3", "c=4"])
        XCTAssertTrue(waitUntil { h.health.skipped == 1 }, "the bad line is counted")

        // Truncation: start again from the beginning.
        try (sensorLine("t", 5) + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertTrue(h.waitForEvents(5))
        XCTAssertEqual(stations(h.events).last, "t=5")

        // Rotation: the old file moves away, a new one takes the name.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try append(path + ".1", [sensorLine("old", 6)])
        try (sensorLine("new", 7) + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertTrue(h.waitForEvents(7))
        XCTAssertEqual(Array(stations(h.events).suffix(2)), ["old=6", "new=7"])
        try append(path, [sensorLine("new", 8)])
        XCTAssertTrue(h.waitForEvents(8))
        XCTAssertEqual(stations(h.events).last, "new=8")
        XCTAssertEqual(h.events.first?.source, "f", "events without src get the source's name")
    }

    func testMissingFileFailsThenRecovers() throws {
        let path = dir.appendingPathComponent("later.ndjson").path
        let h = SourceHarness(FileSource(name: "later", path: path))
        XCTAssertTrue(waitUntil { h.health.state.isFailing })
        XCTAssertTrue(h.health.state.description.hasPrefix("failing: cannot open"), h.health.state.description)
        try (sensorLine("x", 1) + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertTrue(h.waitForEvents(1))
        XCTAssertEqual(h.health.state, .live)
        XCTAssertGreaterThanOrEqual(h.health.errorCount, 1)
        XCTAssertEqual(h.health.eventsPerMinute, 1)
    }
}
