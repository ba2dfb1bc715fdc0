import Foundation
import PantauCore

/// Durations as the sources file and `pantau record --duration` write them: a number and a
/// unit, `500ms`, `6s`, `1.5s`, `5m`, `1h`.
public enum DurationText {
    /// The duration in seconds, or nil when `text` is not a positive number followed by one of
    /// `ms`, `s`, `m`, `h`.
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let value = Double(number), value.isFinite, value > 0 else { return nil }
            return value * scale
        }
        return nil
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
