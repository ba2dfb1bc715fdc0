import PantauCore

/// What a conversion needs besides the payload.
public struct FormatContext: Sendable {
    /// The source name stamped into each event's `src` (e.g. `bmkg-cap`).
    public var source: String
    /// The time used only for records that carry no time of their own.
    public var now: Instant

    /// Creates a context.
    public init(source: String, now: Instant) {
        self.source = source
        self.now = now
    }
}
