import PantauCore

/// Everything that can change a session, in one type: what the runners feed ``Session``'s
/// `update`. Placeholder until the session lands.
public enum SessionMessage: Sendable {
    /// Feed events that arrived, in arrival order.
    case events([FeedEvent])
}
