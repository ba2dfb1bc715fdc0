/// The kinds of pane a layout can place.
public enum PaneType: String, CaseIterable, Sendable {
    case traffic, incidents, sensors, tickets

    /// The title used when a layout gives none.
    public var defaultTitle: String {
        switch self {
        case .traffic: return "Traffic"
        case .incidents: return "Incidents"
        case .sensors: return "Sensors"
        case .tickets: return "Tickets"
        }
    }

    /// The smallest useful size of such a pane, border included.
    public var minimumSize: (width: Int, height: Int) {
        switch self {
        case .traffic, .incidents, .sensors, .tickets: return (30, 5)
        }
    }
}
