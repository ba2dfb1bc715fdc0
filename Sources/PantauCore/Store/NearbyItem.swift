/// Something near a point, with its distance: what a supervisor sees around an incident.
public struct NearbyItem: Sendable {
    public enum Thing: Sendable {
        case station(SensorStation)
        case segment(TrafficSegment)
        case ticket(Ticket)
        case incident(Incident)
    }

    public var thing: Thing
    public var meters: Double

    /// Orders things at the same distance (a station's channels, a ticket at an incident's
    /// address) by kind then key, so the list does not depend on the store's hashing order.
    var tieBreak: (Int, String) {
        switch thing {
        case .station(let s): return (0, s.key)
        case .segment(let s): return (1, s.id)
        case .ticket(let t): return (2, t.id)
        case .incident(let i): return (3, i.id)
        }
    }
}
