/// A citizen complaint routed to a city office.
public struct Ticket: Sendable, Codable {
    public let id: String
    public var category: String
    public var title: String
    public var agency: String
    public var channel: String?
    public var status: TicketStatus
    public var district: String?
    public var address: String?
    public var location: GeoPoint?
    public var created: Instant
    /// Hours allowed before the ticket is overdue; nil when the office set none.
    public var slaHours: Double?
    public var updatedAt: Instant
    public var timeline = BoundedTimeline()
    /// Accepted actions on it so far (compare-and-set, as ``Incident/version``).
    public var version = 0
    /// The last accepted action on it.
    public var lastAction: ActionRecord?
    /// Who verified it (`ticket_verify`).
    public var verifiedBy: String?
    /// How it was resolved or why it was rejected (`ticket_resolve`, `ticket_reject`).
    public var disposition: String?

    public init(id: String, category: String, title: String, agency: String, status: TicketStatus,
                created: Instant, updatedAt: Instant) {
        self.id = id
        self.category = category
        self.title = title
        self.agency = agency
        self.status = status
        self.created = created
        self.updatedAt = updatedAt
    }

    /// When it becomes overdue, if it has an SLA.
    public var dueAt: Instant? { Self.dueAt(created: created, slaHours: slaHours) }

    /// When a ticket created at `created` with `slaHours` becomes overdue (nil: no SLA).
    public static func dueAt(created: Instant, slaHours: Double?) -> Instant? {
        slaHours.map { created.adding(seconds: $0 * 3600) }
    }

    /// Whether it is still open past its SLA at `now`.
    public func isOverdue(at now: Instant) -> Bool {
        guard status.isOpen, let due = dueAt else { return false }
        return now > due
    }
}
