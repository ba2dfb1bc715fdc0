import PantauCore
import PantauFeeds
import XCTest

/// `--from` / `--at`: what TimeSpec accepts, refuses, and which instant it names.
final class TimeSpecTests: XCTestCase {
    func testAcceptedForms() {
        XCTAssertEqual(TimeSpec("end"), .end)
        XCTAssertEqual(TimeSpec("17:45"), .timeOfDay(hour: 17, minute: 45))
        XCTAssertEqual(TimeSpec("7:05"), .timeOfDay(hour: 7, minute: 5))
        XCTAssertEqual(TimeSpec("00:00"), .timeOfDay(hour: 0, minute: 0))
        XCTAssertEqual(TimeSpec("23:59"), .timeOfDay(hour: 23, minute: 59))
        XCTAssertEqual(TimeSpec("2026-11-23T15:30:00+07:00"), .instant(RFC3339.parse("2026-11-23T15:30:00+07:00")!))
        XCTAssertEqual(TimeSpec("2026-11-23T08:30:00Z"), .instant(RFC3339.parse("2026-11-23T15:30:00+07:00")!))
    }

    func testRefusedForms() {
        for text in ["", "END", "noon", "24:00", "12:60", "1:5", "123:45", "17:45:00", "17.45", " 9:30", "9:30 ",
                     "+5:30", "-0:30", "9:+5", "9:-5", "٩:٣٠", "2026-11-23", "2026-11-23T25:00:00+07:00"] {
            XCTAssertNil(TimeSpec(text), "'\(text)' is not a time")
        }
    }

    func testATimeOfDayIsOnTheRecordingsFirstDayInWIB() {
        let first = RFC3339.parse("2026-11-23T05:12:34.567+07:00")!
        XCTAssertEqual(TimeSpec("17:45")!.resolve(firstEvent: first), RFC3339.parse("2026-11-23T17:45:00+07:00"))
        XCTAssertEqual(TimeSpec("00:00")!.resolve(firstEvent: first), RFC3339.parse("2026-11-23T00:00:00+07:00"),
                       "before the first event is allowed: everything is applied at once")
        // 16:30 UTC is 23:30 WIB on the 23rd: the day is WIB's, not UTC's.
        let lateUTC = RFC3339.parse("2026-11-23T16:30:00Z")!
        XCTAssertEqual(TimeSpec("06:00")!.resolve(firstEvent: lateUTC), RFC3339.parse("2026-11-23T06:00:00+07:00"))
        // 18:00 UTC is 01:00 WIB on the 24th.
        let afterMidnightWIB = RFC3339.parse("2026-11-23T18:00:00Z")!
        XCTAssertEqual(TimeSpec("06:00")!.resolve(firstEvent: afterMidnightWIB), RFC3339.parse("2026-11-24T06:00:00+07:00"))
    }

    func testAnInstantAndEndResolve() {
        let first = RFC3339.parse("2026-11-23T05:00:00+07:00")!
        let given = RFC3339.parse("2026-11-20T10:00:00+07:00")!
        XCTAssertEqual(TimeSpec.instant(given).resolve(firstEvent: first), given, "an instant is taken as it is")
        XCTAssertNil(TimeSpec.end.resolve(firstEvent: first), "end: the caller plays the whole recording")
    }
}
