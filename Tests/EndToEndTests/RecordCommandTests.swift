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

    /// `pantau record ARGS` started in the background (stderr to a file), and a way to wait
    /// for it: a deadline for a failing test, never a speed requirement.
    private final class Recorder {
        let process = Process()
        let errPath: String

        init(_ args: [String], dir: URL) throws {
            errPath = dir.appendingPathComponent("record-\(UUID().uuidString).err").path
            _ = FileManager.default.createFile(atPath: errPath, contents: nil)
            process.executableURL = PantauBinary.url
            process.arguments = ["record"] + args
            process.standardError = FileHandle(forWritingAtPath: errPath)
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
            try process.run()
        }

        /// Waits for the exit; false (and the process killed) if it is still running at the deadline.
        func waitForExit(deadline seconds: Double = 30) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                return false
            }
            process.waitUntilExit()
            return true
        }

        var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }
    }

    private func lineCount(_ path: String) -> Int {
        (FileManager.default.contents(atPath: path) ?? Data()).reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }

    func testRecordsAFileSourceUntilInterrupted() throws {
        let feed = dir.appendingPathComponent("feed.ndjson").path
        try ("not json\n" + (0..<50).map(line).joined(separator: "\n") + "\n").write(toFile: feed, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.ndjson").path
        let recorder = try Recorder(["--sources", try sourcesFile(feed: feed), "--out", out], dir: dir)
        // Everything the file holds is recorded (however long that takes), then Ctrl-C ends it.
        let deadline = Date().addingTimeInterval(30)
        while lineCount(out) < 50, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        kill(recorder.process.processIdentifier, SIGINT)
        XCTAssertTrue(recorder.waitForExit(), "record ends on SIGINT")
        XCTAssertEqual(recorder.process.terminationStatus, 0, recorder.stderr)
        XCTAssertTrue(recorder.stderr.contains("recorded 50 events from 1 source"), recorder.stderr)
        XCTAssertTrue(recorder.stderr.contains("1 skipped"), recorder.stderr)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 50)
        XCTAssertTrue(lines[0].contains("\"src\":\"feed\"") && lines[0].contains("\"station\":\"st-0\""), String(lines[0]))
        XCTAssertTrue(lines[49].contains("st-49"), "arrival order")
        // Each line says when it arrived, last: `"rx":"<RFC 3339>"}`, between the start and now.
        let rx = try lines.map { l -> String in
            let r = try XCTUnwrap(l.range(of: #","rx":""#), String(l))
            XCTAssertTrue(l.hasSuffix("\"}"), String(l))
            return String(l[r.upperBound...].dropLast(2))
        }
        let arrivals = try rx.map { try XCTUnwrap(ISO8601DateFormatter().date(from: $0), $0) }
        XCTAssertEqual(arrivals, arrivals.sorted())
        XCTAssertLessThanOrEqual(arrivals.last!, Date().addingTimeInterval(1))
        // The recording replays: snapshot reads it as a recording, at its end in arrival time
        // (when the lines were recorded, not the 07:15 they are stamped with).
        let snap = try PantauBinary.run(["snapshot", "--feed", out, "--size", "100x30"])
        XCTAssertEqual(snap.status, 0, snap.stderr)
        XCTAssertTrue(snap.stdout.contains("Pantau"), snap.stdout)
        let last = rx.last!
        XCTAssertTrue(snap.stdout.contains("\(last.prefix(10)) \(last.dropFirst(11).prefix(8)) WIB"), "\(last)\n\(snap.stdout)")
        XCTAssertFalse(snap.stderr.contains("skipped ("), "the recording has no bad lines: \(snap.stderr)")
    }

    func testDurationEndsTheRecording() throws {
        let feed = dir.appendingPathComponent("feed.ndjson").path
        try (line(0) + "\n").write(toFile: feed, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out.ndjson").path
        // A file source never ends by itself: only --duration can stop this run.
        let recorder = try Recorder(["--sources", try sourcesFile(feed: feed), "--out", out, "--duration", "300ms"], dir: dir)
        XCTAssertTrue(recorder.waitForExit(), "--duration 300ms ended the run")
        XCTAssertEqual(recorder.process.terminationStatus, 0, recorder.stderr)
        XCTAssertTrue(recorder.stderr.contains("from 1 source"), recorder.stderr)
    }

    /// A caller's name, phone and address in an action line are masked in the recording, and
    /// written as they are only with --include-personal-data.
    func testCallersPersonalDataIsMaskedInTheRecording() throws {
        let call = #"{"v":1,"ts":"2026-11-23T10:40:00+07:00","kind":"action","action_id":"c1-2","verb":"create","target":"CALL-1","by":"budi","role":"operator","category":"fire","severity":4,"title":"Kebakaran","address":"Jl. Melati No. 12 RT 03/RW 05","caller_name":"Bu Siti Aminah","caller_phone":"081234567789"}"#
        let feed = dir.appendingPathComponent("calls.ndjson").path
        try (call + "\n").write(toFile: feed, atomically: true, encoding: .utf8)
        for include in [false, true] {
            let out = dir.appendingPathComponent("calls-\(include).ndjson").path
            var args = ["--sources", try sourcesFile(feed: feed), "--out", out, "--duration", "1s"]
            if include { args.append("--include-personal-data") }
            let recorder = try Recorder(args, dir: dir)
            XCTAssertTrue(recorder.waitForExit(), "--duration ended the run")
            XCTAssertEqual(recorder.process.terminationStatus, 0, recorder.stderr)
            let text = try String(contentsOfFile: out, encoding: .utf8)
            XCTAssertTrue(text.contains("\"verb\":\"create\""), text)
            if include {
                XCTAssertTrue(text.contains("Bu Siti Aminah") && text.contains("081234567789") && text.contains("No. 12"), text)
            } else {
                XCTAssertFalse(text.contains("Siti Aminah") || text.contains("081234567789") || text.contains("No. 12"), text)
                XCTAssertTrue(text.contains("Bu S***") && text.contains("0812-****-789"), text)
            }
        }
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
        // Keep appending while the recorder runs, then interrupt it mid-stream once it has
        // recorded a good part (however long that takes on this machine).
        let writer = try XCTUnwrap(FileHandle(forWritingAtPath: feed))
        var i = 0
        let deadline = Date().addingTimeInterval(30)
        while lineCount(out) <= 500, Date() < deadline {
            writer.write(Data(((0..<200).map { line(i + $0) }.joined(separator: "\n") + "\n").utf8))
            i += 200
            Thread.sleep(forTimeInterval: 0.01)
        }
        writer.write(Data(((0..<200).map { line(i + $0) }.joined(separator: "\n") + "\n").utf8))
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        writer.closeFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, stderr)
        XCTAssertTrue(stderr.contains("recorded"), stderr)
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertEqual(data.last, 10, "ends with a whole line")
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 500)
        for (n, l) in lines.enumerated() {
            XCTAssertTrue(l.hasPrefix("{") && l.hasSuffix("}"), "line \(n + 1) is whole")
            XCTAssertTrue(l.contains("\"station\":\"st-\(n)\""), "line \(n + 1) in order")
        }
    }
}
