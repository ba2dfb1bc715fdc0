import PantauCore
import PantauUI

/// What the runner must do after ``Session/update(_:)``: draw (a frame is owed), at the key
/// rate, and carry out commands in order.
public struct SessionEffects: Sendable, Equatable {
    /// Something visible changed: a frame is owed.
    public var frameOwed = false
    /// Keys arrived: the owed frame is drawn at the faster rate.
    public var keysArrived = false
    /// What the runner carries out, in order.
    public var commands: [SessionCommand] = []
    /// What became of an action asked for in this update, if one was.
    public var submission: SubmissionResult?
    /// Alarms the alert rules raised in this update, with their rules' responses (bell, flash,
    /// command, MQTT, automatic incident): the runner carries them out.
    public var raisedAlarms: [RaisedAlarm] = []

    public init() {}

    /// Whether the runner should stop.
    public var quit: Bool { commands.contains(.quit) }

}

/// One thing the runner does for the session: the terminal, the replay clock, layouts, the
/// status line and the process are the runner's.
public enum SessionCommand: Sendable, Equatable {
    /// Stop the loop.
    case quit
    /// Redraw every cell (a resize, Ctrl-L).
    case redrawAll
    /// Show `text` on the status line for `seconds`.
    case message(String, seconds: Double)
    /// Switch or cycle the layout (``DashboardCommand/setLayout(_:)``, ``DashboardCommand/cycleLayout``).
    case layout(DashboardCommand)
    /// A replay-clock command: pause, faster, slower, set speed.
    case clock(DashboardCommand)
    /// An alarm was raised: ring the terminal bell, flash the screen, or both.
    case alert(bell: Bool, flash: Bool)

    /// What the terminal does for an alarm raised with `response` at a console of `role`:
    /// nothing for a viewer (a wallboard never rings) or under `--quiet-alarms` (`quiet`),
    /// else the bell and the flash the rule asks for; nil when neither.
    public static func alert(for response: AlarmResponse, role: Role, quiet: Bool) -> SessionCommand? {
        guard !quiet, role != .viewer, response.bell || response.flash else { return nil }
        return .alert(bell: response.bell, flash: response.flash)
    }
}
