import PantauCore
@testable import PantauJournal
import XCTest

final class JournalExporterTests: XCTestCase {
    let action = #"{"v":1,"ts":"2026-11-23T10:40:00+07:00","kind":"action","action_id":"c1-1","verb":"create","target":"INC-900","by":"siti","role":"operator","console":"desk-1","title":"Kebakaran, ruko","caller_name":"Bu Siti Aminah","caller_phone":"081234567789"}"#
    let feed = #"{"v":1,"ts":"2026-11-23T10:41:00+07:00","kind":"incident","id":"INC-1","note":"caller_name is a word here"}"#

    func entry(_ line: String) -> JournalEntry {
        JournalEntry(sequence: 7, recordedAt: RFC3339.parse("2026-11-23T10:40:01+07:00")!, line: line, hash: String(repeating: "a", count: 64))
    }

    func testPersonalDataIsLeftOutUnlessAskedFor() {
        let without = JournalExporter(format: .ndjson).row(for: entry(action))
        XCTAssertFalse(without.contains("Siti Aminah"))
        XCTAssertFalse(without.contains("0812"))
        XCTAssertTrue(without.contains(#""title":"Kebakaran, ruko""#))
        XCTAssertTrue(without.hasPrefix(#"{"sequence":7,"recorded_at":"2026-11-23T10:40:01+07:00","hash":"aaaa"#))
        let with = JournalExporter(format: .ndjson, includePersonalData: true).row(for: entry(action))
        XCTAssertTrue(with.hasSuffix(#""event":\#(action)}"#))
        XCTAssertEqual(JournalExporter.withoutPersonalData(feed), feed, "only actions carry callers")
    }

    func testCSVRowsQuoteWhatNeedsIt() {
        let row = JournalExporter(format: .csv).row(for: entry(action))
        XCTAssertTrue(row.hasPrefix("7,2026-11-23T10:40:01+07:00,action,2026-11-23T10:40:00+07:00,siti,operator,desk-1,create,INC-900,aaaa"), row)
        XCTAssertFalse(row.contains("Siti Aminah"))
        XCTAssertTrue(row.hasSuffix("\""), "the line holds commas and quotes: quoted")
        XCTAssertEqual(JournalExporter.csvField(#"a "b", c"#), #""a ""b"", c""#)
    }
}
