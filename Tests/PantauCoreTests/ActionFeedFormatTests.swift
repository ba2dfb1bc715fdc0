import PantauCore
import XCTest

/// The `kind: action` event in the feed format: decoded, skipped with a reason when bad,
/// written back identically, and logged without personal data.
final class ActionFeedFormatTests: XCTestCase {
    let decoder = FeedLineDecoder()

    func action(_ line: String, file: StaticString = #filePath, line l: UInt = #line) -> ActionEvent? {
        switch decoder.decode(line) {
        case .event(let e):
            guard case .action(let a) = e.payload else {
                XCTFail("not an action: \(e.payload.kindName)", file: file, line: l)
                return nil
            }
            return a
        case .skip(let r, let f):
            XCTFail("skipped: \(r) \(f ?? "")", file: file, line: l)
            return nil
        }
    }

    func skip(_ line: String) -> String? {
        if case .skip(let r, let f) = decoder.decode(line) { return "\(r.rawValue) \(f ?? "-")" }
        return nil
    }

    let head = #"{"v":1,"ts":"2026-11-23T10:42:00+07:00","kind":"action","action_id":"desk-1-0007","#

    func testDecodesAnActionWithEveryField() throws {
        let a = try XCTUnwrap(action(head + #""verb":"create","target":"INC-C-0001","by":"siti","role":"operator","console":"desk-1","seen_version":0,"category":"fire","severity":4,"title":"Kebakaran rumah","district":"Cipondoh","address":"Jl. Melati No. 12","caller_name":"Bu Siti Aminah","caller_phone":"081234567789","note":"Asap hitam \u00e9"}"#))
        XCTAssertEqual(a.actionID, "desk-1-0007")
        XCTAssertEqual(a.verb, .create)
        XCTAssertEqual(a.target, "INC-C-0001")
        XCTAssertEqual(a.by, "siti")
        XCTAssertEqual(a.role, .operator)
        XCTAssertEqual(a.console, "desk-1")
        XCTAssertEqual(a.seenVersion, 0)
        XCTAssertEqual(a.fields.category, .fire)
        XCTAssertEqual(a.fields.severity, 4)
        XCTAssertEqual(a.fields.title, "Kebakaran rumah")
        XCTAssertEqual(a.fields.district, "Cipondoh")
        XCTAssertEqual(a.fields.address, "Jl. Melati No. 12")
        XCTAssertEqual(a.fields.callerName, "Bu Siti Aminah")
        XCTAssertEqual(a.fields.callerPhone, "081234567789")
        XCTAssertEqual(a.fields.note, "Asap hitam é")

        let d = try XCTUnwrap(action(head + #""verb":"dispatch","target":"INC-7","by":"budi","role":"supervisor","unit":"DMK-02"}"#))
        XCTAssertEqual(d.fields.unit, "DMK-02")
        XCTAssertNil(d.console)
        XCTAssertNil(d.seenVersion)
        let u = try XCTUnwrap(action(head + #""verb":"unit_status","target":"DMK-02","by":"budi","role":"operator","unit_status":"on_scene"}"#))
        XCTAssertEqual(u.fields.unitStatus, .onScene)
        let m = try XCTUnwrap(action(head + #""verb":"merge","target":"INC-9","by":"budi","role":"supervisor","duplicate_of":"INC-7","disposition":"duplicate","agency":"BPBD"}"#))
        XCTAssertEqual(m.fields.duplicateOf, "INC-7")
        XCTAssertEqual(m.fields.disposition, "duplicate")
        XCTAssertEqual(m.fields.agency, "BPBD")
    }

    func testBadActionLinesAreSkippedWithTheirReasonAndField() {
        let ok = #""verb":"acknowledge","target":"INC-7","by":"budi","role":"operator""#
        XCTAssertNotNil(action(head + ok + "}"))
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T10:42:00+07:00","kind":"action","verb":"acknowledge","target":"INC-7","by":"budi","role":"operator"}"#),
                       "missing_field action_id")
        XCTAssertEqual(skip(head + #""verb":"explode","target":"INC-7","by":"budi","role":"operator"}"#), "wrong_type verb")
        XCTAssertEqual(skip(head + #""verb":"acknowledge","target":"INC-7","by":"budi","role":"mayor"}"#), "wrong_type role")
        XCTAssertEqual(skip(head + #""verb":"acknowledge","by":"budi","role":"operator"}"#), "missing_field target")
        XCTAssertEqual(skip(head + #""verb":"acknowledge","target":"INC-7","role":"operator"}"#), "missing_field by")
        XCTAssertEqual(skip(head + #""verb":"acknowledge","target":"INC-7","by":"budi"}"#), "missing_field role")
        XCTAssertEqual(skip(head + ok + #","seen_version":"3"}"#), "wrong_type seen_version")
        XCTAssertEqual(skip(head + ok + #","seen_version":2.5}"#), "wrong_type seen_version")
        XCTAssertEqual(skip(head + ok + #","seen_version":-1}"#), "out_of_range seen_version")
        XCTAssertEqual(skip(head + ok + #","severity":6}"#), "out_of_range severity")
        XCTAssertEqual(skip(head + ok + #","severity":0}"#), "out_of_range severity")
        XCTAssertEqual(skip(head + ok + #","unit_status":"asleep"}"#), "wrong_type unit_status")
        XCTAssertEqual(skip(head + ok + #","category":"alien"}"#), "wrong_type category")
        XCTAssertEqual(skip(head + ok + #","caller_phone":812}"#), "wrong_type caller_phone")
        XCTAssertEqual(skip(head + ok + #","by":null}"#), "missing_field by", "a null is absent")
    }

    func testEscapedKeysAreRecognisedOffTheFastPath() throws {
        // An escaped key (`"\u0062y"`) is unescaped and matched by the general path, which must know every key.
        for key in ["by", "verb", "role", "target", "console", "action_id", "unit_status", "disposition",
                    "caller_name", "seen_version", "duplicate_of", "caller_phone"] {
            let first = String(key.unicodeScalars.first!.value, radix: 16)
            let escaped = "\\u00" + first + key.dropFirst()
            let line = #"{"v":1,"ts":"2026-11-23T10:42:00+07:00","kind":"action","action_id":"a","verb":"note","target":"T","by":"b","role":"viewer","\#(escaped)":1}"#
            // A number where a string belongs (or a string id) is a skip naming that key, so the key was recognised.
            if key == "seen_version" {
                XCTAssertNotNil(action(line))
            } else {
                XCTAssertEqual(skip(line), "wrong_type \(key)", key)
            }
        }
    }

    func testEveryActionRoundTripsThroughTheFeedFormat() throws {
        var events: [FeedEvent] = []
        let t = RFC3339.parse("2026-11-23T10:42:00+07:00")!
        for (n, verb) in ActionVerb.allCases.enumerated() {
            var f = ActionFields()
            f.unit = "DMK-0\(n)"
            f.unitStatus = UnitStatus.allCases[n % UnitStatus.allCases.count]
            f.note = "Catatan \"\(n)\"\n ü"
            f.disposition = "handled"
            f.duplicateOf = "INC-1"
            f.agency = "Dinas PUPR"
            f.severity = 1 + n % 5
            f.category = IncidentCategory.allCases[n % IncidentCategory.allCases.count]
            f.title = "Judul \(n)"
            f.district = "Cipondoh"
            f.address = "Jl. Melati No. \(n)"
            f.callerName = "Pak Budi"
            f.callerPhone = "+62 812-3456-7789"
            events.append(FeedEvent(time: t.adding(seconds: Double(n)), source: n % 2 == 0 ? "desk" : nil, payload: .action(ActionEvent(
                actionID: "id-\(n)", verb: verb, target: "INC-\(n)", by: "budi", role: Role.allCases[n % 3],
                console: n % 2 == 0 ? "desk-\(n)" : nil, seenVersion: n % 3 == 0 ? nil : n, fields: f))))
        }
        events.append(FeedEvent(time: t, payload: .action(ActionEvent(actionID: "bare", verb: .close, target: "INC-2",
                                                                       by: "x", role: .viewer))))
        for e in events {
            let line = FeedEventEncoder.line(for: e)
            guard case .event(let back) = decoder.decode(line) else { return XCTFail("skipped: \(line)") }
            guard case .action(let a) = e.payload, case .action(let b) = back.payload else { return XCTFail(line) }
            XCTAssertEqual(a, b, line)
            XCTAssertEqual(back.time, e.time)
            XCTAssertEqual(back.source, e.source)
            XCTAssertEqual(FeedEventEncoder.line(for: back), line)
        }
    }

    func testTheActivityLogSaysWhoDidWhatWithoutPersonalData() {
        let t = RFC3339.parse("2026-11-23T10:42:00+07:00")!
        func logged(_ verb: ActionVerb, _ target: String, _ build: (inout ActionFields) -> Void = { _ in }) -> String? {
            var f = ActionFields()
            build(&f)
            let e = FeedEvent(time: t, payload: .action(ActionEvent(actionID: "a", verb: verb, target: target, by: "budi",
                                                                    role: .supervisor, fields: f)))
            return ActivityLog.entry(for: e)?.text
        }
        XCTAssertEqual(logged(.acknowledge, "INC-7"), "budi acknowledged INC-7")
        XCTAssertEqual(logged(.dispatch, "INC-7") { $0.unit = "DMK-02" }, "budi dispatched DMK-02 to INC-7")
        XCTAssertEqual(logged(.unitStatus, "DMK-02") { $0.unitStatus = .onScene }, "budi set DMK-02 on_scene")
        XCTAssertEqual(logged(.resolve, "INC-7") { $0.disposition = "handled" }, "budi resolved INC-7 (handled)")
        XCTAssertEqual(logged(.merge, "INC-9") { $0.duplicateOf = "INC-7" }, "budi merged INC-9 into INC-7")
        XCTAssertEqual(logged(.ticketRoute, "LAKSA-1") { $0.agency = "DLH" }, "budi routed LAKSA-1 to DLH")
        let created = logged(.create, "INC-C-1") {
            $0.category = .fire; $0.severity = 4; $0.callerName = "Bu Siti Aminah"; $0.callerPhone = "081234567789"
            $0.address = "Jl. Melati No. 12"
        }
        XCTAssertEqual(created, "budi created INC-C-1 sev 4 fire")
    }
}
