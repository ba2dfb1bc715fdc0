/// Why the reader skipped a line (feed-format.md, "Bad input").
public enum SkipReason: String, CaseIterable, Sendable, Comparable {
    /// Not valid JSON (including invalid UTF-8, or not an object).
    case invalidJSON = "invalid_json"
    /// A required field is absent (or null).
    case missingField = "missing_field"
    /// A field has the wrong JSON type, or a value outside its domain (an unknown status, a
    /// fraction where an integer belongs).
    case wrongType = "wrong_type"
    /// A number outside what is plausible for its field (`PlausibleRange`), NaN or infinite.
    case outOfRange = "out_of_range"
    /// `v` is not 1.
    case unknownVersion = "unknown_version"
    /// Longer than 64 KiB.
    case tooLong = "too_long"
    /// A `kind` this reader does not know (skipped, and counted, as the format asks).
    case unknownKind = "unknown_kind"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A skipped line: where it was and why.
public struct SkippedLine: Hashable, Sendable {
    public var lineNumber: Int
    public var reason: SkipReason
    /// Which field was at fault, when one was.
    public var field: String?

    public init(lineNumber: Int, reason: SkipReason, field: String? = nil) {
        self.lineNumber = lineNumber
        self.reason = reason
        self.field = field
    }
}

/// What a reader has seen: lines read, events decoded, and skips counted by reason, with the
/// first few skipped line numbers kept for the operator.
public struct FeedStats: Sendable, Equatable {
    public static let keptSkipSamples = 8
    public var lines = 0
    public var events = 0
    public private(set) var skipped: [SkipReason: Int] = [:]
    public private(set) var firstSkips: [SkippedLine] = []

    public init() {}

    /// Total skipped lines over every reason.
    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    public mutating func recordSkip(_ skip: SkippedLine) {
        skipped[skip.reason, default: 0] += 1
        if firstSkips.count < Self.keptSkipSamples { firstSkips.append(skip) }
    }

    /// Adds the counts of `later`, the stats of the lines that came after these.
    public mutating func merge(_ later: FeedStats) {
        lines += later.lines
        events += later.events
        skipped.merge(later.skipped, uniquingKeysWith: +)
        firstSkips += later.firstSkips.prefix(Self.keptSkipSamples - firstSkips.count)
    }

    /// e.g. `3 skipped (invalid_json 2, missing_field 1); first at lines 4, 9, 17`.
    public var skipSummary: String {
        guard skippedTotal > 0 else { return "0 skipped" }
        let reasons = skipped.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        let lines = firstSkips.map { String($0.lineNumber) }.joined(separator: ", ")
        return "\(skippedTotal) skipped (\(reasons)); first at line\(firstSkips.count == 1 ? "" : "s") \(lines)"
    }
}
