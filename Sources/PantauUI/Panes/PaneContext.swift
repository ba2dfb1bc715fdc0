import PantauCore

/// What a pane needs to draw itself: the state, the theme, whether it has focus, and its
/// selected row.
public struct PaneContext {
    public var state: CityState
    public var theme: Theme
    public var rules: BandRules
    public var focused: Bool
    public var selection: Int
    /// Incidents created after this sequence number are marked new.
    public var seenIncidentSequence: Int
    /// Whether blinking content is in its visible phase (new-incident marker).
    public var blinkOn: Bool
    /// The incident selected in the incidents pane (for `detail` panes and map highlights).
    public var selectedIncidentID: String? = nil
    /// What part of the map a map pane shows (pan and zoom).
    public var mapView = MapViewport()
    /// The data sources' health (live dashboards; a replay shows its recording as one source).
    public var sources: [SourceHealth] = []
    /// What happened lately, for `log` panes.
    public var activity = ActivityLog(capacity: 1)
    /// The wall clock, for how long ago a source was heard from.
    public var wallNow = Instant(millis: 0)
    /// The operator's search and sort of a table pane.
    public var view = TableView()
    /// The response targets incidents are timed against (nil: no timers shown).
    public var targets: ResponseTargets? = nil
    /// Whether the detail view shows callers and addresses as they are (a supervisor's live
    /// screen) rather than masked.
    public var showPersonalData = false
    /// Why the last action on a target was refused, by target id.
    public var refusals: [String: String] = [:]
    /// The incidents someone at another console is on (their rows are marked), and who is on
    /// the selected incident (a `detail` pane's presence line); see ``PresenceBoard``.
    public var incidentsWithOthers: Set<String> = []
    public var selectedIncidentPresence: String?
    /// Where the dashboard keeps tables' arrangements between frames (nil: none kept), and
    /// this pane's index in its layout (part of the cache's key).
    var tableCache: TableCache? = nil
    var paneIndex = 0

    /// "Now", as the dashboard gives it (see ``Dashboard/now``): every age, countdown and
    /// overdue is measured from it. Unset (a pane drawn on its own), the state's latest event
    /// time, or the epoch before any event.
    public var now: Instant {
        get { givenNow ?? state.clock ?? Instant(millis: 0) }
        set { givenNow = newValue }
    }
    var givenNow: Instant? = nil
}

/// The first visible row so that `selection` stays on screen in `visible` rows.
func scrollOffset(selection: Int, visible: Int) -> Int {
    guard visible > 0 else { return 0 }
    return max(0, selection - visible + 1)
}
