/// The kinds of pane a layout can place.
public enum PaneType: String, CaseIterable, Sendable {
    case traffic, incidents, sensors, tickets
    /// Big counters for a wall screen: open incidents by severity, overdue tickets, worst
    /// air quality, the highest river against its alert level.
    case kpi
    /// The detail of the incident selected in the layout's incidents pane.
    case detail
    /// The city drawn in braille: base layers, incidents, flooded gauges, jammed segments.
    case map
    /// The data sources and their health: state, last event, events per minute, errors.
    case sources
    /// The activity log: incidents and tickets as they change, bad jams and alarming readings,
    /// Pantau's own notes (a source failing, a layout reloaded); newest first.
    case log
    /// The units board: each roster unit's state, incident, time in state and station.
    case units
    /// The alarms the alert rules raised: unacknowledged first, then acknowledged, then cleared.
    case alarms

    /// The title used when a layout gives none.
    public var defaultTitle: String {
        switch self {
        case .traffic: return "Traffic"
        case .incidents: return "Incidents"
        case .sensors: return "Sensors"
        case .tickets: return "Tickets"
        case .kpi: return "City now"
        case .detail: return "Selected incident"
        case .map: return "Map"
        case .sources: return "Sources"
        case .log: return "Log"
        case .units: return "Units"
        case .alarms: return "Alarms"
        }
    }

    /// The smallest useful size of such a pane, border included.
    public var minimumSize: (width: Int, height: Int) {
        switch self {
        case .traffic, .incidents, .sensors, .tickets, .units, .alarms: return (30, 5)
        case .kpi: return (30, 7)
        case .detail: return (40, 12)
        case .map: return (30, 10)
        case .sources, .log: return (30, 4)
        }
    }
}
