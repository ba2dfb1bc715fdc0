/// Scans a JSON number from raw bytes and computes its value on the way, correctly rounded
/// (bit for bit what `strtod` gives), for the feed decoder's hot path and the format parser.
///
/// A mantissa up to 2^53 (every 15-digit one, most 16-digit coordinates) and no exponent:
/// mantissa / 10^k, both exact doubles, so the one rounding of the division is the correct
/// one. Up to 19 digits or an exponent: Eisel–Lemire on the exact 64-bit significand. More
/// digits: Eisel–Lemire on the first 19 and on the same plus one; when both agree that is the
/// answer. Only what Eisel–Lemire cannot decide goes to
/// the standard library's parser (`strtod` in the C locale, whatever the process's locale).
public enum JSONNumber {
    /// Scans the number at `i` (a `-` or a digit; `i < count`), leaving `i` after it. False when
    /// the bytes are not a JSON number (`01`, `1.`, `-`, `1e`).
    @inline(__always)
    public static func scan(_ base: UnsafePointer<UInt8>, count: Int, at i: inout Int, value: inout Double) -> Bool {
        let start = i
        var negative = false
        if base[i] == 45 {
            negative = true
            i += 1
            guard i < count else { return false }
        }
        var mantissa: UInt64 = 0
        var digits = 0
        let first = base[i]
        if first == 48 {
            i += 1
        } else if first &- 49 < 9 {
            digitRun(base, count: count, at: &i, mantissa: &mantissa, digits: &digits)
        } else {
            return false
        }
        var fracDigits = 0
        if i < count, base[i] == 46 {
            i += 1
            digitRun(base, count: count, at: &i, mantissa: &mantissa, digits: &fracDigits)
            guard fracDigits > 0 else { return false }
        }
        let total = digits + fracDigits
        if i < count, base[i] | 0x20 == 101 { // e or E
            i += 1
            var expNegative = false
            if i < count, base[i] == 43 || base[i] == 45 {
                expNegative = base[i] == 45
                i += 1
            }
            let s = i
            var exponent = 0
            while i < count {
                let d = base[i] &- 48
                if d > 9 { break }
                // Beyond any double's range either way; saturate rather than overflow.
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                i += 1
            }
            guard i > s else { return false }
            if total <= 19 {
                let q = (expNegative ? -exponent : exponent) - fracDigits
                if let v = EiselLemire.double(significand: mantissa, exponent: q, negative: negative) {
                    value = v
                    return true
                }
            }
        } else if total <= 19 {
            if mantissa <= 1 << 53 {
                let v = Double(mantissa) / powersOfTen[fracDigits]
                value = negative ? -v : v
                return true
            }
            if let v = EiselLemire.double(significand: mantissa, exponent: -fracDigits, negative: negative) {
                value = v
                return true
            }
        }
        value = longValue(UnsafeRawBufferPointer(start: base + start, count: i - start))
        return true
    }

    /// Consumes the digits at `i`, adding them to `mantissa` (wrapping: only up to 19 digits
    /// are used) and counting them in `digits`. Eight bytes at a time while the line has eight
    /// more (full-precision coordinates have 13–16 fraction digits), SWAR as in fast_float: which
    /// of the eight bytes are digits, then three multiplies for the digits before the first that
    /// is not (shifted up, so the bytes below them read as leading zeros); the last bytes of a
    /// line one by one.
    @inline(__always)
    static func digitRun(_ base: UnsafePointer<UInt8>, count: Int, at i: inout Int, mantissa: inout UInt64,
                            digits: inout Int) {
        while i + 8 <= count {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // The high bit of each byte that is not a digit; only the lowest is certain (a carry
            // or borrow moves upwards), and only it is used.
            let notDigit = ((w &+ 0x4646_4646_4646_4646) | (w &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080
            let n = notDigit.trailingZeroBitCount >> 3
            if n == 0 { return }
            var v = (w &- 0x3030_3030_3030_3030) << UInt64((8 - n) << 3)
            v = (v &* 10) &+ (v >> 8)
            v = ((v & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064
                &+ ((v >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001) >> 32
            mantissa = mantissa &* integerPowersOfTen[n] &+ v
            digits += n
            i += n
            if n < 8 { return }
        }
        while i < count {
            let d = base[i] &- 48
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            digits += 1
            i += 1
        }
    }

    /// The value of a scanned number with more than 19 digits (or one Eisel–Lemire left
    /// undecided): the first 19 significant digits, truncated and rounded up, bracket it; when
    /// both give the same double, that is the value. Else the standard library's parser.
    static func longValue(_ text: UnsafeRawBufferPointer) -> Double {
        var i = 0
        let n = text.count
        let negative = text[0] == 45
        if negative { i = 1 }
        var w: UInt64 = 0
        var significant = 0 // significant digits seen (from the first non-zero one)
        var kept = 0 // of which kept in `w` (at most 19)
        var truncated = false
        var fracDigits = 0
        var inFraction = false
        while i < n {
            let c = text[i]
            if c == 46 {
                inFraction = true
            } else if c &- 48 <= 9 {
                let d = UInt64(c &- 48)
                if inFraction { fracDigits += 1 }
                if significant > 0 || d != 0 {
                    significant += 1
                    if kept < 19 {
                        w = w * 10 + d
                        kept += 1
                    } else if d != 0 {
                        truncated = true
                    }
                }
            } else {
                break
            }
            i += 1
        }
        var exponent = 0
        if i < n {
            i += 1 // e or E
            var expNegative = false
            if text[i] == 43 || text[i] == 45 {
                expNegative = text[i] == 45
                i += 1
            }
            while i < n {
                if exponent < 100_000 { exponent = exponent * 10 + Int(text[i] &- 48) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        // value = (all digits as an integer) × 10^(exponent - fracDigits)
        //       ≈ w × 10^(significant - kept) × 10^(exponent - fracDigits)
        let q = exponent - fracDigits + (significant - kept)
        if let low = EiselLemire.double(significand: w, exponent: q, negative: negative) {
            if !truncated { return low }
            if let high = EiselLemire.double(significand: w + 1, exponent: q, negative: negative), high == low {
                return low
            }
        }
        return Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }
}

/// 10^k for k in 0...8, the factor a run of k digits moves a mantissa up by.
private let integerPowersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

/// 10^k for k in 0...22, all exact doubles.
private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
