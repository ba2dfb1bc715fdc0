import PantauCore
import XCTest

/// The `kind: alarm` event in the feed format: decoded, written back identically, and skipped
/// with a reason when bad, like every kind.
final class AlarmFeedFormatTests: XCTestCase {
    let decoder = FeedLineDecoder()
    let head = #"{"v":1,"ts":"2026-11-23T15:42:00+07:00","kind":"alarm","#

    func skip(_ line: String) -> String? {
        if case .skip(let r, let f) = decoder.decode(line) { return "\(r.rawValue) \(f ?? "-")" }
        return nil
    }

    func testDecodesTheShapeOfThePreamble() throws {
        let line = head + #""id":"alarm-water-siaga2-pa-sepuluh-1795426920","rule":"water-siaga2","state":"raised","severity":4,"subject":"pa-sepuluh","title":"Pintu Air Sepuluh at Siaga 2 for 10 min","value":12.5,"level":"Siaga 2"}"#
        guard case .event(let e) = decoder.decode(line), case .alarm(let a) = e.payload else {
            return XCTFail("not an alarm: \(decoder.decode(line))")
        }
        XCTAssertEqual(a, AlarmEvent(id: "alarm-water-siaga2-pa-sepuluh-1795426920", rule: "water-siaga2", transition: .raised,
                                     severity: 4, subject: "pa-sepuluh", title: "Pintu Air Sepuluh at Siaga 2 for 10 min",
                                     value: 12.5, level: "Siaga 2"))
        XCTAssertEqual(e.time, RFC3339.parse("2026-11-23T15:42:00+07:00"))
        XCTAssertEqual(e.payload.kindName, "alarm")
    }

    func testRoundTripsEveryShape() {
        let t = RFC3339.parse("2026-11-23T15:42:00+07:00")!
        var events: [FeedEvent] = []
        for (n, state) in [AlarmTransition.raised, .cleared, .raised].enumerated() {
            events.append(FeedEvent(time: t.adding(seconds: Double(n) * 61), source: n == 0 ? "rules" : nil, payload: .alarm(AlarmEvent(
                id: "alarm-r\(n)-s-\(n)", rule: "r\(n)", transition: state, severity: 1 + n * 2, subject: "Jl. \"Daan\" Mogot\n",
                title: "Macet ü \(n)", value: n == 2 ? nil : Double(n) * 0.25 - 3, level: n == 1 ? nil : "Tidak Sehat"))))
        }
        for e in events {
            let line = FeedEventEncoder.line(for: e)
            guard case .event(let back) = decoder.decode(line) else { return XCTFail("skipped: \(line)") }
            guard case .alarm(let a) = e.payload, case .alarm(let b) = back.payload else { return XCTFail(line) }
            XCTAssertEqual(a, b, line)
            XCTAssertEqual(back.time, e.time)
            XCTAssertEqual(back.source, e.source)
            XCTAssertEqual(FeedEventEncoder.line(for: back), line)
        }
    }

    func testBadAlarmsAreSkippedWithTheirReason() {
        let ok = #""id":"a","rule":"r","state":"raised","severity":3,"subject":"s","title":"t""#
        XCTAssertNil(skip(head + ok + "}"))
        XCTAssertEqual(skip(head + ok.replacingOccurrences(of: #""state":"raised""#, with: #""state":"armed""#) + "}"), "wrong_type state")
        XCTAssertEqual(skip(head + ok.replacingOccurrences(of: #""severity":3"#, with: #""severity":9"#) + "}"), "out_of_range severity")
        XCTAssertEqual(skip(head + ok.replacingOccurrences(of: #""severity":3"#, with: #""severity":2.5"#) + "}"), "wrong_type severity")
        XCTAssertEqual(skip(head + ok.replacingOccurrences(of: #""subject":"s""#, with: #""subject":" ""#) + "}"), "missing_field subject")
        XCTAssertEqual(skip(head + ok + #","value":"high"}"#), "wrong_type value")
        for key in ["id", "rule", "state", "severity", "subject", "title"] {
            let without = ok.split(separator: ",").filter { !$0.hasPrefix("\"\(key)\"") }.joined(separator: ",")
            XCTAssertEqual(skip(head + without + "}"), "missing_field \(key)", key)
        }
    }

    func testAnIncidentFromAlarmActionCarriesTheIncidentItMakes() {
        let line = #"{"v":1,"ts":"2026-11-23T15:42:00+07:00","kind":"action","action_id":"d-1","verb":"incident_from_alarm","target":"alarm-r-s-1","by":"budi","role":"supervisor","incident":"INC-A-0001"}"#
        guard case .event(let e) = decoder.decode(line), case .action(let a) = e.payload else { return XCTFail(line) }
        XCTAssertEqual(a.verb, .incidentFromAlarm)
        XCTAssertEqual(a.verb.targetKind, .alarm)
        XCTAssertEqual(a.fields.incident, "INC-A-0001")
        XCTAssertEqual(FeedEventEncoder.line(for: e), line)
    }

    func testAlarmsAreLoggedInTheActivityLog() {
        let e = FeedEvent(time: RFC3339.parse("2026-11-23T15:42:00+07:00")!, payload: .alarm(AlarmEvent(
            id: "a", rule: "r", transition: .raised, severity: 4, subject: "pa-sepuluh", title: "Pintu Air Sepuluh at Siaga 2")))
        XCTAssertEqual(ActivityLog.entry(for: e)?.text, "alarm raised: Pintu Air Sepuluh at Siaga 2")
        XCTAssertEqual(ActivityLog.entry(for: e)?.tone, .danger)
    }
}
