import PantauCore
import PantauTestSupport
import XCTest

/// The decoder's fast paths (keys read as words, numbers parsed while scanned, events built in
/// place and lent to a closure) must agree with the plain, general answers.
final class FeedLineDecoderFastPathTests: XCTestCase {
    let decoder = FeedLineDecoder()

    private func sensorValue(_ valueText: String) -> Double? {
        let line = #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"x","sensor":"flow","value":"# + valueText + "}"
        guard case .event(let e) = decoder.decode(line), case .sensor(let r) = e.payload else { return nil }
        return r.value
    }

    func testNumbersMatchTheStandardLibrarysParser() {
        let seed = SeededRandom.seed(default: 0x5EED_0001)
        var rng = SeededRandom(seed: seed)
        var texts = ["0", "-0", "0.5", "1", "-6.1702", "106.6655", "123456789012345", "1234567890123456",
                     "0.1234567890123456789", "12345678901234567890", "1e2", "-1.5E+2", "2.5e-3", "9007199254740993"]
        for _ in 0..<2000 {
            let intDigits = Int.random(in: 1...10, using: &rng)
            let fracDigits = Int.random(in: 0...9, using: &rng)
            var t = Bool.random(using: &rng) ? "-" : ""
            t += String(Int.random(in: 1...9, using: &rng))
            for _ in 1..<intDigits { t += String(Int.random(in: 0...9, using: &rng)) }
            if fracDigits > 0 {
                t += "."
                for _ in 0..<fracDigits { t += String(Int.random(in: 0...9, using: &rng)) }
            }
            texts.append(t)
        }
        for t in texts {
            // Beyond the plausible range of a reading of an unknown kind, the line is skipped.
            if let d = Double(t), PlausibleRange.sensorValue(.other("flow")).contains(d) {
                XCTAssertEqual(sensorValue(t), d, "\(t), \(SeededRandom.describe(seed))")
            } else {
                XCTAssertNil(sensorValue(t), "\(t), \(SeededRandom.describe(seed))")
            }
        }
    }

    func testKeysOfEveryLengthAndPlaceAreRecognised() throws {
        // Keys near the end of the line (too close for the two-word read), 8- and 9-byte keys,
        // a 13-byte key, unknown keys of 15 and 16 bytes, an empty key.
        let line = #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"traffic","segment":"s1","road":"r","unknown_key_15b":1,"unknown_key_16by":[1],"":2,"free_flow_kmh":45,"district":"Periuk","jam_level":3,"length_m":900,"lon":106.6,"lat":-6.1}"#
        guard case .event(let e) = decoder.decode(line), case .traffic(let t) = e.payload else { return XCTFail() }
        XCTAssertEqual(t.freeFlowKmh, 45)
        XCTAssertEqual(t.place.district, "Periuk")
        XCTAssertEqual(t.jamLevel, 3)
        XCTAssertEqual(t.lengthMeters, 900)
        XCTAssertEqual(t.place.location, GeoPoint(lat: -6.1, lon: 106.6))
    }

    func testEscapedKeysAreTheirKeysAndTheLastDuplicateWins() throws {
        let line = #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"traffic","segm\u0065nt":"a","segment":"s1","road":"r1","r\u006fad":"r2"}"#
        guard case .event(let e) = decoder.decode(line), case .traffic(let t) = e.payload else { return XCTFail() }
        XCTAssertEqual(t.segment, "s1")
        XCTAssertEqual(t.road, "r2")
        let escapedOnly = #"{"\u0076":1,"t\u0073":"2026-11-23T07:15:00Z","\u006bind":"traffic","segm\u0065nt":"a","road":"r"}"#
        guard case .event(let e2) = decoder.decode(escapedOnly), case .traffic(let t2) = e2.payload else { return XCTFail() }
        XCTAssertEqual(t2.segment, "a")
        // An escape that makes an unknown key stays unknown.
        let unknown = #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"traffic","segment\u0073":"a","road":"r"}"#
        guard case .skip(let reason, let field) = decoder.decode(unknown) else { return XCTFail() }
        XCTAssertEqual(reason, .missingField)
        XCTAssertEqual(field, "segment")
    }

    func testAnEscapedKindIsStillRecognised() throws {
        let line = #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"tr\u0061ffic","segment":"s1","road":"r"}"#
        guard case .event(let e) = decoder.decode(line), case .traffic = e.payload else { return XCTFail() }
    }

