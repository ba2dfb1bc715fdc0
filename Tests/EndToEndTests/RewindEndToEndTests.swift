import Foundation
import XCTest

/// Rewind in the real binary: in the demo (tmux) `{` shows REWIND and an earlier clock, an
/// action is refused with the way back, Backspace returns to live; and `snapshot --journal`
/// prints what `snapshot --feed` prints at the same moment, for the journal a replay wrote.
final class RewindEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    func testTheDemoRewoundRefusesActionsAndReturnsToLive() throws {
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' demo --from 17:30 --speed 1 --user ani")
        try tmux.waitFor("the first whole frame") { $0.contains("17:30") && $0.contains("Tickets") && $0.contains("LAKSA") }
        try tmux.send("{")
        var screen = try tmux.waitFor("the rewound frame") { $0.contains("REWIND 17:20") }
        XCTAssertTrue(screen.contains("2026-11-23 17:20"), "the header's clock is the rewound moment: \(screen)")
        XCTAssertTrue(screen.contains("Backspace live"), "the footer says how to return: \(screen)")
        try tmux.send("[")
        try tmux.waitFor(text: "REWIND 17:19")
        // An action key on the focused incident is refused, with the way back.
        try tmux.send("a")
        screen = try tmux.waitFor(text: "rewound to 17:19 — press Backspace to return to live first")
        // A typed time, and one that is not.
        for (typed, answer) in [("16:05:30", "REWIND 16:05"), ("quarter past", "is not a time")] {
            try tmux.send("t")
            try tmux.waitFor(text: ":rewind")
            try tmux.send("-l", typed)
            try tmux.send("Enter")
            try tmux.waitFor(text: answer)
        }
        try tmux.send("BSpace")
        screen = try tmux.waitFor("live again") { !$0.contains("REWIND") && $0.contains("17:30") }
        XCTAssertFalse(screen.contains("Backspace live"), screen)
        try tmux.send("q")
    }

    func testSnapshotOfTheJournalAReplayWroteIsTheSnapshotOfTheFeed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-rewind-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let feed = directory.appendingPathComponent("day.ndjson").path
        let journal = directory.appendingPathComponent("replay.sqlite").path
        let simulated = try PantauBinary.run(["simulate", "--seed", "11", "--hours", "4", "--start", "2026-11-23T06:00:00+07:00"])
        XCTAssertEqual(simulated.status, 0, simulated.stderr)
        try simulated.stdout.write(toFile: feed, atomically: true, encoding: .utf8)

        // The replay starts at 09:50 (all before it applied at once, and journaled) and is quit.
        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' replay '\(feed)' --from 09:50 --speed 1 --journal '\(journal)'; echo EXITED=$?; sleep 60")
        try tmux.waitFor(text: "09:50")
        try tmux.send("q")
        try tmux.waitFor(text: "EXITED=0")

        for (at, layout) in [("06:30", "command-center"), ("08:17", "supervisor"), ("2026-11-23T09:49:59+07:00", "flood-watch")] {
            let fromFeed = try PantauBinary.run(["snapshot", "--feed", feed, "--at", at, "--layout", layout])
            let fromJournal = try PantauBinary.run(["snapshot", "--journal", journal, "--at", at, "--layout", layout])
            XCTAssertEqual(fromFeed.status, 0, fromFeed.stderr)
            XCTAssertEqual(fromJournal.status, 0, fromJournal.stderr)
            XCTAssertTrue(fromFeed.stdout.contains("SNAPSHOT"), fromFeed.stdout)
            XCTAssertEqual(fromJournal.stdout, fromFeed.stdout, "at \(at), \(layout)")
        }
        let both = try PantauBinary.run(["snapshot", "--feed", feed, "--journal", journal])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.stderr.contains("not both"), both.stderr)
    }
}
