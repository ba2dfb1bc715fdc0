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
        // The command notes its pid (one line per start), then becomes a long sleep.
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-exec-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: pidFile) }
        let source = ExecSource(name: "sleep", command: ["/bin/sh", "-c", "echo $$ >> '\(pidFile)'; exec sleep 60"],
                                restartBackoff: 0.05)
        let set = SourceSet(sources: [source])
        set.start()
        func pids() -> [pid_t] {
            ((try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { pid_t($0) }
        }
        XCTAssertTrue(waitUntil(30) { pids().count == 1 }, "the command started")
        let pid = try XCTUnwrap(pids().first)
        XCTAssertEqual(kill(pid, 0), 0, "running before stop")
        set.stop()
        // Gone (killed and reaped: a zombie would still answer kill(pid, 0)), well before its sleep ends.
        XCTAssertTrue(waitUntil(30) { kill(pid, 0) == -1 && errno == ESRCH }, "the command is killed and reaped on stop")
        // Not restarted: many restart backoffs later there is still only the one start.
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(pids(), [pid], "nothing is restarted after stop")
        XCTAssertEqual(set.health()[0].errorCount, 0)
    }
}
