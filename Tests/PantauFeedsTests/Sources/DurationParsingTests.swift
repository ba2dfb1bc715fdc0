import PantauCore
@testable import PantauFeeds
import XCTest

final class DurationParsingTests: XCTestCase {
    func testUnits() {
        XCTAssertEqual(DurationText.parse("500ms"), 0.5)
        XCTAssertEqual(DurationText.parse("6s"), 6)
        XCTAssertEqual(DurationText.parse("1.5s"), 1.5)
        XCTAssertEqual(DurationText.parse("5m"), 300)
        XCTAssertEqual(DurationText.parse("1h"), 3600)
        XCTAssertEqual(DurationText.parse(" 2m "), 120)
    }

    func testRejects() {
        for bad in ["", "6", "s", "6x", "-1s", "0s", "1e3s", "5 m", "m5", "1hh", "abc"] {
            XCTAssertNil(DurationText.parse(bad), bad)
        }
    }

    func testFormat() {
        XCTAssertEqual(DurationText.format(0.5), "500ms")
        XCTAssertEqual(DurationText.format(6), "6s")
        XCTAssertEqual(DurationText.format(300), "5m")
        XCTAssertEqual(DurationText.format(3600), "1h")
        XCTAssertEqual(DurationText.format(90), "90s")
    }

    func testBackoffGrowsWithJitterAndCaps() {
        var b = Backoff(initial: 1, cap: 60)
        let waits = (0..<12).map { _ in b.next() }
        XCTAssertTrue((0.5...1).contains(waits[0]))
        XCTAssertTrue((1...2).contains(waits[1]))
        XCTAssertTrue((2...4).contains(waits[2]))
        XCTAssertTrue(waits.allSatisfy { $0 <= 60 })
        XCTAssertGreaterThanOrEqual(waits[11], 30)
        b.reset()
        XCTAssertLessThanOrEqual(b.next(), 1)
    }
}
