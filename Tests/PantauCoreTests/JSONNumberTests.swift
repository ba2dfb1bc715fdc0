import Foundation
import PantauCore
import XCTest

/// The decoder's number parser must give, bit for bit, what the C library's `strtod` gives,
/// over random numbers and the cases that break fast paths: subnormals, the 2^53 boundary,
/// 19- and 20-digit mantissas, values exactly halfway between two doubles (and a digit either
/// side), and exponents at the limits.
final class JSONNumberTests: XCTestCase {
    /// A small, seeded generator (SplitMix64), so a failure can be reproduced from its seed.
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The seed (`PANTAU_TEST_SEED` to try another).
    private let seed = UInt64(ProcessInfo.processInfo.environment["PANTAU_TEST_SEED"] ?? "") ?? 20_261_123
    private var failures = 0

    /// Parses `text` both ways and records a mismatch. Ours parses it twice: at the end of its
    /// bytes, and with the rest of a line after it (as in a feed, where eight bytes at a time
    /// are read past the number's last digit).
    private func check(_ text: [UInt8]) {
        var buffer = text
        buffer.append(0)
        let suffix = Array(#","lon":106.6}"#.utf8)
        let (ours, consumed, expected): (Double?, Int, Double) = buffer.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            var i = 0
            var value = 0.0
            let ok = JSONNumber.scan(base, count: text.count, at: &i, value: &value)
            let c = base.withMemoryRebound(to: CChar.self, capacity: text.count + 1) { strtod($0, nil) }
            return (ok ? value : nil, i, c)
        }
        let inLine: (Double?, Int) = (text + suffix).withUnsafeBufferPointer { p in
            var i = 0
            var value = 0.0
            let ok = JSONNumber.scan(p.baseAddress!, count: p.count, at: &i, value: &value)
            return (ok ? value : nil, i)
        }
        guard let ours, consumed == text.count, ours.bitPattern == expected.bitPattern,
              inLine.1 == text.count, inLine.0?.bitPattern == ours.bitPattern else {
            failures += 1
            if failures <= 10 {
                XCTFail("seed \(seed): \(String(decoding: text, as: UTF8.self)) → \(ours.map { "\($0)" } ?? "refused") (consumed \(consumed) of \(text.count)), strtod \(expected)")
            }
            return
        }
    }

    private func check(_ text: String) { check(Array(text.utf8)) }

    private static func digits<G: RandomNumberGenerator>(_ n: Int, using g: inout G, leadingNonZero: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n)
        for k in 0..<n {
            let d = UInt8(truncatingIfNeeded: g.next() % 10)
            out.append(48 + (k == 0 && leadingNonZero && d == 0 ? 1 : d))
        }
        return out
    }

    /// The exact decimal expansion of `odd × 2^power2` (power2 ≤ 0), as digits and a point.
    private static func exactDecimal(odd: UInt64, power2: Int) -> String {
        // odd × 2^-k = odd × 5^k / 10^k: multiply the decimal digits (little-endian) by 5, k times.
        var digits: [UInt8] = Array(String(odd).utf8.reversed().map { $0 - 48 })
        let k = -power2
        for _ in 0..<k {
            var carry: UInt8 = 0
            for j in digits.indices {
                let v = digits[j] * 5 + carry
                digits[j] = v % 10
                carry = v / 10
            }
            if carry > 0 { digits.append(carry) }
        }
        while digits.count <= k { digits.append(0) }
        let text = String(digits.reversed().map { Character(Unicode.Scalar($0 + 48)) })
        let point = text.count - k
        return k == 0 ? text : String(text.prefix(point)) + "." + String(text.dropFirst(point))
    }

    func testMatchesStrtodBitForBitOverRandomAndEdgeCases() {
        var g = SplitMix64(state: seed)
        let fixed = [
            "0", "-0", "0.0", "-0.0", "1", "-1", "0.1", "0.5", "9007199254740992", "9007199254740993",
            "9007199254740994", "9007199254740995", "18014398509481985", "18014398509481987",
            "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
            "99999999999999999999", "1234567890123456789", "12345678901234567890", "0.1234567890123456789",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
            "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.470328229206232720882e-324", "5e-324", "1e-323", "4e-324", "3e-324", "2e-324",
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "1.797693134862315807e308", "1.7976931348623158079e308", "1e308", "1e309", "1e-400", "1e400",
            "0e999999999", "1e-999999999999", "1e999999999999", "123e-342", "1e-342", "1e-343", "9e-343",
            "7.2057594037927933e16", "7.2057594037927935e16", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "-6.17023456789012345", "106.66551234567891", "106.665512345678912345",
            "0.000000000000000000000000000000000000000000001", "1E+2", "1e-0", "2.5E-3",
        ]
        for t in fixed { check(t) }

        // Random bit patterns (every finite double, subnormals included), shortest and 17 digits.
        for n in 0..<200_000 {
            let d = Double(bitPattern: g.next())
            guard d.isFinite else { continue }
            check(d.description)
            if n % 4 == 0 { check(String(format: "%.17g", d)) }
            if n % 8 == 0 { check(String(format: "%.25e", d)) } // longer than 19 digits
        }
        // Subnormals and the smallest normals.
        for _ in 0..<50_000 {
            let d = Double(bitPattern: g.next() & 0x001F_FFFF_FFFF_FFFF)
            check(d.description)
            check(String(format: "%.17g", d))
        }
        // Plain decimals the way feeds write them: 1–20 integer digits, 0–20 fraction digits.
        for _ in 0..<300_000 {
            var t: [UInt8] = g.next() & 1 == 0 ? [45] : []
            let intDigits = Int(g.next() % 20) + 1
            if g.next() % 8 == 0 { t.append(48) } else { t += Self.digits(intDigits, using: &g) }
            let frac = Int(g.next() % 21)
            if frac > 0 { t.append(46); t += Self.digits(frac, using: &g, leadingNonZero: false) }
            check(t)
        }
        // Significands of up to 20 digits against exponents across (and past) the whole range.
        for _ in 0..<250_000 {
            var t = Self.digits(Int(g.next() % 20) + 1, using: &g)
            if g.next() & 1 == 0, t.count > 1 { t.insert(46, at: 1) }
            t.append(g.next() & 1 == 0 ? 101 : 69)
            let e = Int(g.next() % 700) - 360
            t += Array(String(e).utf8)
            check(t)
        }
        // Exactly halfway between two doubles, and the last digit one either way; integers
        // around 2^53…2^64 and fractions near 1.
        for _ in 0..<20_000 {
            let shift = Int(g.next() % 11) // spacing 2^(shift+1) in [2^(53+shift), 2^(54+shift))
            let m = (g.next() >> 11) | (1 << 52) // 53-bit significand
            let half = (m << 1 | 1) << UInt64(shift) // (2m+1) × 2^shift: halfway between m and m+1 ulps
            check(String(half))
            check(String(half - 1))
            check(String(half + 1))
            check(String(half) + ".000000000000000000001")
            let k = Int(g.next() % 60) + 1 // halfway at small negative powers of two
            let exact = Self.exactDecimal(odd: m << 1 | 1, power2: -k - 1)
            check(exact)
            var bytes = Array(exact.utf8)
            if let last = bytes.last, last != 46 {
                bytes[bytes.count - 1] = last == 48 ? 49 : last - 1
                check(bytes)
                bytes.append(49)
                check(bytes)
            }
        }
        XCTAssertEqual(failures, 0, "seed \(seed)")
    }
}
