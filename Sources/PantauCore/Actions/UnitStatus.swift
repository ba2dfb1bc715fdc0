/// Where a response unit is (the units board): available at its station, dispatched to an
/// incident, en route, on scene, or out of service.
public enum UnitStatus: String, CaseIterable, Codable, Sendable {
    case available, dispatched
    case enRoute = "en_route"
    case onScene = "on_scene"
    case outOfService = "out_of_service"

    /// Whether a dispatch may take the unit.
    public var canBeDispatched: Bool { self == .available }
}
