/// A complaint ticket's lifecycle: open → verified → in_progress → resolved → closed, or rejected.
public enum TicketStatus: String, CaseIterable, Sendable, Codable {
    case open, verified
    case inProgress = "in_progress"
    case resolved, closed, rejected

    /// Whether the ticket still waits on the office (and so can be overdue).
    public var isOpen: Bool {
        switch self {
        case .open, .verified, .inProgress: return true
        case .resolved, .closed, .rejected: return false
        }
    }
}
