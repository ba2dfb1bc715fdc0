import PantauCore
import XCTest

/// Response timers against the targets per severity: running, done in time, done late, no
/// longer applying once the incident is finished; the pane title's count.
final class ResponseTimerTests: XCTestCase, StateEventFactory {
    let targets = ResponseTargets.standard

    func testASeverityFiveIncidentAgainstItsTargets() throws {
        var s = CityState()
        s.registerUnits([UnitDefinition(id: "DMK-01", name: "Damkar 1", agency: "Damkar", kind: "fire_engine")])
        s.apply(incident("INC-1", 0) { $0.severity = 5; $0.status = .new })
        var inc = try XCTUnwrap(s.incidents["INC-1"])
        let early = inc.timer(.acknowledge, now: at(0.5), targets: targets)
        XCTAssertEqual(early.elapsed, 30)
        XCTAssertEqual(early.remaining, 30)
        XCTAssertTrue(early.running)
        XCTAssertFalse(early.missed)
        XCTAssertEqual(inc.missedTargets(now: at(0.5), targets: targets), [])
        XCTAssertEqual(inc.missedTargets(now: at(2), targets: targets), [.acknowledge])
        XCTAssertEqual(s.missedTargetCount(now: at(0.5), targets: targets), 0)
        XCTAssertEqual(s.missedTargetCount(now: at(2), targets: targets), 1)
        // Acknowledged in time, dispatched late (target 3 min), on scene in time (15 min).
        s.apply(action("a", .acknowledge, "INC-1", 0.75, role: .operator))
        s.apply(action("d", .dispatch, "INC-1", 4) { $0.unit = "DMK-01" })
        s.apply(action("o", .unitStatus, "DMK-01", 10, role: .operator) { $0.unitStatus = .onScene })
        inc = try XCTUnwrap(s.incidents["INC-1"])
        let timers = inc.timers(now: at(60), targets: targets)
        XCTAssertEqual(timers.map(\.elapsed), [45, 240, 600])
        XCTAssertEqual(timers.map(\.running), [false, false, false])
        XCTAssertEqual(timers.map(\.missed), [false, true, false], "a step done late counts as missed")
        XCTAssertEqual(inc.missedTargets(now: at(60), targets: targets), [.dispatch])
        XCTAssertEqual(s.missedTargetCount(now: at(60), targets: targets), 1)
    }

    func testAStepThatNoLongerAppliesIsNotMissed() throws {
        var s = CityState()
        s.apply(incident("INC-1", 0) { $0.severity = 5; $0.status = .new })
        s.apply(incident("INC-2", 0) { $0.severity = 1; $0.status = .new })
        // Resolved as a false alarm before anyone went: dispatch and on scene do not apply.
        s.apply(action("r", .resolve, "INC-1", 0.5) { $0.disposition = "false_alarm" })
        let inc = try XCTUnwrap(s.incidents["INC-1"])
        XCTAssertNil(inc.acknowledgedAt, "a step skipped on the way to resolved stays unstamped")
        XCTAssertEqual(inc.missedTargets(now: at(600), targets: targets), [])
        let dispatch = inc.timer(.dispatch, now: at(600), targets: targets)
        XCTAssertFalse(dispatch.running)
        XCTAssertEqual(dispatch.elapsed, 30, "stopped when it was resolved")
        // Severity 1 has no on-scene target; its acknowledge target is 30 minutes.
        let low = try XCTUnwrap(s.incidents["INC-2"])
        XCTAssertNil(low.timer(.onScene, now: at(600), targets: targets).remaining)
        XCTAssertEqual(low.missedTargets(now: at(29), targets: targets), [])
        XCTAssertEqual(low.missedTargets(now: at(121), targets: targets), [.acknowledge, .dispatch])
        XCTAssertEqual(s.missedTargetCount(now: at(121), targets: targets), 1, "only open incidents count")
    }

    func testAFeedIncidentFirstSeenPastTheStepsHasThemStampedOnArrival() throws {
        var s = CityState()
        s.apply(incident("INC-1", 0) { $0.severity = 5; $0.status = .onScene })
        let inc = try XCTUnwrap(s.incidents["INC-1"])
        XCTAssertEqual([inc.acknowledgedAt, inc.dispatchedAt, inc.onSceneAt], [at(0), at(0), at(0)])
        XCTAssertEqual(inc.missedTargets(now: at(600), targets: targets), [])
    }
}
