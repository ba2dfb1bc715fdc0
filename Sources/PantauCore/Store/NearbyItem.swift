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
}
