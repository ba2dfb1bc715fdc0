import PantauCore

/// What the header shows besides the state: replay or live, speed, pause, skipped lines.
public struct DashboardStatus: Sendable {
    public enum Mode: Sendable, Equatable {
        case replay(speed: Double)
        case live
        /// A still frame for `pantau snapshot`.
        case snapshot
    }

    public var mode: Mode
    public var paused: Bool
    /// Feed lines skipped as bad input so far.
    public var skippedLines: Int
    /// A transient message for the status line (errors, confirmations).
    public var message: String?
    /// The visible phase of blinking marks (toggled by the runner about twice a second).
    public var blinkOn: Bool
    /// Whether the replay has reached the end of its recording.
    public var finished: Bool
    /// Whether the header clock shows seconds (fast replays show minutes, so the header does
    /// not force a redraw many times a second).
    public var showSeconds: Bool
    /// The time the header shows (the runners give their now); when nil, ``Dashboard/now``, else
    /// the state's latest event time.
    public var time: Instant?

    public init(mode: Mode, paused: Bool = false, skippedLines: Int = 0, message: String? = nil,
                blinkOn: Bool = true, finished: Bool = false, showSeconds: Bool = true, time: Instant? = nil) {
        self.mode = mode
        self.paused = paused
        self.skippedLines = skippedLines
        self.message = message
        self.blinkOn = blinkOn
        self.finished = finished
        self.showSeconds = showSeconds
        self.time = time
    }
}
