import Foundation
import PantauCore
import XCTest

/// The log notes a source's first skip and each new skip reason, with where; not repeats, and
/// not ignored records.
final class ActivityLogSkipsTests: XCTestCase {
    let t = Instant(millis: 1_795_918_800_000)

    func health(skipped: [String: Int] = [:], places: [String] = [], ignored: [String: Int] = [:]) -> SourceHealth {
        var h = SourceHealth(name: "laksa", type: "exec", format: "ndjson", state: .live,
                             skipped: skipped.values.reduce(0, +))
        h.skipReasons = skipped
        h.firstSkips = places
        h.ignoredReasons = ignored
        h.ignored = ignored.values.reduce(0, +)
        return h
    }

    func testFirstSkipAndNewReasonsAreNotedRepeatsAndIgnoredAreNot() {
        var log = ActivityLog()
        let clean = health()
        let ignoring = health(ignored: ["irregularity": 830])
        log.noteSkips(from: [clean], to: [ignoring], at: t)
        XCTAssertEqual(log.count, 0, "ignored records are not news")

        let first = health(skipped: ["invalid_json": 2], places: ["line 4"], ignored: ["irregularity": 830])
        log.noteSkips(from: [ignoring], to: [first], at: t)
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.newest(0)?.subject, "laksa")
        XCTAssertEqual(log.newest(0)?.text, "skipped 2: invalid_json 2 (line 4)")
        XCTAssertEqual(log.newest(0)?.tone, .warning)

        let more = health(skipped: ["invalid_json": 9], places: ["line 4", "line 30"])
        log.noteSkips(from: [first], to: [more], at: t)
        XCTAssertEqual(log.count, 1, "more of the same reason is counted in the overlay, not logged again")

        let newReason = health(skipped: ["invalid_json": 9, "missing_field": 1], places: ["line 4", "line 30"])
        log.noteSkips(from: [more], to: [newReason], at: t)
        XCTAssertEqual(log.count, 2)
        XCTAssertEqual(log.newest(0)?.text, "skipped 10: invalid_json 9, missing_field 1 (line 4, line 30)")
    }

    func testTheFirstRepairedPayloadIsNotedOnceAndKeptOutOfTheSkipLine() {
        var log = ActivityLog()
        let clean = health()
        var repaired = health()
        repaired.repairedReasons = ["invalid_utf8": 1]
        log.noteSkips(from: [clean], to: [repaired], at: t)
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.newest(0)?.subject, "laksa")
        XCTAssertEqual(log.newest(0)?.text, "repaired payloads: invalid_utf8 1")
        XCTAssertEqual(repaired.skipSummary, "repaired: invalid_utf8 1", "the sources overlay's why text")

        var again = health(skipped: ["invalid_json": 1], places: ["line 2"])
        again.repairedReasons = ["invalid_utf8": 5]
        log.noteSkips(from: [repaired], to: [again], at: t)
        XCTAssertEqual(log.count, 2, "more repairs of the same kind are not logged again; the skip is")
        XCTAssertEqual(log.newest(0)?.text, "skipped 1: invalid_json 1 (line 2)")
        XCTAssertEqual(again.skipSummary, "invalid_json 1 (line 2); repaired: invalid_utf8 5")
    }
}
