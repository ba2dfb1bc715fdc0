import CNcurses

/// How the whole process answers signals outside the screen's own handling (see
/// ``TerminalScreen``): `SIGPIPE`, and ending by the signal that stopped a dashboard.
public enum ProcessSignals {
    /// Makes a write to a closed pipe or socket (stdout into `head`, a source's connection)
    /// fail with `EPIPE`, an error the writer reports, instead of killing the process. A
    /// `SIGPIPE` sent by another process (kill) still ends it: at once without a screen, in
    /// order (terminal restored, status 141) with one. Children started with exec get
    /// `SIGPIPE` at its default. Call once, first thing in `main`.
    public static func installBrokenPipePolicy() {
        pantau_install_pipe_policy()
    }

    /// If a signal ended a dashboard session (its ``TerminalScreen`` has been restored), ends
    /// the process by that signal, so the shell sees 128+n (130 for Ctrl-C, 143 for SIGTERM);
    /// returns if none did.
    public static func endIfInterrupted() {
        pantau_end_if_interrupted()
    }
}
