import PantauCore

/// Maps wall-clock time to feed time for a replay running at `speed` (feed seconds per wall
/// second), with pause. Pure: the caller passes wall times in, so tests need no real clock.
public struct ReplayClock: Sendable {
    /// The speeds `+` and `−` step through.
    public static let speedSteps: [Double] = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600]

    public private(set) var speed: Double
    public private(set) var isPaused = false
    private var anchorFeed: Instant
    private var anchorWall: Double

    /// Starts at feed time `start` at wall time `wallNow` (seconds, any monotonic origin).
    public init(start: Instant, speed: Double, wallNow: Double) {
        self.speed = max(0.01, speed)
        anchorFeed = start
        anchorWall = wallNow
    }

    /// The feed time at wall time `wallNow`.
    public func feedTime(atWall wallNow: Double) -> Instant {
        isPaused ? anchorFeed : anchorFeed.adding(seconds: (wallNow - anchorWall) * speed)
    }

    /// Wall seconds from `wallNow` until the feed reaches `target` (0 if it already has;
    /// nil while paused).
    public func wallSeconds(until target: Instant, wallNow: Double) -> Double? {
        guard !isPaused else { return nil }
        return max(0, target.seconds(since: feedTime(atWall: wallNow)) / speed)
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
