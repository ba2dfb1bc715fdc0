import XCTest
@testable import PantauCore

/// The ring of a watched value's changes: what it keeps, in what order, and the bounds the
/// rule evaluator reads to tell that no raise can be due.
final class TimedSeriesTests: XCTestCase {
    func at(_ seconds: Int64) -> Instant { Instant(millis: 1_790_000_000_000 + seconds * 1000) }

    func testKeepsChangesOnlyAndTheLatestInARing() {
        var s = TimedSeries(capacity: 3)
        for (t, v) in [(0, 1.0), (1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0)] { s.append(v, at: at(Int64(t))) }
        XCTAssertEqual(s.points.map(\.value), [2, 3, 4], "the repeated 1 is not kept; the oldest gives way")
        XCTAssertEqual(s.lastValue, 4)
    }

    func testTheHighestValueByATimeAndTheSpanOfTheValues() {
        var s = TimedSeries(capacity: 8)
        XCTAssertNil(s.highest(through: at(100)))
        XCTAssertNil(s.valueSpan)
        for (t, v) in [(10, 5.0), (20, 9.0), (30, -2.0), (40, 12.0)] { s.append(v, at: at(Int64(t))) }
        XCTAssertNil(s.highest(through: at(5)), "nothing kept by then")
        XCTAssertEqual(s.highest(through: at(10)), 5)
        XCTAssertEqual(s.highest(through: at(39)), 9)
        XCTAssertEqual(s.highest(through: at(40)), 12)
        XCTAssertEqual(s.valueSpan, 14)
        // A change that arrived late among them counts by its own time.
        s.append(20, at: at(15))
        XCTAssertEqual(s.highest(through: at(16)), 20)
    }

    func testAValueThatIsNotFiniteGivesNoBound() {
        var s = TimedSeries(capacity: 4)
        s.append(3, at: at(0))
        s.append(.nan, at: at(1))
        s.append(7, at: at(2))
        XCTAssertNil(s.highest(through: at(5)))
        XCTAssertNil(s.valueSpan)
        var t = TimedSeries(capacity: 4)
        t.append(.infinity, at: at(0))
        XCTAssertNil(t.valueSpan)
    }
}
