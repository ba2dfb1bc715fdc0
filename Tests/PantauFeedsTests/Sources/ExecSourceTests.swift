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
    /// The command's stderr is the failure reason (its last lines, escape sequences removed),
    /// not text on the terminal.
    func testStderrIsTheFailureReason() throws {
        let script = "echo 'starting up' >&2; echo 'early noise' >&2; echo >&2; printf 'warn: retrying\\n\\033[31mcurl: (7) Failed to connect\\033[0m\\n' >&2; exit 7"
        let h = SourceHarness(ExecSource(name: "fetch", command: ["/bin/sh", "-c", script], restartBackoff: 0.05))
        XCTAssertTrue(waitUntil { h.health.errorCount >= 2 })
        XCTAssertEqual(h.health.state, .failing("exited with status 7: early noise | warn: retrying | curl: (7) Failed to connect"))
        XCTAssertTrue(h.health.summary.contains("curl: (7) Failed to connect"), h.health.summary)
    }

    /// A child writing megabytes to stderr is drained as it writes (it would block on a full
    /// pipe otherwise and never exit); only the last lines are kept.
    func testLargeStderrNeitherBlocksNorGrows() throws {
        let script = "i=0; while [ $i -lt 20000 ]; do echo \"diagnostic line $i of a chatty tool, padded to some length\" >&2; i=$((i+1)); done; echo 'the real reason' >&2; exit 2"
        let h = SourceHarness(ExecSource(name: "chatty", command: ["/bin/sh", "-c", script], restartBackoff: 0.05))
        XCTAssertTrue(waitUntil(60) { h.health.errorCount >= 1 })
        guard case .failing(let reason) = h.health.state else { return XCTFail("\(h.health.state)") }
        XCTAssertTrue(reason.hasPrefix("exited with status 2: diagnostic line 19998 "), reason)
        XCTAssertTrue(reason.hasSuffix(" | the real reason"), reason)
    }

    /// A command that exits 0 at once with nothing on stdout is not live: it is failing, with
    /// what it said on stderr, and retried.
    func testExitZeroWithNoOutputIsNotLive() throws {
        let quiet = SourceHarness(ExecSource(name: "quiet", command: ["/bin/true"], restartBackoff: 0.05))
        XCTAssertTrue(waitUntil { quiet.health.errorCount >= 3 })
        XCTAssertEqual(quiet.health.state, .failing("exited 0 with no output"))
        XCTAssertNotNil(quiet.health.retryIn)
        XCTAssertNil(quiet.health.lastContact, "never in contact: never live")
        let told = SourceHarness(ExecSource(name: "told", command: ["/bin/sh", "-c", "echo 'token expired' >&2"], restartBackoff: 0.05))
        XCTAssertTrue(waitUntil { told.health.errorCount >= 1 })
        XCTAssertEqual(told.health.state, .failing("exited 0 with no output: token expired"))
    }

    /// Output none of which can be read is a failure too, counted as skipped.
    func testUnreadableOutputIsFailing() throws {
        let h = SourceHarness(ExecSource(name: "html", command: ["/bin/sh", "-c", "echo '<html><body>502 Bad Gateway</body></html>'"],
                                         restartBackoff: 0.05))
        XCTAssertTrue(waitUntil { h.health.errorCount >= 1 })
        XCTAssertEqual(h.health.state, .failing("exited 0 with no readable output (1 skipped)"))
        XCTAssertEqual(h.collect().count, 0)
    }

    /// A command that prints a batch and exits is live and polled again at `restart_backoff`
    /// (the wait does not double after good runs: 15 runs at 50 ms take about a second, where
    /// a doubling wait would need minutes).
    func testBatchCommandIsLiveAndPolledAtItsPace() throws {
        let h = SourceHarness(ExecSource(name: "batch", command: ["/bin/echo", sensorLine("b", 1)], restartBackoff: 0.05))
        XCTAssertTrue(h.waitForEvents(15, timeout: 30), "got \(h.events.count) runs")
        XCTAssertEqual(h.health.state, .live)
        XCTAssertEqual(h.health.errorCount, 0)
        XCTAssertEqual(ExecSource(name: "slow", command: ["x"], restartBackoff: 600).staleAfter, 1800,
                       "not stale between two runs of a slow batch")
    }

    /// A batch command with nothing new prints an empty line (ndjson) or an empty list: a good
    /// run, live with no events.
    func testNothingNewIsAGoodRun() throws {
        let blank = SourceHarness(ExecSource(name: "blank", command: ["/bin/echo"], restartBackoff: 0.05))
        let empty = SourceHarness(ExecSource(name: "empty", command: ["/bin/echo", "[]"], format: "open311", restartBackoff: 0.05))
        for h in [blank, empty] {
            XCTAssertTrue(waitUntil { h.health.state == .live }, "\(h.health.state)")
            XCTAssertEqual(h.health.errorCount, 0)
            XCTAssertEqual(h.health.skipped, 0)
            XCTAssertEqual(h.collect().count, 0)
        }
    }

    func testOutputTailKeepsTheLastLinesCleaned() {
        var tail = OutputTail(capacity: 32)
        XCTAssertNil(tail.lastLines())
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nfirst\n\u{1B}[1mbold\u{1B}[0m\tx\u{7}\n\n".utf8CString.dropLast().withUnsafeBytes { tail.append($0) }
        XCTAssertEqual(tail.lastLines(), "first | bold x", "the line cut at the front by the size limit is left out")
        tail.reset()
        tail.append(UnsafeRawBufferPointer(start: nil, count: 0))
        XCTAssertTrue(tail.isEmpty)
        Array("only one line that is far too long for the tail\n".utf8).withUnsafeBytes { tail.append($0) }
        XCTAssertEqual(tail.lastLines(width: 10), "at is far…", "all there is (its last 32 bytes), cut to the width")
    }
}
