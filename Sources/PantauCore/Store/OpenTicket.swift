/// What the queue views need of an open ticket, kept per agency so that counting open and
/// overdue tickets never copies the tickets themselves.
public struct OpenTicket: Hashable, Sendable, Codable {
    public var id: String
    public var created: Instant
    public var dueAt: Instant?

    init(id: String, created: Instant, dueAt: Instant?) {
        self.id = id
        self.created = created
        self.dueAt = dueAt
    }

    public init(_ ticket: Ticket) {
        id = ticket.id
        created = ticket.created
        dueAt = ticket.dueAt
    }

    public func isOverdue(at now: Instant) -> Bool { dueAt.map { now > $0 } ?? false }
}
