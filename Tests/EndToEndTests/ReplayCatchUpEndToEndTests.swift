import Foundation
import XCTest

/// A replay from late in a long recording catches up to its start on screen: the dashboard
/// builds up with a status line saying how far it has come, and q stops it there.
final class ReplayCatchUpEndToEndTests: XCTestCase {
    var dir: URL!
    var file: String { dir.appendingPathComponent("four-days.ndjson").path }

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-catchup-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Four simulated days: about 105,000 events, five catch-up batches before the last evening.
        let simulated = try PantauBinary.run(["simulate", "--seed", "5", "--hours", "96"])
        XCTAssertEqual(simulated.status, 0, simulated.stderr)
        try simulated.stdout.write(toFile: file, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// The replay from late in the recording, in tmux at 120x40, and the screen once it shows
    /// the catch-up's progress.
    private func startCatchingUp() throws -> (TmuxSession, String) {
        let tmux = try TmuxSession(command: "sh -c \"'\(PantauBinary.url.path)' replay '\(file)' --from 2026-11-26T22:00:00+07:00; echo EXITED=\\$?; sleep 60\"",
                                   width: 120, height: 40)
        return (tmux, try tmux.waitFor("the catch-up's progress") { $0.contains("Catching up to 2026-11-26 22:00") })
    }

    func testTheCatchUpShowsHowFarItHasComeAndQStopsIt() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let (tmux, progress) = try startCatchingUp()
        XCTAssertTrue(progress.contains("events applied (q quits)"), progress)
        XCTAssertTrue(progress.contains("Pantau · Kota Tangerang"), "the dashboard is drawn while it catches up: \(progress)")
        XCTAssertFalse(progress.contains("2026-11-26 22:00 WIB"), "the header shows the catch-up's time, not the start yet: \(progress)")
        try tmux.send("q")
        let after = try tmux.waitFor(text: "EXITED=0")
        XCTAssertFalse(after.contains("Catching up"), "the terminal is restored (the dashboard's screen is gone): \(after)")
    }

    func testAKeyTypedWhileCatchingUpIsActedOnOnceCaughtUp() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let (tmux, progress) = try startCatchingUp()
        XCTAssertFalse(progress.contains("PAUSED"), progress)
        // Space (pause) while it catches up: not lost, the replay starts paused at its start.
        try tmux.send("Space")
        XCTAssertTrue(try tmux.capture().contains("Catching up"), "Space was typed while it was still catching up")
        let paused = try tmux.waitFor("the replay paused at its start") {
            $0.contains("2026-11-26 22:00") && $0.contains("PAUSED") && !$0.contains("Catching up")
        }
        XCTAssertTrue(paused.contains("Pantau · Kota Tangerang"), paused)
        try tmux.send("q")
        _ = try tmux.waitFor(text: "EXITED=0")
    }
}
