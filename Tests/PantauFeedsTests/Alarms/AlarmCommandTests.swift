import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

final class AlarmCommandTests: XCTestCase {
    private let alarm = AlarmEvent(id: "alarm-siaga2-pa10-1763884320", rule: "siaga2", transition: .raised, severity: 4,
                                   subject: "pa10", title: "Pintu Air Sepuluh\nat Siaga 2", value: 212.5, level: "Siaga 2")
    private let time = Instant(millis: 1_763_884_320_000)

    private func temporaryFile() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-alarm-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testTheCommandReceivesTheAlarmInItsEnvironment() throws {
        let out = temporaryFile()
        let env = AlarmCommand.environment(for: alarm, at: time)
        let outcome = AlarmCommand.run(["/bin/sh", "-c", "env | grep '^PANTAU_ALARM_' | sort > \"$0\"", out],
                                       alarmID: alarm.id, environment: env, timeout: 60)
        XCTAssertEqual(outcome.ending, .exited(0), outcome.message)
        XCTAssertTrue(outcome.succeeded)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "PANTAU_ALARM_ID=alarm-siaga2-pa10-1763884320",
            "PANTAU_ALARM_LEVEL=Siaga 2",
            "PANTAU_ALARM_RULE=siaga2",
            "PANTAU_ALARM_SEVERITY=4",
            "PANTAU_ALARM_STATE=raised",
            "PANTAU_ALARM_SUBJECT=pa10",
            "PANTAU_ALARM_TIME=2025-11-23T14:52:00+07:00",
            // The newline in the feed's title is a control character: a space in its place.
            "PANTAU_ALARM_TITLE=Pintu Air Sepuluh at Siaga 2",
            "PANTAU_ALARM_VALUE=212.5",
        ])
        // The rest of the environment (PATH) is kept.
        XCTAssertEqual(env["PATH"], ProcessInfo.processInfo.environment["PATH"])
        let bare = AlarmCommand.environment(for: AlarmEvent(id: "a", rule: "r", transition: .cleared, severity: 1,
                                                            subject: "s", title: "t", value: 210), at: time, base: [:])
        XCTAssertEqual(bare["PANTAU_ALARM_VALUE"], "210")
        XCTAssertEqual(bare["PANTAU_ALARM_LEVEL"], "")
        XCTAssertEqual(bare["PANTAU_ALARM_STATE"], "cleared")
    }

    /// Arguments are passed as they are: no shell splits, globs or expands them.
    func testArgumentsAreNotExpandedByAShell() throws {
        let out = temporaryFile()
        let tricky = ["$PANTAU_ALARM_ID", "*", "a b", "`id`", "; rm -rf /nonexistent", "$(echo no)"]
        let outcome = AlarmCommand.run(["/bin/sh", "-c", "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$0\"", out] + tricky,
                                       alarmID: alarm.id, environment: AlarmCommand.environment(for: alarm, at: time),
                                       timeout: 60)
        XCTAssertEqual(outcome.ending, .exited(0), outcome.message)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), tricky.joined(separator: "\n") + "\n")
        // A "command line" as one program name is looked up as a program of that name, not run.
        let asText = AlarmCommand.run(["echo hello > \(out)"], alarmID: alarm.id, environment: [:], timeout: 60)
        guard case .notStarted = asText.ending else { return XCTFail("started: \(asText.message)") }
    }

    func testACommandPastItsTimeoutIsKilled() throws {
        let pidFile = temporaryFile()
        // Ignores SIGTERM: only the SIGKILL after the grace ends it.
        let started = Date()
        let outcome = AlarmCommand.run(["/bin/sh", "-c", "trap '' TERM; echo $$ > \"$0\"; while :; do sleep 1; done", pidFile],
                                       alarmID: alarm.id, environment: [:], timeout: 0.5)
        XCTAssertEqual(outcome.ending, .timedOut(after: 0.5))
        XCTAssertFalse(outcome.succeeded)
        XCTAssertTrue(outcome.message.contains("killed after its timeout of 500ms"), outcome.message)
        let pid = try XCTUnwrap(pid_t(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(kill(pid, 0), -1, "killed and reaped")
        XCTAssertLessThan(Date().timeIntervalSince(started), 50, "it did not run its whole loop")
    }

    func testStderrIsCapturedAndItsFirstLineReported() throws {
        let script = "printf '\\033[31mnotify: no token\\033[0m\\n' >&2; echo 'second line' >&2; echo 'to stdout'; exit 3"
        let outcome = AlarmCommand.run(["/bin/sh", "-c", script], alarmID: alarm.id, environment: [:], timeout: 60)
        XCTAssertEqual(outcome.ending, .exited(3))
        XCTAssertEqual(outcome.stderrLine, "notify: no token")
        XCTAssertEqual(outcome.message, "alarm command sh failed: exited with status 3: notify: no token")
        // Megabytes of stderr neither block the command nor are all kept.
        let chatty = "i=0; while [ $i -lt 20000 ]; do echo \"line $i of a chatty tool, padded to some length\" >&2; i=$((i+1)); done"
        let big = AlarmCommand.run(["/bin/sh", "-c", chatty], alarmID: alarm.id, environment: [:], timeout: 120)
        XCTAssertEqual(big.ending, .exited(0))
        XCTAssertTrue(big.stderrLine?.hasPrefix("line 19") == true, big.stderrLine ?? "nil")
    }

    func testAMissingProgramIsAMessage() throws {
        let outcome = AlarmCommand.run(["/nonexistent/notify-wa"], alarmID: alarm.id, environment: [:], timeout: 60)
        XCTAssertEqual(outcome.ending, .notStarted("cannot start /nonexistent/notify-wa: No such file or directory"))
        XCTAssertEqual(outcome.message, "alarm command failed: cannot start /nonexistent/notify-wa: No such file or directory")
        XCTAssertEqual(AlarmCommand.run([], alarmID: alarm.id, environment: [:], timeout: 1).ending, .notStarted("no program given"))
    }

    /// Started off the caller's thread: it returns at once, the outcome arrives later.
    func testStartReportsFromAThreadOfItsOwn() throws {
        let done = expectation(description: "outcome")
        let box = OutcomeBox()
        AlarmCommand.start(["/bin/sh", "-c", "sleep 0.3; exit \"${PANTAU_ALARM_SEVERITY}\""], alarm: alarm, at: time, timeout: 60) {
            box.set($0)
            done.fulfill()
        }
        XCTAssertNil(box.value, "start does not wait for the command")
        wait(for: [done], timeout: 60)
        XCTAssertEqual(box.value?.ending, .exited(4))
        XCTAssertEqual(box.value?.alarmID, alarm.id)
    }
}

private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: AlarmCommandOutcome?
    var value: AlarmCommandOutcome? { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ v: AlarmCommandOutcome) { lock.lock(); stored = v; lock.unlock() }
}
