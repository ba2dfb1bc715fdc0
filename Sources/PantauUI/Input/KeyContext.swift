/// Where a binding applies: everywhere, in a kind of pane, or in a view of the stack.
public enum KeyContext: Hashable, Sendable {
    case global
    /// Tables: movement keys.
    case table
    /// The incidents pane (Enter opens an incident).
    case incidents
    /// The incident detail view.
    case detail
    /// The selected incident, in the incidents pane and the detail view: the desk's verbs.
    case incident
    /// The tickets pane: the desk's ticket verbs.
    case tickets
    /// The alarms pane (Enter opens an alarm).
    case alarms
    /// The selected alarm, in the alarms pane and its detail view: the alarm verbs.
    case alarm
    /// A map pane: arrows pan, + and - zoom (instead of changing the replay speed).
    case map
}
