/// A moment in time as milliseconds since the Unix epoch (UTC).
///
/// Feed times are parsed once into an `Instant`; comparing and subtracting them is integer
/// arithmetic, so the store and the replay clock never touch a calendar on the hot path.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millis: Int64

    /// Creates an instant from milliseconds since the epoch.
    public init(millis: Int64) { self.millis = millis }

    /// Creates an instant from seconds since the epoch.
    public init(seconds: Int64) { self.millis = seconds.multipliedSaturated(by: 1000) }

    public static func < (a: Instant, b: Instant) -> Bool { a.millis < b.millis }

    /// The instant `seconds` later (earlier when negative).
    public func adding(seconds: Double) -> Instant { Instant(millis: millis.addingSaturated(Int64(saturating: (seconds * 1000).rounded()))) }

    /// Seconds from `other` to `self` (positive when `self` is later).
    public func seconds(since other: Instant) -> Double {
        // In Double, so that instants as far apart as Int64 allows cannot overflow; exact for
        // any two instants within 285,000 years of the epoch.
        (Double(millis) - Double(other.millis)) / 1000
    }

    /// RFC 3339 text in WIB (+07:00), e.g. `2026-11-23T07:15:00+07:00`.
    public var description: String { RFC3339.format(self, offsetMinutes: RFC3339.wibOffsetMinutes) }
}

/// Written as its milliseconds since the epoch (a JSON integer): exact, and cheap to read back.
extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        millis = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(millis)
    }
}
