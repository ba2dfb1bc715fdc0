import PantauCore

/// Time parsing shared by the converters.
enum FormatTime {
    /// RFC 3339 text; a date-time with no zone (as NGSI-LD and SensorThings servers sometimes
    /// send) is read as UTC, and a date alone as midnight UTC.
    /// Times are kept to whole seconds, as the feed format writes them, so a converted event
    /// reads back exactly.
    static func parse(_ text: String) -> Instant? {
        parseExact(text).map(wholeSeconds)
    }

    /// `instant` with its milliseconds dropped.
    static func wholeSeconds(_ instant: Instant) -> Instant {
        var s = instant.millis / 1000
        if instant.millis < 0, instant.millis % 1000 != 0 { s -= 1 }
        return Instant(seconds: s)
    }

    private static func parseExact(_ text: String) -> Instant? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let i = RFC3339.parse(t) { return i }
        guard t.count >= 10, t.count <= 40 else { return nil }
        if t.count == 10 { return RFC3339.parse(t + "T00:00:00Z") }
        // No zone designator after the time part: assume UTC.
        let timePart = t.dropFirst(11)
        if !timePart.contains("Z"), !timePart.contains("z"), !timePart.contains("+"), !timePart.contains("-") {
            return RFC3339.parse(t + "Z")
        }
        return nil
    }

    /// Epoch milliseconds given as a number or a numeric string.
    static func epochMillis(_ v: JSONValue?) -> Instant? {
        guard let ms = v?.number, ms > 0, ms < 1e15 else { return nil }
        return wholeSeconds(Instant(millis: Int64(ms)))
    }
}
