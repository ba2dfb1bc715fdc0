/// A view on the drill-down stack: Enter pushes, Esc pops.
public enum Screen: Equatable, Sendable {
    case dashboard
    case incidentDetail(id: String)
    /// An alarm's detail: its fields and its timeline.
    case alarmDetail(id: String)

    /// The breadcrumb text of this view.
    public var crumb: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .incidentDetail(let id): return "Incident \(id)"
        case .alarmDetail(let id): return "Alarm \(id)"
        }
    }
}
