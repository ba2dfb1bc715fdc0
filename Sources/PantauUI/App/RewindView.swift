import PantauCore

/// What the dashboard shows of a rewound session: the moment shown, and the journal's timeline
/// (event density per minute and the raised alarms) for the timeline bar.
public struct RewindView: Sendable, Equatable {
    /// The moment shown.
    public var time: Instant
    /// The journal's first and last entry time (the bar's span; a rewind never leaves it).
    public var span: ClosedRange<Instant>
    /// Entries per minute (minutes since 1970), kept by the session as entries come.
    public var perMinute: [Int64: Int]
    /// When alarms were raised.
    public var alarms: [Instant]

    public init(time: Instant, span: ClosedRange<Instant>, perMinute: [Int64: Int] = [:], alarms: [Instant] = []) {
        self.time = time
        self.span = span
        self.perMinute = perMinute
        self.alarms = alarms
    }

    /// Entries in each of `columns` equal slices of the span (the last slice ends at its end).
    public func density(columns: Int) -> [Int] {
        guard columns > 0 else { return [] }
        var out = Array(repeating: 0, count: columns)
        let first = span.lowerBound.millis / 60_000, last = span.upperBound.millis / 60_000
        let minutes = last - first + 1
        for minute in first...last {
            guard let n = perMinute[minute] else { continue }
            out[column(ofMinuteOffset: minute - first, minutes: minutes, columns: columns)] += n
        }
        return out
    }

    /// The column (of `columns`) that `instant` falls in.
    public func column(of instant: Instant, columns: Int) -> Int {
        let first = span.lowerBound.millis / 60_000
        let minutes = span.upperBound.millis / 60_000 - first + 1
        return column(ofMinuteOffset: instant.millis / 60_000 - first, minutes: minutes, columns: columns)
    }

    private func column(ofMinuteOffset offset: Int64, minutes: Int64, columns: Int) -> Int {
        Int(max(0, min(Int64(columns - 1), offset * Int64(columns) / max(1, minutes))))
    }
}
