/// What a key asks the dashboard to do.
public enum Action: Hashable, Sendable {
    case focusNext, focusPrevious
    case focusPane(Int)
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case open, back
    case togglePause, faster, slower
    case help, quit
    /// Zoom the focused pane to the whole screen and back.
    case zoom
}
