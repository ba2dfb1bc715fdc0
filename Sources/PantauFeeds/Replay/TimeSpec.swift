import PantauCore

/// A point in a recording given on the command line: an RFC 3339 time, a time of day `HH:MM`
/// (on the recording's first day, in WIB), or `end`.
public enum TimeSpec: Equatable, Sendable {
    case instant(Instant)
    case timeOfDay(hour: Int, minute: Int)
    case end

    /// Parses `end`, `HH:MM` or an RFC 3339 timestamp; nil otherwise.
    public init?(_ text: String) {
        if text == "end" { self = .end; return }
        let parts = text.split(separator: ":")
        // Digits only: Int() alone would take a sign (\"+5:30\", \"9:-5\").
        if parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
           parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
           let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) {
            self = .timeOfDay(hour: h, minute: m)
            return
        }
        guard let i = RFC3339.parse(text) else { return nil }
        self = .instant(i)
    }

    /// The instant this names for a recording whose first event is at `first` (nil for `end`).
    public func resolve(firstEvent first: Instant) -> Instant? {
        switch self {
        case .end: return nil
        case .instant(let i): return i
        case .timeOfDay(let h, let m):
            let c = CivilTime(first)
            let midnight = first.adding(seconds: -Double(c.hour * 3600 + c.minute * 60 + c.second))
            return Instant(millis: midnight.millis - midnight.millis % 1000).adding(seconds: Double(h * 3600 + m * 60))
        }
    }
}
