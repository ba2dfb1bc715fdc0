import PantauCore
import XCTest

final class FeedLineDecoderTests: XCTestCase {
    let decoder = FeedLineDecoder()

    func event(_ line: String, file: StaticString = #filePath, line l: UInt = #line) -> FeedEvent? {
        switch decoder.decode(line) {
        case .event(let e): return e
        case .skip(let r, let f):
            XCTFail("skipped: \(r) \(f ?? "")", file: file, line: l)
            return nil
        }
    }

    func skip(_ line: String) -> (SkipReason, String?)? {
        if case .skip(let r, let f) = decoder.decode(line) { return (r, f) }
        return nil
    }

    /// The decoder initializes an event in place one stored property at a time (`emplace`):
    /// a property added to `FeedEvent` would be left uninitialized there.
    func testFeedEventHasTheThreePropertiesTheDecoderInitializes() {
        let event = FeedEvent(time: Instant(millis: 0), source: "s", payload: .traffic(TrafficUpdate(segment: "a", road: "b")))
        XCTAssertEqual(Mirror(reflecting: event).children.map { $0.label ?? "?" }, ["time", "source", "payload"],
                       "FeedEvent's stored properties changed: update FeedLineDecoder.emplace")
    }

    func testDecodesEveryExampleOfTheFormat() throws {
        let traffic = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T07:15:00+07:00","kind":"traffic","segment":"daan-mogot-03","road":"Jl. Daan Mogot","district":"Batuceper","speed_kmh":11.5,"free_flow_kmh":45,"jam_level":4,"delay_s":420,"lat":-6.1702,"lon":106.6655}"#))
        XCTAssertEqual(traffic.time, RFC3339.parse("2026-11-23T00:15:00Z"))
        guard case .traffic(let t) = traffic.payload else { return XCTFail() }
        XCTAssertEqual(t.segment, "daan-mogot-03")
        XCTAssertEqual(t.road, "Jl. Daan Mogot")
        XCTAssertEqual(t.place.district, "Batuceper")
        XCTAssertEqual(t.speedKmh, 11.5)
        XCTAssertEqual(t.freeFlowKmh, 45)
        XCTAssertEqual(t.jamLevel, 4)
        XCTAssertEqual(t.delaySeconds, 420)
        XCTAssertEqual(t.place.location, GeoPoint(lat: -6.1702, lon: 106.6655))

        let inc = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T15:42:10+07:00","kind":"incident","id":"INC-0117","category":"flood","severity":3,"status":"new","title":"Genangan 40 cm di perumahan","district":"Periuk","lat":-6.1731,"lon":106.6035,"channel":"112"}"#))
        guard case .incident(let i) = inc.payload else { return XCTFail() }
        XCTAssertEqual(i.category, .flood)
        XCTAssertEqual(i.severity, 3)
        XCTAssertEqual(i.status, .new)
        XCTAssertEqual(i.title, "Genangan 40 cm di perumahan")
        XCTAssertEqual(i.channel, "112")

        let sensor = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T15:40:00+07:00","kind":"sensor","station":"pa-sepuluh","sensor":"water_level","value":410,"unit":"cm","name":"Pintu Air Sepuluh","district":"Tangerang","lat":-6.1664,"lon":106.6358}"#))
        guard case .sensor(let s) = sensor.payload else { return XCTFail() }
        XCTAssertEqual(s.sensor, .waterLevel)
        XCTAssertEqual(s.value, 410)
        XCTAssertEqual(s.unit, "cm")

        let ticket = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T09:03:00+07:00","kind":"ticket","id":"LAKSA-20261123-0042","category":"Jalan rusak","title":"Lubang besar depan pasar","agency":"Dinas PUPR","channel":"app","sla_h":72,"status":"open","district":"Cipondoh"}"#))
        guard case .ticket(let tk) = ticket.payload else { return XCTFail() }
        XCTAssertEqual(tk.agency, "Dinas PUPR")
        XCTAssertEqual(tk.slaHours, 72)
        XCTAssertEqual(tk.status, .open)
    }

