/// Parsing and formatting of RFC 3339 timestamps, written for the feed reader's hot path:
/// no Foundation, no allocation when parsing.
public enum RFC3339 {
    /// Kota Tangerang's zone, WIB, is UTC+7 with no daylight saving.
    public static let wibOffsetMinutes = 7 * 60

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)` from raw UTF-8 bytes.
    /// A lower-case `t`/`z` or a space as separator is accepted, as RFC 3339 allows.
    /// Returns nil for anything else, including out-of-range fields.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Instant? {
        let n = bytes.count
        guard n >= 20 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = Int(bytes[i]) &- 48
            return (d >= 0 && d <= 9) ? d : nil
        }
        @inline(__always) func two(_ i: Int) -> Int? {
            guard let a = digit(i), let b = digit(i + 1) else { return nil }
            return a * 10 + b
        }
        guard let y1 = two(0), let y2 = two(2), bytes[4] == 45, let month = two(5), bytes[7] == 45,
              let day = two(8) else { return nil }
        let sep = bytes[10]
        guard sep == 84 || sep == 116 || sep == 32 else { return nil }
        guard let hour = two(11), bytes[13] == 58, let minute = two(14), bytes[16] == 58,
              let second = two(17) else { return nil }
        let year = y1 * 100 + y2
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        var i = 19
        var fracMillis = 0
        if i < n, bytes[i] == 46 {
            // Fractional seconds, as real feeds write them (`.123`, `.123456`): milliseconds
            // from the first three digits (fewer are padded), the rest only skipped.
            i += 1
            let s = i
            while i < n, bytes[i] &- 48 <= 9 { i += 1 }
            let digits = i - s
            guard digits > 0 else { return nil }
            fracMillis = Int(bytes[s] &- 48) * 100
            if digits > 1 { fracMillis += Int(bytes[s + 1] &- 48) * 10 }
            if digits > 2 { fracMillis += Int(bytes[s + 2] &- 48) }
        }
        guard i < n else { return nil }
        var offsetMinutes = 0
        let z = bytes[i]
        if z == 90 || z == 122 {
            i += 1
        } else if z == 43 || z == 45 {
            guard i + 6 <= n, let oh = two(i + 1), bytes[i + 3] == 58, let om = two(i + 4),
                  oh <= 23, om <= 59 else { return nil }
            offsetMinutes = (oh * 60 + om) * (z == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == n else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offsetMinutes * 60)
        return Instant(millis: secs * 1000 + Int64(fracMillis))
    }

    /// Parses a timestamp from a string (convenience for the command line and tests).
    public static func parse(_ text: String) -> Instant? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Formats an instant as RFC 3339 with the given UTC offset, to whole seconds.
    public static func format(_ instant: Instant, offsetMinutes: Int = wibOffsetMinutes) -> String {
        let p = CivilTime(instant, offsetMinutes: offsetMinutes)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let off = abs(offsetMinutes)
        return "\(pad4(p.year))-\(pad2(p.month))-\(pad2(p.day))T\(pad2(p.hour)):\(pad2(p.minute)):\(pad2(p.second))"
            + (offsetMinutes == 0 ? "Z" : "\(sign)\(pad2(off / 60)):\(pad2(off % 60))")
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

@inline(__always) func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
@inline(__always) func pad4(_ v: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
