/// One office's complaint queue at a moment.
public struct AgencyQueue: Hashable, Sendable {
    public var agency: String
    public var open: Int
    public var overdue: Int
    /// When the oldest open ticket was created.
    public var oldestCreated: Instant?

    public init(agency: String, open: Int, overdue: Int, oldestCreated: Instant?) {
        self.agency = agency
        self.open = open
        self.overdue = overdue
        self.oldestCreated = oldestCreated
    }
}
