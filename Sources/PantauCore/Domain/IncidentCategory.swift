/// What kind of incident it is (feed-format `category`).
public enum IncidentCategory: String, CaseIterable, Sendable {
    case fire, flood, accident, medical, crime
    case fallenTree = "fallen_tree"
    case infrastructure
    case publicOrder = "public_order"
    case weather
    /// A felt or strong earthquake (BMKG's gempabumi feed, CAP `Geo` earthquake alerts).
    case earthquake
    case other

    /// The office that usually responds (domain.md).
    public var respondingOffice: String {
        switch self {
        case .fire, .fallenTree: return "Damkar"
        case .flood, .weather, .earthquake: return "BPBD"
        case .accident, .medical: return "Dinkes"
        case .crime, .publicOrder: return "Polres / Satpol PP"
        case .infrastructure: return "Dinas PUPR"
        case .other: return "-"
        }
    }
}
