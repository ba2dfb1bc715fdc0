/// Why a ``TerminalScreen`` could not take over the terminal.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal, or `TERM` is unset or `dumb` (see ``TerminalCheck``).
    case notInteractive
    /// Another ``TerminalScreen`` still owns the terminal; ``TerminalScreen/restore()`` it first.
    case alreadyActive
    /// ncurses could not start on the terminal named by `TERM` (unknown to terminfo?).
    case cannotInitialize(term: String)
    /// The signal self-pipe or handlers could not be set up.
    case signalSetupFailed

    public var description: String {
        switch self {
        case .notInteractive:
            return "not an interactive terminal (stdin and stdout must be a TTY and TERM set, not \"dumb\")"
        case .alreadyActive:
            return "the terminal is already in use by another screen"
        case .cannotInitialize(let term):
            return "cannot initialise the terminal (TERM=\(term.isEmpty ? "<unset>" : term))"
        case .signalSetupFailed:
            return "cannot install the terminal's signal handlers"
        }
    }
}
