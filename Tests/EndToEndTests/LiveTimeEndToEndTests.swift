import Foundation
import XCTest

/// `pantau run` in tmux: live, "now" is the wall clock. An incident's age grows with no new
/// events, a source whose events are stamped hours ahead is shown as such and moves nothing,
/// and the footer offers no pause or speed.
final class LiveTimeEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    static func stamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return f.string(from: date)
    }

    /// The age shown on the incident's row, in seconds of its text (`2m` → 120), and the text.
    static func age(in screen: String, of id: String) -> (seconds: Int, text: String)? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(id) }),
              let from = line.range(of: id) else { return nil }
        // The last duration on the row: the Resp column before it reads a time to a target.
        var age: (seconds: Int, text: String)?
        for word in line[from.upperBound...].split(separator: " ") {
            let w = String(word)
            if let m = w.wholeMatch(of: #/(\d+)m/#) { age = (Int(m.1)! * 60, w) }
            if let m = w.wholeMatch(of: #/(\d+)s/#) { age = (Int(m.1)!, w) }
            if let m = w.wholeMatch(of: #/(\d+)h(\d\d)m/#) { age = (Int(m.1)! * 3600 + Int(m.2)! * 60, w) }
        }
        return age
    }

    func testAnAgeGrowsWithNoEventsAndAClockAheadMovesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let now = Date()
        // Reported 2 min 50 s ago: the age reads 2m, then 3m within seconds (and 4m within a minute more).
        let incident = #"{"v":1,"ts":"\#(Self.stamp(now.addingTimeInterval(-170)))","kind":"incident","id":"LIVE-1","category":"flood","severity":3,"status":"new","title":"Genangan 30 cm","district":"Periuk"}"#
        // A gauge whose clock runs five hours ahead (and a minute, so it reads 5h00m on arrival).
        let ahead = #"{"v":1,"ts":"\#(Self.stamp(now.addingTimeInterval(5 * 3600 + 60)))","kind":"sensor","station":"pa-baru","sensor":"water_level","value":120,"unit":"cm","name":"Pintu Air Baru"}"#
        try (incident + "\n").write(to: dir.appendingPathComponent("city.ndjson"), atomically: true, encoding: .utf8)
        try (ahead + "\n").write(to: dir.appendingPathComponent("gauge.ndjson"), atomically: true, encoding: .utf8)
        let sources = """
        sources:
          - name: city
            type: file
            path: \(dir.appendingPathComponent("city.ndjson").path)
          - name: gauge
            type: file
            path: \(dir.appendingPathComponent("gauge.ndjson").path)
        """
        let sourcesFile = dir.appendingPathComponent("sources.yaml")
        try sources.write(to: sourcesFile, atomically: true, encoding: .utf8)

        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --sources '\(sourcesFile.path)'")
        var screen = try tmux.waitFor("the incident with its age", timeout: 30) {
            Self.age(in: $0, of: "LIVE-1") != nil && $0.contains("Pintu Air Baru")
        }
        let first = try XCTUnwrap(Self.age(in: screen, of: "LIVE-1"), screen)
        XCTAssertLessThan(first.seconds, 3600, "the reading stamped 5 h ahead must not age the incident: \(first.text)")
        // No event arrives from here on; the age must still grow as the clock runs.
        screen = try tmux.waitFor("the age to grow past \(first.text) with no new events", timeout: 150) {
            (Self.age(in: $0, of: "LIVE-1")?.seconds ?? 0) > first.seconds
        }
        let later = try XCTUnwrap(Self.age(in: screen, of: "LIVE-1"), screen)
        XCTAssertLessThan(later.seconds, 3600, later.text)

        // Live: no pause, no speed in the footer (nor in help).
        let footer = screen.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footer.contains("q quit"), footer)
        XCTAssertFalse(footer.contains("pause") || footer.contains("speed"), footer)
        try tmux.send("?")
        screen = try tmux.waitFor(text: "any key closes")
        XCTAssertFalse(screen.contains("pause / resume the replay"), screen)
        try tmux.send("x")
        try tmux.waitFor("help closed") { !$0.contains("any key closes") }
        // Space does nothing harmful live: it says why.
        try tmux.send("Space")
        try tmux.waitFor(text: "pause and speed are for replays")

        // The sources overlay names the source whose clock runs ahead.
        try tmux.send("s")
        screen = try tmux.waitFor("the gauge shown 5 h ahead", timeout: 30) { screen in
            screen.split(separator: "\n").contains { $0.contains("gauge") && $0.contains("ahead 5h") }
        }
        XCTAssertFalse(screen.split(separator: "\n").contains { $0.contains("city ") && $0.contains("ahead") }, screen)
        try tmux.send("x")
        try tmux.send("q")
    }
}
