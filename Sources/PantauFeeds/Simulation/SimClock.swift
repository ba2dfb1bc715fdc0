import Foundation
import PantauCore

/// Calendar arithmetic in WIB (UTC+7, no daylight saving), on epoch milliseconds.
///
/// The simulator's days start at 00:00 WIB; "day numbers" count WIB days since 1970-01-01.
enum SimClock {
    static let offsetMillis = Int64(RFC3339.wibOffsetMinutes) * 60_000
    static let dayMillis: Int64 = 86_400_000
    static let hourMillis: Int64 = 3_600_000
    static let minuteMillis: Int64 = 60_000

    /// The WIB day number an instant falls on.
    static func day(of millis: Int64) -> Int {
        let local = millis + offsetMillis
        return Int(local >= 0 ? local / dayMillis : (local - dayMillis + 1) / dayMillis)
    }

    /// 00:00 WIB of a day number, in epoch milliseconds.
    static func startOfDay(_ day: Int) -> Int64 { Int64(day) * dayMillis - offsetMillis }

    /// The WIB time of day in hours, 0 ..< 24.
    static func hourOfDay(_ millis: Int64) -> Double {
        Double(millis - startOfDay(day(of: millis))) / Double(hourMillis)
    }

    /// Day of the week, 0 Monday … 6 Sunday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int) -> Int { ((day + 3) % 7 + 7) % 7 }

    /// `YYYYMMDD` of a day number, for ids such as `INC-20261123-0117`.
    static func dateStamp(_ day: Int) -> String {
        let c = CivilTime(Instant(millis: startOfDay(day)))
        let y = String(c.year)
        let m = c.month < 10 ? "0\(c.month)" : "\(c.month)"
        let d = c.day < 10 ? "0\(c.day)" : "\(c.day)"
        return y + m + d
    }

    /// A counter as four digits (more when it must).
    static func fourDigits(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    /// Distance on the 24-hour circle between two times of day, in hours (0 … 12).
    static func hoursApart(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 24)
        return min(d, 24 - d)
    }

    /// A bell on the 24-hour circle: 1 at `centre`, falling off with `width` hours.
    static func bump(_ hour: Double, centre: Double, width: Double) -> Double {
        let d = hoursApart(hour, centre) / width
        return exp(-d * d)
    }
}
