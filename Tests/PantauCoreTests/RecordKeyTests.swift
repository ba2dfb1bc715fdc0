import Foundation
import XCTest
@testable import PantauCore

/// The key the store finds segments and stations by: equal ids make equal keys with equal
/// hashes, different ids different keys, and a dictionary keyed by it is written exactly as
/// one keyed by strings (so checkpoints read and write as before).
final class RecordKeyTests: XCTestCase {
    func testEqualIdsMakeEqualKeysAndDifferentIdsDifferentOnes() {
        // Every length from empty to past several words, so the digest's tail (0 to 7 bytes
        // after the last whole word) is covered: each prefix is its own key.
        let text = "tol-jakarta-tangerang-06/water_level"
        var seen: [RecordKey: Int] = [:]
        var prefixes = (0...text.utf8.count).map { String(text.utf8.prefix($0))! }
        prefixes += ["Jl. Daan Mogot · Batuceper", "é", "👩‍🚒 unit", "spku-jatiuwung/é"]
        for (i, p) in prefixes.enumerated() {
            let key = RecordKey(p)
            // Made again from a copy of other storage: the same key and hash.
            let again = RecordKey(String(decoding: Array(p.utf8), as: UTF8.self))
            XCTAssertEqual(key, again, p)
            XCTAssertEqual(key.hashValue, again.hashValue, p)
            XCTAssertNil(seen[key], "\(p) collides with \(seen[key].map { prefixes[$0] } ?? "")")
            seen[key] = i
        }
        XCTAssertEqual(seen.count, prefixes.count)
        // One byte changed anywhere in a word or in the tail: another key.
        let base = Array("segment-0123456789-abcdefgh".utf8)
        for i in base.indices {
            var changed = base
            changed[i] ^= 1
            XCTAssertNotEqual(RecordKey(String(decoding: changed, as: UTF8.self)), RecordKey(String(decoding: base, as: UTF8.self)), "byte \(i)")
        }
    }

    func testIdsAreComparedAndSortedByTheirBytes() {
        // Two spellings of é (precomposed, and e with a combining accent) are equal as
        // `String`s but are two ids a source could send for two records.
        XCTAssertEqual("caf\u{E9}", "cafe\u{301}")
        XCTAssertNotEqual(RecordKey("caf\u{E9}"), RecordKey("cafe\u{301}"))
        let ids = ["b", "a-2", "a-10", "Z", "é", "e"]
        XCTAssertEqual(ids.map { RecordKey($0) }.sorted().map(\.id), ["Z", "a-10", "a-2", "b", "e", "é"])
        XCTAssertEqual(RecordKey("pa-sepuluh").description, "pa-sepuluh")
        let literal: RecordKey = "pa-sepuluh"
        XCTAssertEqual(literal, RecordKey("pa-sepuluh"))
    }

    func testADictionaryKeyedByItIsWrittenAsOneKeyedByStrings() throws {
        let byString = ["pa-sepuluh": 217.0, "situ-cipondoh": 118.5, "spku-jatiuwung/pm10": 41]
        let byKey = Dictionary(uniqueKeysWithValues: byString.map { (RecordKey($0.key), $0.value) })
        XCTAssertEqual(try CompactEncoder.encode(byKey), try CompactEncoder.encode(byString))
        let json = JSONEncoder()
        json.outputFormatting = .sortedKeys
        XCTAssertEqual(try json.encode(byKey), try json.encode(byString))
        // And read back from what either wrote.
        XCTAssertEqual(try JSONDecoder().decode([RecordKey: Double].self, from: json.encode(byString)), byKey)
        XCTAssertEqual(try CompactDecoder.decode([RecordKey: Double].self, from: CompactEncoder.encode(byString)), byKey)
    }

    func testAStatesSegmentsAndStationsSurviveItsCanonicalEncoding() throws {
        var state = CityState()
        var u = TrafficUpdate(segment: "daan-mogot-01", road: "Jl. Daan Mogot")
        u.jamLevel = 4
        state.apply(FeedEvent(time: Instant(millis: 1_000), source: "waze", payload: .traffic(u)))
        for (kind, value) in [(SensorKind.ispu, 66.0), (.pm10, 41), (.humidity, 80)] {
            state.apply(FeedEvent(time: Instant(millis: 2_000), source: "spku",
                                  payload: .sensor(SensorReading(station: "spku-jatiuwung", sensor: kind, value: value))))
        }
        for lanes in [1, 4] {
            let back = try CityState(canonicalEncoding: state.canonicalEncoding(), lanes: lanes)
            XCTAssertEqual(back.segments["daan-mogot-01"]?.jamLevel, 4)
            XCTAssertEqual(Set(back.stations.keys.map(\.id)), ["spku-jatiuwung", "spku-jatiuwung/pm10", "spku-jatiuwung/humidity"])
            XCTAssertEqual(back.stations["spku-jatiuwung/pm10"]?.value, 41)
            XCTAssertEqual(try back.canonicalEncoding(), try state.canonicalEncoding())
        }
    }
}
