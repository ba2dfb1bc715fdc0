import Foundation
import XCTest

/// A recording in arrival order whose first line is an old record (a CAP alert from 2012) and
/// with a reading stamped years ahead in the middle: replay and snapshot play it as it arrived.
final class ReplayArrivalEndToEndTests: XCTestCase {
    static let recording = """
    {"v":1,"ts":"2012-04-11T15:38:00+07:00","kind":"incident","id":"cap-2012-aceh","category":"weather","severity":4,"status":"new","title":"Gempa M8.6 (CAP 2012)","district":"Tangerang"}
    {"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"incident","id":"INC-1","category":"flood","severity":3,"status":"new","title":"Genangan di Periuk","district":"Periuk"}
    {"v":1,"ts":"2026-11-23T08:05:00+07:00","kind":"traffic","segment":"s1","road":"Jl. Daan Mogot","district":"Batuceper","speed_kmh":11.5,"free_flow_kmh":45,"jam_level":4}
    {"v":1,"ts":"2031-01-01T00:00:00+07:00","kind":"sensor","station":"pa-sepuluh","sensor":"water_level","value":410,"unit":"cm","name":"Pintu Air Sepuluh","district":"Tangerang"}
    {"v":1,"ts":"2026-11-23T08:10:00+07:00","kind":"incident","id":"INC-2","category":"fire","severity":4,"status":"new","title":"Kebakaran gudang","district":"Cipondoh"}
    {"v":1,"ts":"2026-11-23T08:20:00+07:00","kind":"incident","id":"INC-1","status":"dispatched","unit":"BPBD Unit 2"}

    """
    var dir: URL!
    var file: String { dir.appendingPathComponent("arrival.ndjson").path }

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-arrival-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.recording.write(toFile: file, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testSnapshotAtEndIsTheLastArrivalNotTheLatestStamp() throws {
        let r = try PantauBinary.run(["snapshot", "--feed", file, "--size", "120x30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("2026-11-23 08:20:00 WIB"), r.stdout)
        XCTAssertTrue(r.stdout.contains("1 item older than the start"), r.stdout)
        XCTAssertTrue(r.stdout.contains("dispatched") && r.stdout.contains("20m"), "INC-1 is 20m old at the end: \(r.stdout)")
    }

    func testSnapshotAtAMomentHoldsWhatArrivedByThenIncludingTheLineStampedAhead() throws {
        let r = try PantauBinary.run(["snapshot", "--feed", file, "--at", "08:12", "--size", "120x30"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("2026-11-23 08:12:00 WIB"), "08:12 on the recording's first day (2026, not 2012): \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("Pintu Air Sepuluh"), "the reading stamped ahead arrived before 08:10: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("INC-2"), r.stdout)
        XCTAssertFalse(r.stdout.contains("dispatched"), "INC-1 is dispatched only at 08:20: \(r.stdout)")
    }

    func testReplayStartsAtTheFirstArrivalAndRunsPastTheLineStampedAhead() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let tmux = try TmuxSession(command: "sh -c \"'\(PantauBinary.url.path)' replay '\(file)' --speed 1; echo EXITED=\\$?; sleep 60\"",
                                   width: 120, height: 30)
        let first = try tmux.waitFor("the replay at its start") { $0.contains("INC-1") }
        XCTAssertTrue(first.contains("2026-11-23 08:00:0"), "starts at the day's first line, not at 2012: \(first)")
        XCTAssertTrue(first.contains("1 item older than the start"), first)
        XCTAssertTrue(first.contains("cap-201"), "the old alert is applied at the start: \(first)") // its id cut to the column
        // Faster: the reading stamped in 2031 must not hold back the lines after it.
        for _ in 0..<6 { try tmux.send("+") }
        let end = try tmux.waitFor("the end of the recording") { $0.contains("End of recording") }
        XCTAssertTrue(end.contains("2026-11-23 08:20"), "the clock stops at the last arrival: \(end)")
        XCTAssertTrue(end.contains("INC-2") && end.contains("dispatched") && end.contains("Pintu Air Sepuluh"), end)
        try tmux.send("q")
        try tmux.waitFor(text: "EXITED=0")
    }

    func testTheSourcesOverlayCountsTheLineStampedAhead() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        // From 08:11 the reading stamped in 2031 (arrived by 08:10) is applied, as live would.
        let tmux = try TmuxSession(command: "sh -c \"'\(PantauBinary.url.path)' replay '\(file)' --from 08:11 --speed 1; echo EXITED=\\$?; sleep 60\"",
                                   width: 120, height: 30)
        try tmux.waitFor("the replay from 08:11") { $0.contains("Pintu Air Sepuluh") && $0.contains("2026-11-23 08:11") }
        try tmux.send("s")
        let sources = try tmux.waitFor("the sources overlay") { $0.contains("replay/ndjson") }
        XCTAssertTrue(sources.contains("live · ahead"), sources)
        try tmux.send("q", "q")
        try tmux.waitFor(text: "EXITED=0")
    }
}
