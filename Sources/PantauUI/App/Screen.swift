/// A view on the drill-down stack: Enter pushes, Esc pops.
public enum Screen: Equatable, Sendable {
    case dashboard
    case incidentDetail(id: String)

    /// The breadcrumb text of this view.
    public var crumb: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .incidentDetail(let id): return "Incident \(id)"
        }
    }
}
