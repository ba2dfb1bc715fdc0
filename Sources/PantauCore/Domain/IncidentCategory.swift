/// What kind of incident it is (feed-format `category`).
public enum IncidentCategory: String, CaseIterable, Sendable {
    case fire, flood, accident, medical, crime
    case fallenTree = "fallen_tree"
    case infrastructure
    case publicOrder = "public_order"
    case weather, other

    /// The office that usually responds (domain.md).
    public var respondingOffice: String {
        switch self {
        case .fire, .fallenTree: return "Damkar"
        case .flood, .weather: return "BPBD"
        case .accident, .medical: return "Dinkes"
        case .crime, .publicOrder: return "Polres / Satpol PP"
        case .infrastructure: return "Dinas PUPR"
        case .other: return "-"
        }
    }
}
