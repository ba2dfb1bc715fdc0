/// A roster unit as the store knows it: its definition, where it is, and since when.
public struct UnitState: Sendable, Equatable, Codable {
    public var definition: UnitDefinition
    public var status: UnitStatus
    /// The incident it is assigned to (dispatched, en route or on scene).
    public var incidentID: String?
    /// When it entered `status` (nil: registered, not yet moved by an action).
    public var since: Instant?

    public init(definition: UnitDefinition, status: UnitStatus = .available, incidentID: String? = nil,
                since: Instant? = nil) {
        self.definition = definition
        self.status = status
        self.incidentID = incidentID
        self.since = since
    }

    public var id: String { definition.id }
}
