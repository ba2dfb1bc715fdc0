/// What became of an action this console's user asked for, as the status line tells it.
public enum SubmissionResult: Sendable, Equatable {
    /// Not done and not journaled: the role does not allow it, or the journal cannot take it.
    case refused(reason: String)
    /// Journaled and applied.
    case accepted(actionID: String)
    /// It no longer fit (the incident was closed meanwhile, the unit was taken): journaled as
    /// rejected, or, on a shared journal that compares versions, not journaled at all.
    case rejected(actionID: String, reason: String)

    /// The status-line words for it.
    public var message: String {
        switch self {
        case .refused(let reason): return "Refused: \(reason)"
        case .accepted: return "Done"
        case .rejected(_, let reason): return "Rejected: \(reason)"
        }
    }
}
