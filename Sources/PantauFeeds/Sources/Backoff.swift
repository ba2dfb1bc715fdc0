/// Exponential backoff with jitter, capped at a minute: the wait before a failed source
/// tries again.
///
/// The n-th consecutive failure waits `initial × 2ⁿ` (at most ``cap``), scaled by a random
/// factor between 0.5 and 1 so that sources failing together do not retry in lockstep.
/// ``reset()`` after a success.
public struct Backoff: Sendable {
    /// The first wait, in seconds.
    public var initial: Double
    /// The longest wait, in seconds.
    public var cap: Double
    /// Consecutive failures so far.
    public private(set) var attempt = 0

    /// A backoff starting at `initial` seconds, capped at `cap` (60 s unless told).
    public init(initial: Double = 1, cap: Double = 60) {
        self.initial = max(0.001, initial)
        self.cap = max(self.initial, cap)
    }

    /// The wait before the next attempt, counting one more failure.
    public mutating func next() -> Double {
        let exponent = min(attempt, 30)
        attempt += 1
        let base = min(cap, initial * Double(1 << exponent))
        return min(cap, base * Double.random(in: 0.5...1.0))
    }

    /// Forgets the failures (after a success).
    public mutating func reset() { attempt = 0 }
}
