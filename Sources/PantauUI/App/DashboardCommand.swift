import PantauCore

/// What the dashboard asks of the program that runs it (the replay clock, the process).
public enum DashboardCommand: Equatable, Sendable {
    case quit
    case togglePause
    case faster
    case slower
    /// Switch to the layout with this shipped name or file path.
    case setLayout(String)
    /// Switch to the next shipped layout after the current one.
    case cycleLayout
    /// Set the replay speed.
    case setSpeed(Double)
    /// Show a line on the status bar (an answer to a command, or what was wrong with it).
    case message(String)
    /// Do this action (the runner's session builds the ``ActionEvent``, journals and applies it,
    /// and says on the status line whether it was accepted).
    case act(ActionRequest)
    /// Show the city `minutes` earlier (negative) or later than shown now (rewinding from live
    /// when not rewound).
    case rewind(minutes: Int)
    /// Show the city at the typed time (`HH:MM`, `HH:MM:SS` or RFC 3339).
    case rewindTo(String)
    /// Back to live (or to a replay's front).
    case returnToLive
}
