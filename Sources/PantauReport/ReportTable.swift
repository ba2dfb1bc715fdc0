import PantauCore

/// One table of a report as every format writes it: Markdown and HTML as a table under its
/// title, CSV as records whose first field is `section`.
public struct ReportTable: Sendable, Equatable {
    /// A stable name for the CSV `section` column: `incidents_by_category` …
    public var section: String
    public var title: String
    public var columns: [String]
    public var rows: [[ReportCell]]
    /// A line under the table saying what it counts, if it needs one.
    public var note: String?

    public init(section: String, title: String, columns: [String], rows: [[ReportCell]], note: String? = nil) {
        self.section = section
        self.title = title
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}

/// A cell: text, a count, or a duration in seconds (nil: none to measure).
public enum ReportCell: Sendable, Equatable {
    case text(String)
    case count(Int)
    case seconds(Double?)

    /// As people read it: `4m05s`, `—` for no duration.
    public var humanText: String {
        switch self {
        case .text(let s): return s
        case .count(let n): return String(n)
        case .seconds(let s): return s.map(ReportText.duration) ?? "—"
        }
    }

    /// As a machine reads it: whole seconds, empty for no duration.
    public var machineText: String {
        switch self {
        case .text(let s): return s
        case .count(let n): return String(n)
        case .seconds(let s): return s.map { String(Int64(saturating: $0.rounded())) } ?? ""
        }
    }

    /// Whether it is a number (right-aligned in tables).
    public var isNumeric: Bool {
        if case .text = self { return false }
        return true
    }
}

/// How the report words times and durations.
public enum ReportText {
    /// `45s`, `4m05s`, `1h02m`, `2d04h`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int64(saturating: max(0, seconds).rounded())
        func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : String(n) }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(pad(s % 60))s" }
        if s < 86_400 { return "\(s / 3600)h\(pad(s % 3600 / 60))m" }
        return "\(s / 86_400)d\(pad(s % 86_400 / 3600))h"
    }

    /// `2026-11-23 15:42` (WIB).
    public static func time(_ t: Instant) -> String {
        let c = CivilTime(t)
        return "\(c.dateText) \(c.shortClockText)"
    }

    /// The period: `2026-11-23 00:00 – 2026-11-23 23:59 WIB`.
    public static func period(_ from: Instant, _ to: Instant) -> String {
        "\(time(from)) – \(time(to)) WIB"
    }
}
