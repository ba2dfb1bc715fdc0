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

    /// It tells how far it has read (past the last whole line), and a source resumed there
    /// reads only what came after; another file at the path, a shorter one, or one whose first
    /// bytes differ is read from its start.
    func testReportsHowFarItReadAndResumesThere() throws {
        let path = dir.appendingPathComponent("feed.ndjson").path
        let first = sensorLine("a", 1) + "\n" + sensorLine("a", 2) + "\n"
        try (first + "{\"v\":1,\"ts\"").write(toFile: path, atomically: false, encoding: .utf8)
        let h = SourceHarness(FileSource(name: "f", path: path))
        XCTAssertTrue(h.waitForEvents(2))
        XCTAssertTrue(waitUntil { h.collect(); return !h.positions.isEmpty })
        let reached = try XCTUnwrap(h.positions.last)
        XCTAssertEqual(reached.offset, Int64(first.utf8.count), "the partial last line is not counted as read")
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0)
        XCTAssertEqual(reached.inode, UInt64(st.st_ino))
        h.sources.stop()

        // The partial line completed and more lines appended while stopped.
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((":\"2026-11-23T07:00:00+07:00\",\"kind\":\"sensor\",\"station\":\"b\",\"sensor\":\"rainfall\",\"value\":3}\n" + sensorLine("b", 4) + "\n").utf8))
        handle.closeFile()
        let resumed = FileSource(name: "f", path: path)
        resumed.resume(from: reached)
        let h2 = SourceHarness(resumed)
        XCTAssertTrue(h2.waitForEvents(2))
        Thread.sleep(forTimeInterval: 3 * FileSource.pollInterval)
        XCTAssertEqual(stations(h2.collect()), ["b=3", "b=4"], "only what came after the position")
        h2.sources.stop()

        // Not the same file any more: each is read from its start.
        let other = dir.appendingPathComponent("other.ndjson").path
        try (sensorLine("x", 9) + "\n").write(toFile: other, atomically: false, encoding: .utf8)
        var otherStat = stat()
        XCTAssertEqual(stat(other, &otherStat), 0)
        let shorter = SourcePosition(device: reached.device, inode: UInt64(otherStat.st_ino), offset: 1 << 20, head: reached.head)
        let anotherHead = SourcePosition(device: reached.device, inode: UInt64(otherStat.st_ino), offset: 4, head: "0")
        let anotherFile = SourcePosition(device: reached.device, inode: UInt64(otherStat.st_ino) &+ 1, offset: 4, head: reached.head)
        for position in [shorter, anotherHead, anotherFile] {
            let source = FileSource(name: "o", path: other)
            source.resume(from: position)
            let h3 = SourceHarness(source)
            XCTAssertTrue(h3.waitForEvents(1), "\(position)")
            XCTAssertEqual(stations(h3.events), ["x=9"], "\(position)")
            h3.sources.stop()
        }
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
