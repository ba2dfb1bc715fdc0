import PantauCore

/// What a conversion needs besides the payload.
public struct FormatContext: Sendable {
    /// The source name stamped into each event's `src` (e.g. `bmkg-cap`).
    public var source: String
    /// The moment of reading: the time for records that carry none of their own, and what
    /// a CAP alert's `expires` is compared with.
    public var now: Instant

    /// Creates a context.
    public init(source: String, now: Instant) {
        self.source = source
        self.now = now
    }
}
