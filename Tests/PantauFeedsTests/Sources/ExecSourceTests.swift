import Foundation
@testable import PantauFeeds
import XCTest

final class ExecSourceTests: XCTestCase {
    func testReadsStdoutAndRestarts() throws {
        let source = ExecSource(name: "echo", command: ["/bin/echo", sensorLine("e", 1)], restartBackoff: 0.05)
        let h = SourceHarness(source)
        XCTAssertTrue(h.waitForEvents(3), "the command is restarted after it exits")
        XCTAssertEqual(Set(stations(h.events)), ["e=1"])
        XCTAssertEqual(h.health.state, .live)
        XCTAssertEqual(h.health.errorCount, 0, "a clean exit is not an error")
    }

    func testFailingCommandIsReportedAndRetried() throws {
        let h = SourceHarness(ExecSource(name: "f", command: ["/bin/false"], restartBackoff: 0.05))
        XCTAssertTrue(waitUntil { h.health.errorCount >= 2 })
        XCTAssertEqual(h.health.state, .failing("exited with status 1"))
        let missing = SourceHarness(ExecSource(name: "m", command: ["/nonexistent/tool"], restartBackoff: 0.05))
        XCTAssertTrue(waitUntil { missing.health.state.isFailing })
        XCTAssertTrue(missing.health.state.description.contains("cannot start /nonexistent/tool"), missing.health.state.description)
        XCTAssertNotNil(missing.health.retryIn)
    }

    func testStopKillsTheCommand() throws {
        let source = ExecSource(name: "sleep", command: ["/bin/sleep", "30"], restartBackoff: 0.05)
        let set = SourceSet(sources: [source])
        set.start()
        Thread.sleep(forTimeInterval: 0.3)
        let started = Date()
        set.stop()
        // The reader thread sees EOF once the child is gone; nothing is restarted after stop.
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(set.health()[0].errorCount, 0)
    }
}
