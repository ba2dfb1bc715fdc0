import Foundation

/// The wait between connection attempts of a source that holds a connection (MQTT): a
/// ``Backoff`` that starts over when the other end accepts a connection, so a broker that
/// comes back after a long outage is reconnected to at once the next time, unless the
/// previous connection was dropped within ``flapWithin`` of being accepted (a broker, or a
/// second client with the same id, closing it at once): then the wait keeps growing, up to
/// its cap, instead of hammering the broker.
struct ReconnectBackoff {
    /// The waits.
    private(set) var backoff: Backoff
    /// A connection dropped sooner than this after being accepted does not start the waits over.
    let flapWithin: Double
    private var acceptedAt: Date?
    private var flapping = false

    /// Waits from `initial` seconds up to `cap`.
    init(initial: Double, cap: Double, flapWithin: Double = 1) {
        backoff = Backoff(initial: initial, cap: cap)
        self.flapWithin = flapWithin
    }

    /// The other end accepted a connection at `now`.
    mutating func accepted(at now: Date = Date()) {
        acceptedAt = now
        if !flapping { backoff.reset() }
    }

    /// An attempt failed, or a connection was lost, at `now`: the wait before the next attempt.
    mutating func failed(at now: Date = Date()) -> Double {
        if let since = acceptedAt {
            flapping = now.timeIntervalSince(since) < flapWithin
            acceptedAt = nil
        }
        return backoff.next()
    }
}
