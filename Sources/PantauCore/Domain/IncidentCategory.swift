/// What kind of incident it is (feed-format `category`).
public enum IncidentCategory: String, CaseIterable, Codable, Sendable {
    case fire, flood, accident, medical, crime
    case fallenTree = "fallen_tree"
    case infrastructure
    case publicOrder = "public_order"
    case weather
    /// An earthquake (or the tsunami it may bring): BMKG's felt-earthquake reports, CAP `Geo`
    /// alerts whose event names one.
    case earthquake
    /// A landslide (`tanah longsor`), mudslide or debris flow.
    case landslide
    case other

    /// The office that usually responds (domain.md).
    public var respondingOffice: String {
        switch self {
        case .fire, .fallenTree: return "Damkar"
        case .flood, .weather, .earthquake, .landslide: return "BPBD"
        case .accident, .medical: return "Dinkes"
        case .crime, .publicOrder: return "Polres / Satpol PP"
        case .infrastructure: return "Dinas PUPR"
        case .other: return "-"
        }
    }
}
