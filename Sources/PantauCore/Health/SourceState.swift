/// Where a source stands, as the Sources pane and the status line show it.
public enum SourceState: Sendable, Equatable, CustomStringConvertible {
    /// Starting, or reconnecting after a failure; nothing received yet on this attempt.
    case connecting
    /// Connected (or polling successfully) and recently heard from.
    case live
    /// Connected, but nothing new for longer than the source's staleness limit.
    case stale
    /// Not working, with a short reason (`HTTP 500`, `connection refused`, …); it retries.
    case failing(String)

    /// `connecting`, `live`, `stale` or `failing: reason`.
    public var description: String {
        switch self {
        case .connecting: return "connecting"
        case .live: return "live"
        case .stale: return "stale"
        case .failing(let reason): return "failing: \(reason)"
        }
    }

    /// Whether this is ``failing(_:)``.
    public var isFailing: Bool {
        if case .failing = self { return true }
        return false
    }
}
