import Foundation
import XCTest

/// A command room through the binary: sensors publish incidents to a real Mosquitto broker,
/// `pantau ingest` (persistent MQTT session) appends them to the shared journal, and three
/// consoles in tmux follow it. An action on one console shows on the others; two supervisors
/// dispatching different units to one incident get one accepted and one rejected naming the
/// winner; after they quit, every console's state fingerprint is the journal's fold, and so is
/// that of a console started late.
final class CommandRoomEndToEndTests: XCTestCase {
    var room: CommandRoom!

    override func tearDown() {
        room?.stop()
    }

    func testOnASQLiteJournalConsolesShareActionsAndAConflictingDispatchHasOneWinner() throws {
        room = try CommandRoom(postgres: false)
        try runSharedActionsAndConflict()
    }

    func testOnPostgreSQLConsolesShareActionsAndTheDatabaseDecidesAConflictingDispatch() throws {
        room = try CommandRoom(postgres: true)
        try runSharedActionsAndConflict()
    }

    /// PostgreSQL down mid-run: a console keeps its state marked STALE and refuses an action
    /// with the reason; the ingest keeps what the broker delivers meanwhile. Back up, everything
    /// resumes; then the broker restarts under the ingest. Nothing is lost or duplicated, and
    /// every console, and one started late, ends on the journal's fold.
    func testOnPostgreSQLADatabaseRestartAndABrokerRestartLoseAndDuplicateNothing() throws {
        room = try CommandRoom(postgres: true)
        let postgres = try XCTUnwrap(room.postgres)
        try room.startIngest()
        try room.publish(1...5)
        try room.waitForEntries(5)
        let a = try room.startConsole("desk-a", user: "ani")
        let b = try room.startConsole("desk-b", user: "budi")
        for console in [a, b] { try console.waitFor(text: "Incidents (5 open)") }

        try postgres.pause()
        try room.publish(6...10)
        try a.send("a")
        let stale = try a.waitFor("A stale, its acknowledgement refused") { $0.contains("STALE at entry 5: journal") && $0.contains("refused: journal") }
        XCTAssertFalse(stale.contains("acknowledged"), "nothing done while the database is down:\n\(stale)")
        try room.waitUntil("the ingest keeping its batch") { room.ingestLog.contains("retrying each second") }

        try postgres.resume()
        try room.waitForEntries(10, timeout: 60)
        for console in [a, b] {
            try console.waitFor("ten incidents, not stale") { $0.contains("Incidents (10 open)") && !$0.contains("STALE") }
        }
        try a.send("a")
        try b.waitFor(text: "acknowledged")

        room.broker.terminate()
        try room.broker.start()
        try room.publish(11...15)
        try room.waitForEntries(16)
        for console in [a, b] { try console.waitFor(text: "Incidents (15 open)") }

        let expected = try quitAll([("desk-a", a), ("desk-b", b)])
        XCTAssertEqual(expected.entry, "16", "15 incidents and one acknowledgement")
        XCTAssertEqual(room.stopIngest(SIGTERM), 0, room.ingestLog)
        try room.assertEachIncidentOnce(through: 15)

        let late = try room.startConsole("desk-late", user: "dewi")
        try late.waitFor(text: "Incidents (15 open)")
        let lateEnd = try room.quit(late, "desk-late")
        XCTAssertEqual(lateEnd.entry, expected.entry)
        XCTAssertEqual(lateEnd.fingerprint, expected.fingerprint, "a late console's state is the journal's fold")
    }

    func runSharedActionsAndConflict() throws {
        try room.startIngest()
        try room.publish(1...3)
        try room.waitForEntries(3)
        let a = try room.startConsole("desk-a", user: "ani")
        let b = try room.startConsole("desk-b", user: "budi")
        let c = try room.startConsole("desk-c", user: "sari")
        for console in [a, b, c] { try console.waitFor(text: "Incidents (3 open)") }

        // An acknowledgement on A shows on B and C.
        try a.send("a")
        for console in [b, c] { try console.waitFor(text: "acknowledged") }

        // A and B open the dispatch picker on the same incident, then choose different units.
        try a.send("d")
        try b.send("d")
        let picker = try a.waitFor(text: "Dispatch to INC-MQ-")
        try b.waitFor(text: "Dispatch to INC-MQ-")
        XCTAssertTrue(picker.contains("BPB-01") && picker.contains("BPB-02"), picker)
        let units = ["BPB-01", "BPB-02"]
        try choose(a, units[0])
        try a.waitFor("A's dispatch on the units board") { Self.unitIsDispatched(units[0], on: $0) }
        try choose(b, units[1])
        let rejected = try b.waitFor("B's rejection naming the winner") { $0.contains("changed since you looked") }
        XCTAssertTrue(rejected.contains("ani dispatched \(units[0])"), "the loser sees who won:\n\(rejected)")

        for console in [b, c] { try console.waitFor("A's dispatch on the units board") { Self.unitIsDispatched(units[0], on: $0) } }

        // Every console ends on the journal's fold: the incidents, the acknowledgement, A's
        // dispatch, and B's: on PostgreSQL refused by the database (nothing journaled), on a
        // SQLite file journaled and rejected by the fold.
        try room.publish(4...5)
        try room.waitForEntries(5 + 2 + (room.postgres == nil ? 1 : 0))
        for console in [a, b, c] { try console.waitFor(text: "Incidents (5 open)") }
        let expected = try quitAll([("desk-a", a), ("desk-b", b), ("desk-c", c)])

        // A console started late restores from the checkpoint the others left, to the same state.
        let late = try room.startConsole("desk-late", user: "dewi")
        try late.waitFor(text: "Incidents (5 open)")
        let lateEnd = try room.quit(late, "desk-late")
        XCTAssertEqual(lateEnd.entry, expected.entry)
        XCTAssertEqual(lateEnd.fingerprint, expected.fingerprint, "a late console's state is the journal's fold")
        XCTAssertEqual(room.stopIngest(SIGTERM), 0, room.ingestLog)
        try room.assertEachIncidentOnce(through: 5)
    }

    /// Quits every console; fails unless each ends on the journal's fold, which it returns.
    func quitAll(_ consoles: [(name: String, tmux: TmuxSession)]) throws -> (entry: String, fingerprint: String) {
        let ends = try consoles.map { try room.quit($0.tmux, $0.name) }
        let fold = try room.journalFold()
        for (console, end) in zip(consoles, ends) {
            XCTAssertEqual(end.entry, fold.entry, "\(console.name) applied every entry")
            XCTAssertEqual(end.fingerprint, fold.fingerprint, "\(console.name)'s state is the journal's fold")
        }
        let verify = try PantauBinary.run(["journal", "verify", "--journal", room.journal])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.hasPrefix("\(fold.entry) entries, chain intact"), verify.stdout)
        return fold
    }

    /// Whether the units board on `screen` shows `unit` dispatched.
    static func unitIsDispatched(_ unit: String, on screen: String) -> Bool {
        screen.split(separator: "\n").contains { $0.contains(unit) && $0.contains("dispatched") }
    }

    /// Chooses `value` in the open picker by typing it.
    func choose(_ tmux: TmuxSession, _ value: String) throws {
        try tmux.send("-l", value)
        try tmux.waitFor(text: "Filter: \(value)")
        try tmux.send("Enter")
    }
}
