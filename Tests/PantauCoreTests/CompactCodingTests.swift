import Foundation
import PantauCore
import XCTest

final class CompactCodingTests: XCTestCase {
    enum Shape: Codable, Equatable {
        case empty
        case labelled(name: String, size: Int)
        case pair(Int64, Double)
    }

    struct Sample: Codable, Equatable {
        var ints: [Int64]
        var unsigned: UInt64
        var small: Int8
        var float: Float
        var text: String
        var missing: String?
        var present: Int?
        var nested: [String: [Int]]
        var shapes: [Shape]
        var flags: [Bool]
        var optionals: [String?]
    }

    let sample = Sample(ints: [0, 1, -1, 63, -64, 300, .max, .min], unsigned: .max, small: -128, float: 1.5,
                        text: "Banjir 40 cm — Karang Tengah ☔", missing: nil, present: 7,
                        nested: ["b": [2], "a": [], "ü": [1, -1]], shapes: [.empty, .labelled(name: "x", size: -3), .pair(9, -0.0)],
                        flags: [true, false], optionals: ["a", nil, ""])

    func testRoundTrip() throws {
        let data = try CompactEncoder.encode(sample)
        XCTAssertEqual(try CompactDecoder.decode(Sample.self, from: data), sample)
        let nan = try CompactDecoder.decode([Double].self, from: CompactEncoder.encode([Double.nan, .infinity, -.infinity, 0.1]))
        XCTAssertTrue(nan[0].isNaN)
        XCTAssertEqual(Array(nan[1...]), [.infinity, -.infinity, 0.1])
    }

    /// Keys are written sorted: dictionaries built in different orders give the same bytes.
    func testKeyedContainersAreWrittenInKeyOrder() throws {
        var a = [String: Int](), b = [String: Int](minimumCapacity: 1000)
        for i in 0..<200 { a["k\(i)"] = i }
        for i in (0..<200).reversed() { b["k\(i)"] = i }
        XCTAssertEqual(try CompactEncoder.encode(a), try CompactEncoder.encode(b))
    }

    func testAWrongTypeOrAMissingKeyThrows() throws {
        XCTAssertThrowsError(try CompactDecoder.decode([String].self, from: CompactEncoder.encode([1, 2])))
        XCTAssertThrowsError(try CompactDecoder.decode(Int8.self, from: CompactEncoder.encode(300)))
        XCTAssertThrowsError(try CompactDecoder.decode(Sample.self, from: CompactEncoder.encode(["text": "x"])))
    }

    /// Damaged bytes are an error, never a crash: every truncation, and seeded random changes.
    func testDamagedBytesThrowAndNeverCrash() throws {
        let data = [UInt8](try CompactEncoder.encode(sample))
        for n in 0..<data.count {
            XCTAssertThrowsError(try CompactDecoder.decode(Sample.self, from: Data(data[0..<n])), "cut at \(n)")
        }
        let seed = UInt64(ProcessInfo.processInfo.environment["PANTAU_TEST_SEED"].flatMap(UInt64.init) ?? 11)
        print("seed \(seed)")
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for _ in 0..<2000 {
            var damaged = data
            for _ in 0..<(1 + next() % 3) { damaged[next() % damaged.count] = UInt8(truncatingIfNeeded: next()) }
            _ = try? CompactDecoder.decode(Sample.self, from: Data(damaged))
        }
    }

    /// A keyed container written by hand: each key as the encoder writes it, in the order given.
    private func keyed(_ pairs: [(String, Int64)]) -> Data {
        var body = [UInt8]()
        for (key, value) in pairs {
            body.append(UInt8(key.utf8.count))
            body += key.utf8
            body.append(3) // a signed integer, zigzag
            body.append(UInt8(value << 1))
        }
        return Data([8, UInt8(pairs.count), UInt8(body.count)] + body)
    }

    struct Three: Codable, Equatable {
        var a: Int64
        var b: Int64
        var c: Int64
    }

    /// Keys are found by binary search in the encoder's order; bytes in another order (a
    /// foreign or older writer) still decode, by a scan, the last of equal keys winning.
    func testKeysAreFoundInAnyOrder() throws {
        XCTAssertEqual(try CompactDecoder.decode(Three.self, from: keyed([("a", 1), ("b", 2), ("c", 3)])), Three(a: 1, b: 2, c: 3))
        XCTAssertEqual(try CompactDecoder.decode(Three.self, from: keyed([("c", 3), ("a", 1), ("b", 2)])), Three(a: 1, b: 2, c: 3))
        XCTAssertEqual(try CompactDecoder.decode(Three.self, from: keyed([("a", 1), ("b", 2), ("b", 5), ("c", 3)])), Three(a: 1, b: 5, c: 3))
        XCTAssertEqual(try CompactDecoder.decode([String: Int64].self, from: keyed([("b", 2), ("a", 1), ("b", 4)])), ["a": 1, "b": 4])
        XCTAssertThrowsError(try CompactDecoder.decode(Three.self, from: keyed([("a", 1), ("c", 3)])), "b is missing")
        XCTAssertThrowsError(try CompactDecoder.decode(Three.self, from: keyed([("c", 3), ("a", 1)])), "b is missing")
    }

    /// Big dictionaries, keyed by strings of every length and by integers (written in the
    /// order of their digits), read back whole; a key that is a prefix of another is told apart.
    func testBigDictionariesReadBack() throws {
        var byText = [String: Int](), byNumber = [Int: String]()
        for i in 0..<3000 {
            byText[String(repeating: "k", count: i % 40) + "\(i)"] = i
            byNumber[i * 7 - 9000] = "v\(i)"
        }
        byText["k"] = -1
        byText["kk"] = -2
        byText[""] = -3
        XCTAssertEqual(try CompactDecoder.decode([String: Int].self, from: CompactEncoder.encode(byText)), byText)
        XCTAssertEqual(try CompactDecoder.decode([Int: String].self, from: CompactEncoder.encode(byNumber)), byNumber)
    }
}
