import CNcurses

/// Whether the process can run the full-screen dashboard.
public enum TerminalCheck {
    /// True only when stdin and stdout are both terminals and `TERM` is set and not `dumb`.
    /// Callers fall back to non-interactive output (or refuse to start) otherwise.
    public static func isInteractive() -> Bool {
        pantau_is_interactive() != 0
    }
}
