import PantauCore

extension SimulationEngine {
    /// When in each window a periodic source reports, and which one.
    struct Slot: Sendable {
        enum Kind: Sendable { case traffic(Int), water(Int), rain(Int), air(Int) }
        let phaseMillis: Int64
        let kind: Kind
        let order: Int
    }

    /// A road segment slowed by an incident on it until the incident is resolved.
    struct Disruption: Sendable {
        let segment: Int
        let from: Int64
        let until: Int64
        let factor: Double
    }

    /// What has been raised for a gauge: the highest alert level announced since it was last
    /// normal, and the open sensor incident, if any.
    struct GaugeAlert: Sendable {
        var announced: FloodAlertLevel = .siaga4
        var incidentID: String?
        var resolvesAt: Int64 = .min
    }

    /// Something new this window, waiting for its id.
    enum Creation: Sendable {
        case incident(IncidentDraft)
        case ticket(TicketDraft)

        var millis: Int64 {
            switch self {
            case .incident(let d): return d.millis
            case .ticket(let d): return d.millis
            }
        }
    }
}
