import Foundation
import XCTest

/// `pantau record` end to end: a file source in, a recording out, replayable.
final class RecordCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func line(_ i: Int) -> String {
        "{\"v\":1,\"ts\":\"2026-11-23T07:15:\(String(format: "%02d", i % 60))+07:00\",\"kind\":\"sensor\",\"station\":\"st-\(i)\",\"sensor\":\"rainfall\",\"value\":\(i)}"
    }

    private func sourcesFile(feed: String) throws -> String {
        let path = dir.appendingPathComponent("sources.yaml").path
        try "sources:\n  - name: feed\n    type: file\n    path: \(feed)\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testRecordsAFileSourceForADuration() throws {
        let feed = dir.appendingPathComponent("feed.ndjson").path
        try ((0..<50).map(line).joined(separator: "\n") + "\nnot json\n").write(toFile: feed, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.ndjson").path
        let r = try PantauBinary.run(["record", "--sources", try sourcesFile(feed: feed), "--out", out, "--duration", "1s"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("recorded 50 events from 1 source"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 skipped"), r.stderr)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 50)
        XCTAssertTrue(lines[0].contains("\"src\":\"feed\"") && lines[0].contains("\"station\":\"st-0\""), String(lines[0]))
        XCTAssertTrue(lines[49].contains("st-49"), "arrival order")
        // The recording replays: snapshot reads it as a recording.
        let snap = try PantauBinary.run(["snapshot", "--feed", out, "--size", "100x30"])
        XCTAssertEqual(snap.status, 0, snap.stderr)
        XCTAssertTrue(snap.stdout.contains("Pantau"), snap.stdout)
        XCTAssertFalse(snap.stderr.contains("skipped ("), "the recording has no bad lines: \(snap.stderr)")
    }

    func testBadSourcesFileIsRefused() throws {
        let path = dir.appendingPathComponent("bad.yaml").path
        try "sources:\n  - name: x\n    type: file\n    paht: /tmp/x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try PantauBinary.run(["record", "--sources", path, "--out", dir.appendingPathComponent("o").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("bad.yaml:4:5: unknown key `paht` for a file source; did you mean `path`?"), r.stderr)
        let d = try PantauBinary.run(["record", "--sources", path, "--out", "o", "--duration", "5x"])
        XCTAssertNotEqual(d.status, 0)
        XCTAssertTrue(d.stderr.contains("--duration"), d.stderr)
    }

    func testSIGINTLeavesCompleteLines() throws {
        let feed = dir.appendingPathComponent("feed.ndjson").path
        XCTAssertTrue(FileManager.default.createFile(atPath: feed, contents: nil))
        let out = dir.appendingPathComponent("out.ndjson").path
        let p = Process()
        p.executableURL = PantauBinary.url
        p.arguments = ["record", "--sources", try sourcesFile(feed: feed), "--out", out]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        // Keep appending while the recorder runs, then interrupt it mid-stream.
        let writer = try XCTUnwrap(FileHandle(forWritingAtPath: feed))
        var i = 0
        let until = Date().addingTimeInterval(1.5)
        while Date() < until {
            writer.write(Data(((0..<200).map { line(i + $0) }.joined(separator: "\n") + "\n").utf8))
            i += 200
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        writer.closeFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, stderr)
        XCTAssertTrue(stderr.contains("recorded"), stderr)
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertEqual(data.last, 10, "ends with a whole line")
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 100)
        for (n, l) in lines.enumerated() {
            XCTAssertTrue(l.hasPrefix("{") && l.hasSuffix("}"), "line \(n + 1) is whole")
            XCTAssertTrue(l.contains("\"station\":\"st-\(n)\""), "line \(n + 1) in order")
        }
    }
}
