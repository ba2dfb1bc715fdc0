/// Correctly rounded decimal to binary64 conversion: the Eisel–Lemire algorithm as in
/// fast_float (D. Lemire, "Number Parsing at a Gigabyte per Second", 2021).
///
/// `w × 10^q` is computed from a 128-bit truncation of 5^q (`powersOfFive128`); the few
/// products whose truncated bits cannot decide the rounding return nil, and the caller falls
/// back to a full-precision parser (`strtod`).
enum EiselLemire {
    static let smallestPowerOfTen = -342
    static let largestPowerOfTen = 308

    /// `w × 10^q` correctly rounded to the nearest double (ties to even), with the sign
    /// applied; nil when the 128-bit product cannot decide. `w` is the exact decimal
    /// significand (at most 19 digits fit in it).
    @inline(__always)
    static func double(significand w: UInt64, exponent q: Int, negative: Bool) -> Double? {
        let sign: UInt64 = negative ? 1 << 63 : 0
        if w == 0 || q < smallestPowerOfTen { return Double(bitPattern: sign) }
        if q > largestPowerOfTen { return Double(bitPattern: sign | 0x7FF0_0000_0000_0000) }
        let lz = w.leadingZeroBitCount
        let ws = w << UInt64(lz)
        let index = 2 * (q - smallestPowerOfTen)
        var (hi, lo) = ws.multipliedFullWidth(by: powersOfFive128[index])
        // 55 bits (52 explicit, the hidden one, one to round, one for the top bit's shift) are
        // certain unless the bits below them are all ones: then add the next 64 bits of 5^q.
        let precisionMask: UInt64 = 0xFFFF_FFFF_FFFF_FFFF >> 55
        if hi & precisionMask == precisionMask {
            let (hi2, _) = ws.multipliedFullWidth(by: powersOfFive128[index + 1])
            let (sum, carry) = lo.addingReportingOverflow(hi2)
            lo = sum
            if carry { hi &+= 1 }
        }
        // Still ambiguous outside the exponents where 5^q is exact in 128 bits: undecided.
        if lo == 0xFFFF_FFFF_FFFF_FFFF, q < -27 || q > 55 { return nil }
        let upperBit = Int(hi >> 63)
        var mantissa = hi >> UInt64(upperBit + 9)
        // floor(log2(10^q)) + 63, plus the normalisation, biased by 1023.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - lz + 1023
        if power2 <= 0 {
            // Subnormal (or zero): shift into place, round half up (exact halfway cannot occur here).
            if -power2 + 1 >= 64 { return Double(bitPattern: sign) }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < (1 << 52) ? 0 : 1
            return Double(bitPattern: sign | mantissa | UInt64(power2) << 52)
        }
        // Exactly halfway between two doubles (only possible for small q): round to even.
        if lo <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << UInt64(upperBit + 9) == hi {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << 52 {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        if power2 >= 0x7FF { return Double(bitPattern: sign | 0x7FF0_0000_0000_0000) }
        return Double(bitPattern: sign | mantissa | UInt64(power2) << 52)
    }
}
