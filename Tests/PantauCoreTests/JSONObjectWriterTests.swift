@testable import PantauCore
import PantauTestSupport
import XCTest

/// The byte writer gives the text the string-building writer it replaced gave (kept here as the
/// reference), on seeded random values and the edges; times keep their milliseconds.
final class JSONObjectWriterTests: XCTestCase {
    // MARK: - The reference: the writer as it was, building `String`s

    private static func referenceNumber(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        let s = String(v)
        if s.contains("e") { return s }
        return String((v * 1_000_000).rounded() / 1_000_000)
    }

    private static func referenceQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private func number(_ v: Double) -> String {
        var out: [UInt8] = []
        JSONObjectWriter.appendNumber(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        var copy = s
        JSONObjectWriter.appendQuoted(&copy, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func time(_ t: Instant) -> String {
        var out: [UInt8] = []
        JSONObjectWriter.appendTime(t, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Numbers

    func testNumbersAtTheEdgesAreWrittenAsBefore() {
        let edges: [Double] = [
            0, -0.0, 1, -1, 0.5, -0.5, 38.6, -6.181483562205433, 106.61500457238853, 0.1 + 0.2,
            0.001, -0.001, 0.0009999999, 0.00099999949, 0.0001, 0.00001, 1e-7, 5e-7, 4.9999e-7, 1.0000005,
            2.0000004, 2.9999995, 999_999_999.9999994, 999_999_999.9999996, 1e9, 1e9 + 0.5, 123_456_789.123456789,
            1e14 + 0.25, 999_999_999_999_999.0, 1e15, 1e15 + 2, 1e16, 1e17, 4.5e15 + 0.5, -1e20, 1e300, Double.leastNonzeroMagnitude,
            Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, Double.leastNormalMagnitude,
            0.0000005, 0.0000015, 12.3456785, 12.3456775, -12.3456785,
        ]
        for v in edges {
            XCTAssertEqual(number(v), Self.referenceNumber(v), "\(v)")
        }
    }

    func testRandomNumbersAreWrittenAsBefore() {
        let seed = SeededRandom.seed(default: 0x5EED_0A17)
        var rng = SeededRandom(seed: seed)
        for _ in 0..<300_000 {
            let v: Double
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: v = Double(bitPattern: rng.next())                                  // any bits
            case 1: v = Double.random(in: -1...1, using: &rng) * pow(10, Double(Int.random(in: -9...17, using: &rng)))
            case 2: v = Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 10  // one decimal
            default: v = Double.random(in: -180...180, using: &rng)                     // a coordinate
            }
            guard v.isFinite else { continue }
            let expected = Self.referenceNumber(v)
            if number(v) != expected {
                return XCTFail("\(v) (bits \(v.bitPattern)): \(number(v)) instead of \(expected), \(SeededRandom.describe(seed))")
            }
        }
    }

    func testIntegersAreTheirDigits() {
        for v: Int64 in [0, 7, -7, 10, 1_000_000, Int64.max, Int64.min, Int64.min + 1] {
            var out: [UInt8] = []
            JSONObjectWriter.appendInteger(v, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(v))
        }
    }

    // MARK: - Strings

    func testStringsAreQuotedAsBefore() {
        let samples = [
            "", "Jl. Daan Mogot", "quote \" and backslash \\", "line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
            "Pintu Air Sepuluh — siaga ⚠︎", "é (U+00E9), 中文, 🚒", "\u{85} next line, \u{2028} separator",
            String(repeating: "a", count: 300) + "\"",
        ]
        for s in samples { XCTAssertEqual(quoted(s), Self.referenceQuoted(s), s.debugDescription) }
        let seed = SeededRandom.seed(default: 0x0517_1265)
        var rng = SeededRandom(seed: seed)
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}",
                                      "\u{80}", "é", "—", "中", "🚒"]
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...40, using: &rng) { s.unicodeScalars.append(pool.randomElement(using: &rng)!) }
            if quoted(s) != Self.referenceQuoted(s) {
                return XCTFail("\(s.debugDescription), \(SeededRandom.describe(seed))")
            }
        }
    }

    // MARK: - Times

    func testWholeSecondsAreWrittenAsRFC3339FormatWritesThem() {
        for text in ["2026-11-23T08:00:00+07:00", "1970-01-01T07:00:00+07:00", "2012-04-11T15:38:59+07:00",
                     "2099-12-31T23:59:59+07:00"] {
            let t = RFC3339.parse(text)!
            XCTAssertEqual(time(t), RFC3339.format(t))
            XCTAssertEqual(time(t), text)
        }
    }

    func testMillisecondsAreKeptAndReadBack() {
        let t = RFC3339.parse("2026-11-01T00:00:12.607535+07:00")!
        XCTAssertEqual(time(t), "2026-11-01T00:00:12.607+07:00")
        XCTAssertEqual(RFC3339.parse(time(t)), t, "the decoder reads back the millisecond the store keeps")
        XCTAssertEqual(time(Instant(millis: 1_795_000_000_001)), RFC3339.format(Instant(millis: 1_795_000_000_000)).replacingOccurrences(of: "+07:00", with: ".001+07:00"))
    }

    func testAnEventLineReadsBackAsTheSameEvent() throws {
        var update = TrafficUpdate(segment: "imam-bonjol-02", road: "Jl. \"Imam\" Bonjol\n")
        update.speedKmh = 38.6
        update.place.location = GeoPoint(lat: -6.181483562205433, lon: 106.61500457238853)
        let event = FeedEvent(time: Instant(millis: 1_795_000_012_607), source: "simulator", payload: .traffic(update))
        let line = FeedEventEncoder.line(for: event)
        XCTAssertEqual(line, #"{"v":1,"ts":"2026-11-18T18:06:52.607+07:00","kind":"traffic","src":"simulator","segment":"imam-bonjol-02","road":"Jl. \"Imam\" Bonjol\n","speed_kmh":38.6,"lat":-6.181484,"lon":106.615005}"#)
        guard case .event(let back) = FeedLineDecoder().decode(line), case .traffic(let u) = back.payload else {
            return XCTFail("the line decodes")
        }
        XCTAssertEqual(back.time, event.time)
        XCTAssertEqual(u.road, update.road)
    }
}
