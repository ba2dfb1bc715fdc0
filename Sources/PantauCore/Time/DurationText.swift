import Foundation

/// Durations as the sources file and `pantau record --duration` write them: a number and a
/// unit, `500ms`, `6s`, `1.5s`, `5m`, `1h`, or several from the largest unit down, `1m30s`,
/// `1h15m`, `2h0m30s`.
public enum DurationText {
    /// The duration in seconds, or nil when `text` is not a positive duration.
    public static func parse(_ text: String) -> Double? {
        total(text).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The duration in seconds, zero included (`0s`), or nil when `text` is not a duration:
    /// one or more parts of a number (digits, perhaps a decimal point) and a unit (`h`, `m`,
    /// `s`, `ms`), each unit at most once and from the largest down.
    public static func total(_ text: String) -> Double? {
        let units: [(String, Double)] = [("h", 3600), ("m", 60), ("s", 1), ("ms", 0.001)]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var sum = 0.0
        var nextUnit = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number), value.isFinite else { return nil }
            rest = rest.dropFirst(number.count)
            // `ms` before `m`: the longest unit that matches.
            guard let u = units.indices.filter({ rest.hasPrefix(units[$0].0) }).max(by: { units[$0].0.count < units[$1].0.count }),
                  u >= nextUnit else { return nil }
            rest = rest.dropFirst(units[u].0.count)
            sum += value * units[u].1
            nextUnit = u + 1
        }
        return sum.isFinite ? sum : nil
    }

    /// The durations a sources file may give (`every`, `timeout`, `restart_backoff`): a
    /// millisecond to a day.
    public static let sourceLimits: ClosedRange<Double> = 0.001...86_400

    /// A short text for `seconds`: `500ms`, `6s`, `5m`, `1h`, or `90s` when not whole minutes (`?` for NaN).
    public static func format(_ seconds: Double) -> String {
        if seconds.isNaN { return "?" }
        if seconds < 1 { return "\(Int(saturating: (seconds * 1000).rounded()))ms" }
        let s = Int(saturating: seconds.rounded())
        if s % 3600 == 0 { return "\(s / 3600)h" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }

    /// What a duration should look like, for error messages.
    public static let expected = "a duration such as 500ms, 6s, 5m or 1h"
}
