import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauTestSupport
import XCTest

/// The LISTEN/NOTIFY watch: woken by another connection's append, ended by cancel at once,
/// and across a server restart it reconnects and wakes once (appends it missed are read by
/// sequence).
final class PostgresJournalWatchTests: XCTestCase {
    private let events = JournalConformance.events
    private let start = JournalConformance.start

    func testAnAppendByAnotherConnectionWakesTheWatch() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let writer = try PostgresJournal(url: database.url)
        let wakes = WakeCounter()
        let follower = JournalFollower(watch: try PostgresJournalWatch(url: database.url)) { wakes.signal() }
        follower.start()
        defer { follower.stop() }
        XCTAssertTrue(follower.takeChange(), "the first take reads what came before the watch")
        XCTAssertEqual(follower.wakeUpCount, 0, "nothing appended: the watch sleeps")

        _ = try writer.append(Array(events.prefix(3)), recordedAt: start)
        XCTAssertTrue(wakes.wait(forMoreThan: 0), "woken by the append")
        XCTAssertTrue(follower.takeChange())
        _ = try writer.append(Array(events[3..<5]), recordedAt: start)
        XCTAssertTrue(wakes.wait(forMoreThan: 1), "woken again by the next append")
    }

    func testCancelEndsAWaitAtOnce() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let watch = try PostgresJournalWatch(url: database.url)
        let returned = DispatchSemaphore(value: 0)
        let result = ResultBox()
        Thread { result.value = watch.waitForChange(); returned.signal() }.start()
        XCTAssertEqual(returned.wait(timeout: .now() + 0.3), .timedOut, "nothing appended: the wait blocks")
        watch.cancel()
        XCTAssertEqual(returned.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(result.value, false, "a cancelled wait says so")
        XCTAssertFalse(watch.waitForChange(), "and every later one")
    }

    func testTheWatchReconnectsAfterAServerRestartAndWakesOnce() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let writer = try PostgresJournal(url: server.url)
        let wakes = WakeCounter()
        let watch = try PostgresJournalWatch(url: server.url)
        let follower = JournalFollower(watch: watch) { wakes.signal() }
        follower.start()
        defer { follower.stop() }
        _ = try writer.append(Array(events.prefix(2)), recordedAt: start)
        XCTAssertTrue(wakes.wait(forMoreThan: 0))

        try server.restart()
        XCTAssertTrue(wakes.wait(forMoreThan: 1), "woken after reconnecting: appends meanwhile were not announced")
        XCTAssertEqual(watch.reconnectCount, 1)

        // Listening again: the writer's next append (it reconnects too) is announced.
        var appended = false
        let deadline = Date().addingTimeInterval(60)
        while !appended, Date() < deadline {
            appended = (try? writer.append(Array(events[2..<4]), recordedAt: start)) != nil
        }
        XCTAssertTrue(appended)
        XCTAssertTrue(wakes.wait(forMoreThan: 2), "woken by an append after the restart")
    }

    func testCancelEndsTheRetriesWhileTheServerIsAway() throws {
        let server = try PostgresTestServer()
        let watch = try PostgresJournalWatch(url: server.url)
        let returned = DispatchSemaphore(value: 0)
        let results = ResultBox()
        Thread {
            while watch.waitForChange() { results.wakes += 1 }
            returned.signal()
        }.start()
        server.stop()
        // The watch finds the server gone and keeps retrying (no wake: it never reconnects).
        XCTAssertEqual(returned.wait(timeout: .now() + 1), .timedOut, "retrying while the server is away")
        watch.cancel()
        XCTAssertEqual(returned.wait(timeout: .now() + 60), .success, "cancel ends the retries")
        XCTAssertEqual(results.wakes, 0)
        XCTAssertEqual(watch.reconnectCount, 0)
    }
}

/// Counts a follower's wakes; waits for the count to pass a number.
private final class WakeCounter: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0

    func signal() {
        condition.lock()
        count += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the count exceeds `n` within a minute.
    func wait(forMoreThan n: Int) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        condition.lock()
        defer { condition.unlock() }
        while count <= n {
            guard condition.wait(until: deadline) else { return count > n }
        }
        return true
    }
}

private final class ResultBox: @unchecked Sendable {
    var value: Bool?
    var wakes = 0
}
