import PantauCore

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
    /// Move a map's view by steps east (dx) and south (dy); negative is west or north.
    case mapPan(dx: Int, dy: Int)
    /// Magnify a map, shrink it, or show the whole of it again.
    case mapZoomIn, mapZoomOut, mapReset
    /// Show or hide the sources overlay.
    case sources
    /// Open the `:` command line.
    case command
    /// Switch to the next shipped layout.
    case cycleLayout
    /// Open the search line of the focused table (`/`): rows are filtered as you type.
    case search
    /// Sort the focused table by its next visible column (after the last: its own order).
    case sortNext
    /// Reverse the focused table's order.
    case sortReverse
    /// Drop the focused table's kept search (Esc outside the search line).
    case clearSearch
    /// Act on the selected incident or ticket (or create an incident from a call): the
    /// dashboard asks for what the verb needs (a unit, a note, a confirmation) and then hands
    /// the runner an ``ActionRequest``. A viewer has no such keys.
    case desk(ActionVerb)
    /// Rewind: show the city this many minutes earlier (negative) or later than shown.
    case rewindBy(minutes: Int)
    /// Rewind to a typed time (opens the command line at `rewind `).
    case rewindPrompt
    /// Back from a rewound moment to live (or to a replay's front).
    case returnToLive

    /// Whether the action steers a replay's clock (pause, speed): it means something only while
    /// a recording plays, not live (time runs at real speed) nor in a snapshot (a still frame).
    public var controlsReplayClock: Bool {
        switch self {
        case .togglePause, .faster, .slower: return true
        default: return false
        }
    }
}
