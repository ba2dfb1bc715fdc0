import PantauCore

/// Maps wall-clock time to feed time for a replay running at `speed` (feed seconds per wall
/// second), with pause. Pure: the caller passes wall times in, so tests need no real clock.
///
/// The clock never shows a moment whose events are not applied: each turn the replay applies
/// the events due by ``feedTime(atWall:)`` and then calls ``settle(appliedThrough:nextEvent:wallNow:)``,
/// which holds the clock back where ingest stopped when it lags (so a replay asked to go faster
/// than ingest goes at the speed of ingest), and stops it at the feed's last event.
public struct ReplayClock: Sendable {
    /// The speeds `+` and `−` step through.
    public static let speedSteps: [Double] = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600]

    public private(set) var speed: Double
    public private(set) var isPaused = false
    /// The time of the feed's last event, once the feed is known to have ended: the clock
    /// never passes it.
    public private(set) var end: Instant?
    private var anchorFeed: Instant
    private var anchorWall: Double
    /// The feed time ``settle(appliedThrough:nextEvent:wallNow:)`` returned last (the start
    /// before the first turn).
    private var shown: Instant

    /// Starts at feed time `start` at wall time `wallNow` (seconds, any monotonic origin).
    public init(start: Instant, speed: Double, wallNow: Double) {
        self.speed = max(0.01, speed)
        anchorFeed = start
        anchorWall = wallNow
        shown = start
    }

    /// The feed time at wall time `wallNow` (never past ``end``).
    public func feedTime(atWall wallNow: Double) -> Instant {
        let time = isPaused ? anchorFeed : anchorFeed.adding(seconds: (wallNow - anchorWall) * speed)
        if let end, time > end { return end }
        return time
    }

    /// True once the feed has ended and the clock has reached its last event.
    public func hasEnded(atWall wallNow: Double) -> Bool {
        guard let end else { return false }
        return feedTime(atWall: wallNow) >= end
    }

    /// Wall seconds from `wallNow` until the feed reaches `target` (0 if it already has;
    /// nil while paused, or if the clock stops at the feed's end before `target`).
    public func wallSeconds(until target: Instant, wallNow: Double) -> Double? {
        guard !isPaused else { return nil }
        if let end, target > end { return nil }
        return max(0, target.seconds(since: feedTime(atWall: wallNow)) / speed)
    }

    /// Ends a turn of the replay, after it applied the events due at ``feedTime(atWall:)``
    /// (as many as it could): `appliedThrough` is the latest event time applied so far (a
    /// recording's: its arrival, see ``ScheduledReader``), nil if none; `nextEvent` the time of
    /// the first event not applied yet, nil when the feed has no more.
    ///
    /// When that next event is already due, ingest lags behind the clock: the clock is held
    /// back at `appliedThrough` (never behind a time it has shown) and runs on from there.
    /// When the feed has no more events, the latest event applied is its end: the clock stops
    /// there. Returns the feed time to show now, which never runs ahead of what is applied.
    @discardableResult
    public mutating func settle(appliedThrough: Instant?, nextEvent: Instant?, wallNow: Double) -> Instant {
        let due = feedTime(atWall: wallNow)
        let reached = max(appliedThrough ?? shown, shown)
        if let next = nextEvent, next <= due {
            anchorFeed = min(reached, due)
            anchorWall = wallNow
        }
        if nextEvent == nil, end == nil {
            end = reached
        }
        shown = feedTime(atWall: wallNow)
        return shown
    }

    public mutating func setPaused(_ paused: Bool, wallNow: Double) {
        guard paused != isPaused else { return }
        anchorFeed = feedTime(atWall: wallNow)
        anchorWall = wallNow
        isPaused = paused
    }

    public mutating func setSpeed(_ newSpeed: Double, wallNow: Double) {
        anchorFeed = feedTime(atWall: wallNow)
        anchorWall = wallNow
        speed = min(86_400, max(0.01, newSpeed))
    }

    /// Jumps the feed time forward to `instant` (used to skip a long quiet stretch).
    public mutating func jump(to instant: Instant, wallNow: Double) {
        anchorFeed = instant
        anchorWall = wallNow
    }

    /// The next faster (or slower) step from the current speed.
    public func steppedSpeed(faster: Bool) -> Double {
        if faster { return Self.speedSteps.first { $0 > speed + 1e-9 } ?? speed }
        return Self.speedSteps.last { $0 < speed - 1e-9 } ?? speed
    }
}
