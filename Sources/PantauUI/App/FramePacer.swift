import Foundation

/// When the main loops draw and how long they may sleep: frames owed for keys (at most 30 a
/// second) or for data (at most 4 a second in a replay, 30 live), the blink of unseen-incident
/// marks, and a transient status message. Shared by the replay and the live loop (and the
/// latency benchmark); pure, given wall times. Nothing is drawn while nothing changed.
public struct FramePacer {
    /// Frames answering a key: at most 30 a second.
    public static let inputInterval = 1.0 / 30
    /// Frames that only show new data in a replay: at most 4 a second. A recording played
    /// fast needs no more, and it keeps CPU use low.
    public static let dataInterval = 0.25
    /// Frames that only show new data live: at most 30 a second, so what a source delivers is
    /// on screen within a frame (a quarter second at 4 a second made publish-to-screen latency
    /// up to 250 ms; `pantau-bench latency`). A quiet feed still draws nothing.
    public static let liveDataInterval = 1.0 / 30
    public static let blinkInterval = 0.5

    /// Whether a frame is owed.
    public private(set) var dirty = true
    private var inputDirty = true
    private var lastFrame = -Double.infinity
    /// The visible phase of blinking marks.
    public private(set) var blinkOn = true
    private var nextBlink: Double
    /// The transient message for the status line, if any.
    public private(set) var message: String?
    private var messageUntil = 0.0
    /// The least time between frames that only show new data.
    private let dataFrameInterval: Double

    /// A pacer whose blink starts at `now`, drawing data frames at most every `dataInterval`
    /// seconds (``dataInterval`` for a replay, ``liveDataInterval`` live).
    public init(now: Double, dataInterval: Double = FramePacer.dataInterval) {
        nextBlink = now + Self.blinkInterval
        dataFrameInterval = dataInterval
    }

    /// Something visible changed in the data.
    public mutating func dataChanged() { dirty = true }

    /// Keys arrived: the next frame is drawn at the faster rate.
    public mutating func keysArrived() {
        dirty = true
        inputDirty = true
    }

    /// Shows `text` on the status line until `until` (a wall time; `.infinity` keeps it).
    public mutating func show(_ text: String, until: Double) {
        message = text
        messageUntil = until
        dirty = true
    }

    /// Advances the blink (when `blinking`) and expires the message. Call once a turn.
    public mutating func tick(now: Double, blinking: Bool) {
        if blinking, now >= nextBlink {
            blinkOn.toggle()
            nextBlink = now + Self.blinkInterval
            dirty = true
        }
        if message != nil, now >= messageUntil {
            message = nil
            dirty = true
        }
    }

    private var interval: Double { inputDirty ? Self.inputInterval : dataFrameInterval }

    /// Whether to draw now.
    public func frameDue(now: Double) -> Bool { dirty && now - lastFrame >= interval }

    /// A frame was drawn at `now`: nothing is owed until something changes.
    public mutating func frameDrawn(now: Double) {
        lastFrame = now
        dirty = false
        inputDirty = false
    }

    /// Seconds until the pacer next needs the loop awake (an owed frame, a blink, the message
    /// expiring), or nil when nothing of its own is due.
    public func secondsToWake(now: Double, blinking: Bool) -> Double? {
        var wake: Double?
        func until(_ t: Double) { wake = min(wake ?? .infinity, max(0, t)) }
        if dirty { until(lastFrame + interval - now) }
        if blinking { until(nextBlink - now) }
        if message != nil, messageUntil.isFinite { until(messageUntil - now) }
        return wake
    }

    /// Seconds on the monotonic clock.
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
