/// What the dashboard asks of the program that runs it (the replay clock, the process).
public enum DashboardCommand: Equatable, Sendable {
    case quit
    case togglePause
    case faster
    case slower
}
