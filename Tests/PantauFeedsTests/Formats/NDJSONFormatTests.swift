import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// `ndjson`: the feed format itself, through `FeedLineDecoder`.
final class NDJSONFormatTests: XCTestCase {
    func testDecodesLinesAndCountsSkipsByTheDecodersReasons() {
        let text = """
        {"v":1,"ts":"2026-11-23T07:15:00+07:00","kind":"traffic","segment":"s1","road":"Jl. Daan Mogot","jam_level":4}
        {"v":1,"ts":"2026-11-23T07:16:00+07:00","kind":"incident","id":"INC-1","src":"laksa","title":"Banjir\\u001b[31m"}

        not json
        {"v":2,"ts":"2026-11-23T07:15:00+07:00","kind":"traffic","segment":"s1","road":"x"}
        {"v":1,"ts":"2026-11-23T07:15:00+07:00","kind":"traffic","road":"x"}\r
        {"v":1,"ts":"2026-11-23T07:15:00+07:00","kind":"drone","id":"d"}
        """
        let r = FormatTestSupport.convert(NDJSONFormat(), text)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.events[0].source, "test-src", "an event without src gets the context's")
        XCTAssertEqual(r.events[1].source, "laksa", "an event's own src is kept")
        XCTAssertEqual(FormatTestSupport.incident(r.events[1])?.title, "Banjir\u{1B}[31m", "control characters are data")
        XCTAssertEqual(r.skipped, ["invalid_json": 1, "unknown_version": 1, "missing_field": 1, "unknown_kind": 1])
        FormatTestSupport.assertRoundTrip(r.events)
    }
}
