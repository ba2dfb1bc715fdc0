import PantauCore
import PantauFeeds
import XCTest

/// `--from` and `--at`: `end`, `HH:MM` on the recording's first day (WIB), or RFC 3339.
final class TimeSpecTests: XCTestCase {
    func testParsesEndTimesOfDayAndRFC3339() {
        XCTAssertEqual(TimeSpec("end"), .end)
        XCTAssertEqual(TimeSpec("17:45"), .timeOfDay(hour: 17, minute: 45))
        XCTAssertEqual(TimeSpec("7:05"), .timeOfDay(hour: 7, minute: 5))
        XCTAssertEqual(TimeSpec("00:00"), .timeOfDay(hour: 0, minute: 0))
        XCTAssertEqual(TimeSpec("23:59"), .timeOfDay(hour: 23, minute: 59))
        XCTAssertEqual(TimeSpec("2026-11-23T15:30:00+07:00"), .instant(RFC3339.parse("2026-11-23T08:30:00Z")!))
    }

    func testRefusesAnythingElse() {
        for bad in ["", "END", "24:00", "12:60", "7:5", "123:00", "+1:00", "-1:00", "1:+5", " 7:05", "07:05 ", "07:05:00",
                    "2026-11-23", "2026-11-23T15:30:00", "noon"] {
            XCTAssertNil(TimeSpec(bad), "'\(bad)'")
        }
    }

    func testATimeOfDayIsOnTheFirstEventsDayInWIB() {
        // 05:59:58.5 WIB on the 23rd.
        let first = RFC3339.parse("2026-11-23T05:59:58.5+07:00")!
        XCTAssertEqual(TimeSpec("17:45")!.resolve(firstEvent: first), RFC3339.parse("2026-11-23T17:45:00+07:00"))
        XCTAssertEqual(TimeSpec("00:00")!.resolve(firstEvent: first), RFC3339.parse("2026-11-23T00:00:00+07:00"))
        // 06:30 WIB on the 23rd is still the 22nd in UTC: the day is WIB's.
        let early = RFC3339.parse("2026-11-22T23:30:00Z")!
        XCTAssertEqual(TimeSpec("06:00")!.resolve(firstEvent: early), RFC3339.parse("2026-11-23T06:00:00+07:00"))
    }

    func testInstantsResolveToThemselvesAndEndToNothing() {
        let first = RFC3339.parse("2026-11-23T05:00:00+07:00")!
        let t = RFC3339.parse("2026-11-24T01:02:03+07:00")!
        XCTAssertEqual(TimeSpec.instant(t).resolve(firstEvent: first), t)
        XCTAssertNil(TimeSpec.end.resolve(firstEvent: first))
    }
}