    func testEscapesAndUnicodeAreDecoded() throws {
        let e = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","note":"baris\nkedua \"kutip\" \u00e9 \ud83d\ude92 µg/m³"}"#))
        guard case .incident(let i) = e.payload else { return XCTFail() }
        XCTAssertEqual(i.note, "baris\nkedua \"kutip\" é 🚒 µg/m³")
    }

    func testKeyOrderWhitespaceAndUnknownFieldsDoNotMatter() throws {
        let e = try XCTUnwrap(event(#"  { "kind" : "sensor" , "extra": {"a":[1,2,{"b":null}]}, "value": -1.5e2, "sensor":"water_level", "station":"r1", "ts":"2026-11-23T07:15:00.250+07:00", "v":1 }  "#))
        guard case .sensor(let s) = e.payload else { return XCTFail() }
        XCTAssertEqual(s.value, -150)
        XCTAssertEqual(e.time.millis % 1000, 250)
    }

    func testBadLinesAreSkippedWithTheirReason() {
        XCTAssertEqual(skip("not json")?.0, .invalidJSON)
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor""#)?.0, .invalidJSON) // truncated
        XCTAssertEqual(skip(#"{"v":1,}"#)?.0, .invalidJSON)
        XCTAssertEqual(skip(#"[1,2]"#)?.0, .invalidJSON)
        XCTAssertEqual(skip(#"{"v":1} trailing"#)?.0, .invalidJSON)
        XCTAssertEqual(skip("{\"v\":1,\"ts\":\"a\u{01}b\"}")?.0, .invalidJSON) // raw control character in a string
        XCTAssertEqual(skip(#"{"v":01}"#)?.0, .invalidJSON)
        XCTAssertEqual(skip(#"{"ts":"2026-11-23T07:15:00Z","kind":"sensor"}"#)?.0, .missingField)
        XCTAssertEqual(skip(#"{"v":2,"ts":"2026-11-23T07:15:00Z","kind":"sensor"}"#)?.0, .unknownVersion)
        XCTAssertEqual(skip(#"{"v":"1","ts":"2026-11-23T07:15:00Z","kind":"sensor"}"#)?.0, .wrongType)
        XCTAssertEqual(skip(#"{"v":1,"ts":"yesterday","kind":"sensor"}"#)?.0, .wrongType)
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"x","sensor":"ispu"}"#)?.0, .missingField)
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"x","sensor":"ispu","value":"high"}"#)?.1, "value")
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"traffic","segment":"s","road":"r","lat":"x","lon":1}"#)?.0, .wrongType)
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","status":"exploded"}"#)?.0, .wrongType)
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"weather_radar"}"#)?.0, .unknownKind)
        let long = #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","note":""# + String(repeating: "x", count: 70_000) + #""}"#
        XCTAssertEqual(skip(long)?.0, .tooLong)
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 99) + "}")?.0, .invalidJSON)
    }

    func testValidJSONIsReadBOMEscapedKeysAndDeepNesting() throws {
        // A byte-order mark before the first line's object.
        let bom = try XCTUnwrap(event("\u{FEFF}" + #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A"}"#))
        guard case .incident(let i) = bom.payload else { return XCTFail() }
        XCTAssertEqual(i.id, "A")
        // Every key escaped.
        let escaped = try XCTUnwrap(event(#"{"\u0076":1,"\u0074\u0073":"2026-11-23T07:15:00Z","\u006bind":"sensor","st\u0061tion":"s","s\u0065nsor":"ispu","valu\u0065":42,"\u006cat":-6.2,"lo\u006e":106.6}"#))
        guard case .sensor(let s) = escaped.payload else { return XCTFail() }
        XCTAssertEqual(s.value, 42)
        XCTAssertEqual(s.place.location, GeoPoint(lat: -6.2, lon: 106.6))
        // Nesting far deeper than any recursion could take, in an unknown field, objects and
        // arrays mixed: read and ignored.
        let depth = 7_000 // 14,000 levels, within the 64 KiB a line may have
        let deep = String(repeating: #"{"a":["#, count: depth) + "1" + String(repeating: "]}", count: depth)
        let nested = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T07:15:00Z","x":"# + deep + #","kind":"incident","id":"B"}"#))
        guard case .incident(let b) = nested.payload else { return XCTFail() }
        XCTAssertEqual(b.id, "B")
        // The same nesting broken anywhere is still invalid JSON.
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","x":"# + deep.dropLast() + #","kind":"incident","id":"B"}"#)?.0, .invalidJSON)
        XCTAssertEqual(skip(#"{"v":1,"ts":"2026-11-23T07:15:00Z","x":"# + deep.replacingOccurrences(of: "]}]}]}", with: "]]}]}}") + #","kind":"incident","id":"B"}"#)?.0, .invalidJSON)
        XCTAssertEqual(skip(#"{"v":1,"x":[{"a":1,}],"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"B"}"#)?.0, .invalidJSON)
        XCTAssertEqual(skip(#"{"v":1,"x":{"a" 1},"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"B"}"#)?.0, .invalidJSON)
        XCTAssertEqual(skip(#"{"v":1,"x":[{}, [], {"":[]}],"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"B"}"#)?.0, nil)
    }

    func testNumbersOutOfTheirPlausibleRangeAreSkippedWithTheirField() {
        let traffic = #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"traffic","segment":"s","road":"r","#
        let cases: [(String, String)] = [
            (traffic + #""speed_kmh":9.3e18}"#, "speed_kmh"),
            (traffic + #""speed_kmh":-1}"#, "speed_kmh"),
            (traffic + #""free_flow_kmh":1e999}"#, "free_flow_kmh"),
            (traffic + #""jam_level":6}"#, "jam_level"),
            (traffic + #""jam_level":-1}"#, "jam_level"),
            (traffic + #""jam_level":1e300}"#, "jam_level"),
            (traffic + #""delay_s":1e19}"#, "delay_s"),
            (traffic + #""length_m":-5}"#, "length_m"),
            (traffic + #""lat":91,"lon":106.6}"#, "lat"),
            (traffic + #""lat":-6.2,"lon":-180.5}"#, "lon"),
            (traffic + #""lon":1e308}"#, "lon"),
            (#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","severity":7}"#, "severity"),
            (#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","severity":0}"#, "severity"),
            (#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"s","sensor":"ispu","value":1e19}"#, "value"),
            (#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"s","sensor":"water_level","value":-1e999}"#, "value"),
            (#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"s","sensor":"humidity","value":101}"#, "value"),
            (#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"s","sensor":"discharge","value":-1e13}"#, "value"),
            (#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"ticket","id":"T","sla_h":1e9}"#, "sla_h"),
        ]
        for (line, field) in cases {
            let s = skip(line)
            XCTAssertEqual(s?.0, .outOfRange, line)
            XCTAssertEqual(s?.1, field, line)
        }
        // A fraction where a whole number belongs is still the wrong type.
        XCTAssertEqual(skip(traffic + #""jam_level":2.5}"#)?.0, .wrongType)
        // The bounds themselves are plausible.
        guard case .traffic(let t) = event(traffic + #""speed_kmh":400,"free_flow_kmh":0,"jam_level":5,"delay_s":0,"lat":-90,"lon":180}"#)?.payload else { return XCTFail() }
        XCTAssertEqual(t.speedKmh, 400)
        XCTAssertEqual(t.jamLevel, 5)
        XCTAssertEqual(t.place.location, GeoPoint(lat: -90, lon: 180))
        guard case .incident(let i) = event(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","severity":1}"#)?.payload else { return XCTFail() }
        XCTAssertEqual(i.severity, 1)
    }

    func testInvalidUTF8IsSkipped() {
        var bytes = Array(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"A","title":"x"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}"#.utf8)
        let outcome = bytes.withUnsafeBytes { decoder.decode($0) }
        guard case .skip(let r, _) = outcome else { return XCTFail("accepted invalid UTF-8") }
        XCTAssertEqual(r, .invalidJSON)
    }

    func testNullOptionalFieldsAndNullIslandAreAbsent() throws {
        let e = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"ticket","id":"T1","agency":null,"lat":0,"lon":0}"#))
        guard case .ticket(let t) = e.payload else { return XCTFail() }
        XCTAssertNil(t.agency)
        XCTAssertNil(t.place.location)
    }

    func testEncoderRoundTripsThroughTheDecoder() throws {
        var u = IncidentUpdate(id: "INC-1")
        u.category = .fire
        u.severity = 4
        u.title = "Kebakaran \u{1B}[31m gudang\t\"A\""
        u.place = Place(district: "Karawaci", address: "Jl. Imam Bonjol 3", location: GeoPoint(lat: -6.18, lon: 106.61))
        u.note = "line1\nline2"
        u.expires = RFC3339.parse("2026-11-23T18:30:00+07:00")
        let original = FeedEvent(time: RFC3339.parse("2026-11-23T10:00:00+07:00")!, source: "test", payload: .incident(u))
        let line = FeedEventEncoder.line(for: original)
        XCTAssertFalse(line.contains("\n"))
        let back = try XCTUnwrap(event(line))
        guard case .incident(let b) = back.payload else { return XCTFail() }
        XCTAssertEqual(b, u)
        XCTAssertEqual(back.source, "test")
        XCTAssertEqual(back.time, original.time)
        XCTAssertTrue(line.contains(#""expires":"2026-11-23T18:30:00+07:00""#), line)
    }

    func testExpiresIsDecodedAndAWrongOneIsSkipped() throws {
        let e = try XCTUnwrap(event(#"{"v":1,"ts":"2026-11-23T07:15:00+07:00","kind":"incident","id":"CAP-1","expires":"2026-11-23T09:00:00+07:00"}"#))
        guard case .incident(let u) = e.payload else { return XCTFail() }
        XCTAssertEqual(u.expires, RFC3339.parse("2026-11-23T09:00:00+07:00"))
        let bad = skip(#"{"v":1,"ts":"2026-11-23T07:15:00+07:00","kind":"incident","id":"CAP-1","expires":"soon"}"#)
        XCTAssertEqual(bad?.0, .wrongType, "like any field of the wrong type")
        XCTAssertEqual(bad?.1, "expires")
    }
}
