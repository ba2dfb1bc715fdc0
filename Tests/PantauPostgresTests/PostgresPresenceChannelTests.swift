import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import XCTest

/// Presence through PostgreSQL: two channels (two consoles) on a scratch database see each
/// other's records through `pantau.presence` and NOTIFY, a new one reads the table at start, a
/// leaving one's row is deleted, and a row not refreshed (a console killed) is no longer read.
final class PostgresPresenceChannelTests: XCTestCase {
    private var database: PostgresTestDatabase?
    override func setUpWithError() throws {
        database = try PostgresTestDatabase()
        _ = try PostgresSchema.initialize(url: database!.url)
    }
    override func tearDown() { database?.drop() }

    let t0 = Instant(millis: 1_800_000_000_000)

    func record(_ id: String, _ user: String, _ activity: PresenceActivity, on incident: String = "INC-1") -> PresenceRecord {
        PresenceRecord(consoleID: id, user: user, console: "desk-\(user)", role: .operator, target: .incident(incident),
                       activity: activity, since: t0, lastSeen: t0)
    }

    /// Takes records from `channel` until `condition` holds of the latest (60 s at most).
    func waitFor(_ channel: PostgresPresenceChannel, _ what: String,
                 _ condition: ([PresenceRecord]) -> Bool) -> [PresenceRecord]? {
        let deadline = Date().addingTimeInterval(60)
        var latest: [PresenceRecord]?
        while Date() < deadline {
            if let records = channel.takeRecords() { latest = records }
            if let latest, condition(latest) { return latest }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("\(what): last read \(String(describing: latest)), problem \(channel.problem ?? "none")")
        return nil
    }

    func testTwoConsolesSeeEachOthersPresenceAndALeavingOneGoes() throws {
        let url = database!.url
        let a = PostgresPresenceChannel(url: url, consoleID: "a", wake: {})
        let b = PostgresPresenceChannel(url: url, consoleID: "b", wake: {})
        defer { a.close(); b.close() }
        _ = waitFor(b, "b reads the empty table at start") { $0.isEmpty }

        a.publish(record("a", "ani", .viewing))
        a.publish(record("a", "ani", .writingNote)) // coalesced or not, the latest wins
        let seen = waitFor(b, "b sees ani writing a note") { $0.map(\.activity) == [.writingNote] }
        XCTAssertEqual(seen?.first?.user, "ani")
        XCTAssertEqual(seen?.first?.console, "desk-ani")
        XCTAssertEqual(seen?.first?.since, t0)
        let now = Instant(millis: Int64(Date().timeIntervalSince1970 * 1000))
        XCTAssertLessThan(abs(now.seconds(since: seen!.first!.lastSeen)), 20, "last seen about now by this clock")

        // A console started later reads the table at once; nobody sees their own record.
        let c = PostgresPresenceChannel(url: url, consoleID: "c", wake: {})
        defer { c.close() }
        _ = waitFor(c, "c reads ani at start") { $0.map(\.consoleID) == ["a"] }
        b.publish(record("b", "budi", .dispatching, on: "INC-2"))
        _ = waitFor(a, "a sees budi, not itself") { $0.map(\.consoleID) == ["b"] }

        // Nothing open: the record goes.
        a.publish(nil)
        _ = waitFor(b, "ani's record gone") { $0.isEmpty }
        // Leaving deletes the row: c no longer reads budi.
        a.publish(record("a", "ani", .viewing))
        _ = waitFor(c, "c sees ani and budi") { Set($0.map(\.consoleID)) == ["a", "b"] }
        b.close()
        _ = waitFor(c, "budi left") { $0.map(\.consoleID) == ["a"] }
        try PostgresTestDatabase.admin(url) { conn in
            XCTAssertEqual(try conn.execute("SELECT console_id FROM pantau.presence ORDER BY console_id").rows, [["a"]])
        }
    }

    func testARowNotRefreshedFor30SecondsIsNotRead() throws {
        let url = database!.url
        let a = PostgresPresenceChannel(url: url, consoleID: "a", wake: {})
        defer { a.close() }
        // A console killed 31 s ago (kill -9: no delete), one refreshed 29 s ago.
        try PostgresTestDatabase.admin(url) { conn in
            for (id, age) in [("dead", 31), ("alive", 29)] {
                try conn.execute("""
                    INSERT INTO pantau.presence (console_id, user_name, console, role, target_kind, target_id, activity, since, updated_at)
                    VALUES ($1, $1, 'desk', 'operator', 'incident', 'INC-1', 'viewing', 0, now() - make_interval(secs => $2))
                    """, [.text(id), .integer(Int64(age))])
            }
        }
        a.publish(record("a", "ani", .viewing)) // notifies: a reads the table again
        let records = waitFor(a, "a reads the rows") { !$0.isEmpty }
        XCTAssertEqual(records?.map(\.consoleID), ["alive"])
        // Its last-seen time by this clock is about 29 s ago: a board expires it a second later.
        let alive = try XCTUnwrap(records?.first)
        let now = Instant(millis: Int64(Date().timeIntervalSince1970 * 1000))
        XCTAssertGreaterThan(now.seconds(since: alive.lastSeen), 28)
        var board = PresenceBoard(records ?? [])
        XCTAssertTrue(board.expire(asOf: alive.lastSeen.adding(seconds: PresenceBoard.lifetime)))
    }

    func testADatabaseThatIsNotThereIsAProblemNotAHang() {
        let channel = PostgresPresenceChannel(url: PostgresTestDatabase.url(database!.url, database: "no_such_db"), consoleID: "a", wake: {})
        channel.publish(record("a", "ani", .viewing))
        let deadline = Date().addingTimeInterval(60)
        while channel.problem == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(channel.problem?.contains("presence on") ?? false, channel.problem ?? "no problem reported")
        channel.close()
        XCTAssertNil(channel.takeRecords(), "nothing was read")
    }
}