    func testTheLendingPathGivesTheSameEventsAndSkips() throws {
        let lines = [
            #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"x","sensor":"ispu","value":3,"unit":"index","name":"SPKU Jatiuwung (Kawasan Industri)"}"#,
            #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"incident","id":"INC-20261101-0001","category":"flood","severity":3,"status":"new","title":"Genangan","note":"a\nb"}"#,
            #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"ticket","id":"T1","agency":"Dinas PUPR","created":"2026-11-22T07:15:00Z","sla_h":24,"status":"open"}"#,
            #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"weather_radar"}"#,
            #"{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"sensor","station":"x","sensor":"ispu","value":"high"}"#,
            "not json",
        ]
        var viaOutcome = CityState(), viaLending = CityState()
        var outcomeSkips: [SkipReason] = [], lendingSkips: [SkipReason] = []
        for line in lines {
            switch decoder.decode(line) {
            case .event(let e): viaOutcome.apply(e)
            case .skip(let r, _): outcomeSkips.append(r)
            }
            var copy = line
            let skip = copy.withUTF8 { decoder.decodeEvent(UnsafeRawBufferPointer($0), to: { viaLending.apply($0) }) }
            if let skip { lendingSkips.append(skip.reason) }
        }
        XCTAssertEqual(outcomeSkips, [.unknownKind, .wrongType, .invalidJSON])
        XCTAssertEqual(lendingSkips, outcomeSkips)
        XCTAssertEqual(viaLending.eventCount, viaOutcome.eventCount)
        XCTAssertEqual(viaLending.stations.keys.sorted(), viaOutcome.stations.keys.sorted())
        XCTAssertEqual(viaLending.incidents["INC-20261101-0001"]?.title, "Genangan")
        XCTAssertEqual(viaLending.tickets["T1"]?.agency, "Dinas PUPR")
    }
}

/// The decoder expects each key to be the one that followed the previous key in the last line
/// (feeds repeat one order); lines that break the pattern must decode as a fresh decoder does.
final class FeedLineDecoderKeyPredictionTests: XCTestCase {
    func testLinesInShuffledOrdersWithNearMissKeysDecodeAsAFreshDecoderDoes() {
        let seed = SeededRandom.seed(default: 0x5EED_0007)
        var rng = SeededRandom(seed: seed)
        let fields = [#""segment":"s1""#, #""road":"Jl. Daan Mogot""#, #""district":"Periuk""#, #""speed_kmh":31.5"#,
                      #""free_flow_kmh":45"#, #""jam_level":2"#, #""delay_s":40"#, #""length_m":900"#,
                      #""lat":-6.181483562205433"#, #""lon":106.61500457238853"#, #""src":"waze""#]
        // Keys one byte off a known key, longer or shorter, and an escaped known key.
        let nearMisses = [#""speed_kmhx":1"#, #""speed_km":2"#, #""la":3"#, #""lats":4"#, #""segment_":"x""#,
                          #""r\u006fad":"Jl. Escaped""#, #""jam_level ":5"#, #""free_flow_kmh_":6"#]
        let shared = FeedLineDecoder()
        var lines: [String] = []
        for k in 0..<3000 {
            var parts = [#""v":1"#, #""ts":"2026-11-23T07:15:00Z""#, #""kind":"traffic""#]
            var body = fields
            // Mostly one order (as a feed sends), now and then shuffled, with near misses or
            // a field left out.
            if k % 7 == 3 { body.shuffle(using: &rng) }
            if k % 5 == 1 { body.insert(nearMisses[Int.random(in: 0..<nearMisses.count, using: &rng)],
                                        at: Int.random(in: 0...body.count, using: &rng)) }
            if k % 11 == 2 { body.remove(at: Int.random(in: 0..<body.count, using: &rng)) }
            parts += body
            lines.append("{" + parts.joined(separator: k % 13 == 4 ? ", " : ",") + "}")
        }
        var events = 0
        for line in lines {
            let expected = String(describing: FeedLineDecoder().decode(line))
            XCTAssertEqual(String(describing: shared.decode(line)), expected, "\(line), \(SeededRandom.describe(seed))")
            if expected.hasPrefix("event") { events += 1 }
        }
        // The lines are events (a near miss or a missing field does not make them skips).
        XCTAssertGreaterThan(events, 2500)
    }
}
