/// The calendar fields of an instant seen from one UTC offset (WIB by default).
public struct CivilTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    /// Splits `instant` into date and time fields at `offsetMinutes` from UTC.
    public init(_ instant: Instant, offsetMinutes: Int = RFC3339.wibOffsetMinutes) {
        let local = instant.millis / 1000 + Int64(offsetMinutes * 60)
        var days = local / 86_400
        var rem = local % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        hour = Int(rem / 3600)
        minute = Int(rem % 3600 / 60)
        second = Int(rem % 60)
    }

    /// `HH:MM:SS`.
    public var clockText: String { "\(pad2(hour)):\(pad2(minute)):\(pad2(second))" }
    /// `HH:MM`.
    public var shortClockText: String { "\(pad2(hour)):\(pad2(minute))" }
    /// `YYYY-MM-DD`.
    public var dateText: String { "\(pad4(year))-\(pad2(month))-\(pad2(day))" }

    /// Whether both are the same calendar day.
    public func isSameDay(as other: CivilTime) -> Bool { year == other.year && month == other.month && day == other.day }

    /// Five characters as a list of events shows a time: `HH:MM` on `today`'s day, else the
    /// day as `DD/MM` (a time without its day would read as today's).
    public func shortText(today: CivilTime) -> String {
        isSameDay(as: today) ? shortClockText : "\(pad2(day))/\(pad2(month))"
    }
}

/// Human text for a duration: `45s`, `12m`, `3h05m`, `2d04h`.
public func durationText(seconds: Double) -> String {
    let s = max(0, Int(saturating: seconds))
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" }
    if s < 86_400 { return "\(s / 3600)h\(pad2(s % 3600 / 60))m" }
    return "\(s / 86_400)d\(pad2(s % 86_400 / 3600))h"
}
