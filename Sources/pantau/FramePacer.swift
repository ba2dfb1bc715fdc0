import Foundation

/// When the main loops draw and how long they may sleep: frames owed for keys (at most 30 a
/// second) or for data (at most 4 a second), the blink of unseen-incident marks, and a
/// transient status message. Shared by the replay and the live loop; pure, given wall times.
struct FramePacer {
    /// Frames answering a key: at most 30 a second.
    static let inputInterval = 1.0 / 30
    /// Frames that only show new data: at most 4 a second. A dashboard read across a room
    /// needs no more, and it keeps CPU use low.
    static let dataInterval = 0.25
    static let blinkInterval = 0.5

    /// Whether a frame is owed.
    private(set) var dirty = true
    private var inputDirty = true
    private var lastFrame = -Double.infinity
    /// The visible phase of blinking marks.
    private(set) var blinkOn = true
    private var nextBlink: Double
    /// The transient message for the status line, if any.
    private(set) var message: String?
    private var messageUntil = 0.0

    init(now: Double) { nextBlink = now + Self.blinkInterval }

    /// Something visible changed in the data.
    mutating func dataChanged() { dirty = true }

    /// Keys arrived: the next frame is drawn at the faster rate.
    mutating func keysArrived() {
        dirty = true
        inputDirty = true
    }

    /// Shows `text` on the status line until `until` (a wall time; `.infinity` keeps it).
    mutating func show(_ text: String, until: Double) {
        message = text
        messageUntil = until
        dirty = true
    }

    /// Advances the blink (when `blinking`) and expires the message. Call once a turn.
    mutating func tick(now: Double, blinking: Bool) {
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

    private var interval: Double { inputDirty ? Self.inputInterval : Self.dataInterval }

    /// Whether to draw now.
    func frameDue(now: Double) -> Bool { dirty && now - lastFrame >= interval }

    mutating func frameDrawn(now: Double) {
        lastFrame = now
        dirty = false
        inputDirty = false
    }

    /// Seconds until the pacer next needs the loop awake (an owed frame, a blink, the message
    /// expiring), or nil when nothing of its own is due.
    func secondsToWake(now: Double, blinking: Bool) -> Double? {
        var wake: Double?
        func until(_ t: Double) { wake = min(wake ?? .infinity, max(0, t)) }
        if dirty { until(lastFrame + interval - now) }
        if blinking { until(nextBlink - now) }
        if message != nil, messageUntil.isFinite { until(messageUntil - now) }
        return wake
    }

    /// Seconds on the monotonic clock.
    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
