import PantauCore
import XCTest

final class RFC3339Tests: XCTestCase {
    func testParsesOffsetsAndFractions() {
        XCTAssertEqual(RFC3339.parse("1970-01-01T00:00:00Z")?.millis, 0)
        XCTAssertEqual(RFC3339.parse("1970-01-01T07:00:00+07:00")?.millis, 0)
        XCTAssertEqual(RFC3339.parse("1969-12-31T23:00:00-01:00")?.millis, 0)
        XCTAssertEqual(RFC3339.parse("2026-11-23T07:15:00.5+07:00")?.millis, 1_795_392_900_500)
        XCTAssertEqual(RFC3339.parse("2024-02-29T00:00:00Z")?.millis, 1_709_164_800_000)
    }

    func testFractionsOfEveryLengthGiveMilliseconds() {
        let base: Int64 = 1_795_392_900_000 // 2026-11-23T07:15:00+07:00
        let cases: [(String, Int64)] = [
            (".5", 500), (".05", 50), (".123", 123), (".1234", 123), (".123456", 123), (".999999999", 999),
            (".000001", 0), (".0", 0), (".987654321012", 987),
        ]
        for (fraction, millis) in cases {
            XCTAssertEqual(RFC3339.parse("2026-11-23T07:15:00" + fraction + "+07:00")?.millis, base + millis, fraction)
            XCTAssertEqual(RFC3339.parse("2026-11-23T00:15:00" + fraction + "Z")?.millis, base + millis, fraction)
        }
        for bad in ["2026-11-23T07:15:00.+07:00", "2026-11-23T07:15:00.12a+07:00", "2026-11-23T07:15:00.123", "2026-11-23T07:15:00,123Z"] {
            XCTAssertNil(RFC3339.parse(bad), bad)
        }
    }

    func testRejectsMalformedTimes() {
        for bad in ["", "2026-11-23", "2026-11-23T07:15:00", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
                    "2026-11-23T24:00:00Z", "2026-11-23T07:15:00+7:00", "2026-11-23T07:15:00.Z", "2026-11-23T07:15:00Zjunk"] {
            XCTAssertNil(RFC3339.parse(bad), bad)
        }
    }

    func testFormatsInWIB() {
        let t = RFC3339.parse("2026-11-23T00:15:00Z")!
        XCTAssertEqual(RFC3339.format(t), "2026-11-23T07:15:00+07:00")
        XCTAssertEqual(CivilTime(t).clockText, "07:15:00")
        XCTAssertEqual(durationText(seconds: 3 * 3600 + 5 * 60), "3h05m")
        XCTAssertEqual(durationText(seconds: 45), "45s")
    }
}
