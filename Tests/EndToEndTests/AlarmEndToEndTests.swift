import Foundation
import PantauTestSupport
import XCTest

/// What an alarm does on screen, through the binary in tmux: a live feed carrying a raised
/// alarm shows the banner and the alarms pane; `a` on it acknowledges it (the banner goes, the
/// pane says who); a viewer sees the banner with no key to press and cannot acknowledge.
final class AlarmEndToEndTests: XCTestCase {
    var dir: URL!
    var journal: String { dir.appendingPathComponent("journal.sqlite").path }
    let alarmID = "alarm-e2e-siaga2-pa-sepuluh-1"

    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-alarm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A gauge reading and the alarm its rule raised, two minutes ago (live: the wall clock).
        let ts = ISO8601DateFormatter.string(from: Date().addingTimeInterval(-120), timeZone: TimeZone(secondsFromGMT: 7 * 3600)!,
                                             formatOptions: [.withInternetDateTime])
        let lines = [
            #"{"v":1,"ts":"\#(ts)","kind":"sensor","station":"pa-sepuluh","sensor":"water_level","value":395,"unit":"cm","name":"Pintu Air Sepuluh"}"#,
            #"{"v":1,"kind":"alarm","ts":"\#(ts)","id":"\#(alarmID)","rule":"e2e-siaga2","state":"raised","severity":4,"subject":"pa-sepuluh","title":"Pintu Air Sepuluh at Siaga 2","value":395,"level":"Siaga 2"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("feed.ndjson"), atomically: true, encoding: .utf8)
        try "sources:\n  - name: gauges\n    type: file\n    path: \(dir.appendingPathComponent("feed.ndjson").path)\n"
            .write(to: dir.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    func startConsole(user: String, console: String) throws -> TmuxSession {
        let sources = dir.appendingPathComponent("sources.yaml").path
        return try TmuxSession(command: "'\(PantauBinary.url.path)' run --sources '\(sources)' --journal '\(dir.appendingPathComponent("\(console).sqlite").path)' --user \(user) --console \(console)")
    }

    func testTheBannerAndThePaneShowTheAlarmUntilAnOperatorAcknowledgesIt() throws {
        let tmux = try startConsole(user: "ani", console: "desk-1")
        var screen = try tmux.waitFor(text: "ALARM Siaga 2 · Pintu Air Sepuluh")
        let banner = try XCTUnwrap(screen.split(separator: "\n").dropFirst().first.map(String.init))
        XCTAssertTrue(banner.contains("▲ ALARM Siaga 2 · Pintu Air Sepuluh ·") && banner.hasSuffix("— a: acknowledge in alarms pane"),
                      "the line under the header: \(banner)")
        XCTAssertTrue(screen.contains("1 to acknowledge"), screen)
        let row = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("e2e-siaga2") })
        XCTAssertTrue(row.contains("RAISED") && row.contains("Siaga 2"), String(row))

        try tmux.send("5")                      // the alarms pane
        try tmux.waitFor("the alarm keys in the footer") { $0.split(separator: "\n").last?.contains("a ack") == true }
        try tmux.send("a")
        screen = try tmux.waitFor("the banner gone") { !$0.contains("ALARM Siaga 2") && $0.contains("acked") }
        let acked = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("e2e-siaga2") })
        XCTAssertTrue(acked.contains("acked") && acked.contains("ani"), "the pane says who: \(acked)")

        // Enter: the alarm's timeline.
        try tmux.send("Enter")
        screen = try tmux.waitFor("the alarm's timeline") { $0.contains("Alarm \(self.alarmID)") && $0.contains("acknowledged · ani") }
        XCTAssertTrue(screen.contains("status → raised"), screen)
    }

    func testAViewerSeesTheBannerButHasNoKeyToAcknowledge() throws {
        let viewer = try startConsole(user: "tamu", console: "wall-1")
        let screen = try viewer.waitFor(text: "ALARM Siaga 2 · Pintu Air Sepuluh")
        let banner = try XCTUnwrap(screen.split(separator: "\n").dropFirst().first.map(String.init))
        XCTAssertFalse(banner.contains("acknowledge"), "no key offered to a viewer: \(banner)")
        try viewer.send("5")
        try viewer.send("a")
        try viewer.send("?")
        let help = try viewer.waitFor(text: "hide this help")
        XCTAssertFalse(help.contains("acknowledge the alarm"), help)
        try viewer.send("Escape")
        let after = try viewer.waitFor("the help closed") { !$0.contains("hide this help") }
        XCTAssertTrue(after.contains("ALARM Siaga 2") && after.contains("RAISED"), "still unacknowledged:\n\(after)")
    }
}
