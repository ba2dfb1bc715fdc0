/// An incident as the store knows it after applying every event about it.
public struct Incident: Sendable, Codable {
    public let id: String
    public var category: IncidentCategory
    public var severity: Int
    public var title: String
    public var status: IncidentStatus
    public var district: String?
    public var address: String?
    public var location: GeoPoint?
    public var unit: String?
    public var agency: String?
    public var channel: String?
    public var source: String?
    /// When it stops being in force: an open incident is closed then (``CityState/sweep(asOf:)``).
    public var expires: Instant?
    /// Whether its last close was its expiry (an update that extends `expires` re-opens it).
    public var closedByExpiry = false
    /// When it was first seen.
    public var reportedAt: Instant
    /// When any field last changed.
    public var updatedAt: Instant
    /// When the status last changed.
    public var statusChangedAt: Instant
    /// Creation order in the store (1, 2, 3 …), used to mark incidents an operator has not yet seen.
    public var sequence: Int
    public var timeline = BoundedTimeline()

    public init(id: String, category: IncidentCategory, severity: Int, title: String,
                status: IncidentStatus, reportedAt: Instant, sequence: Int) {
        self.id = id
        self.category = category
        self.severity = severity
        self.title = title
        self.status = status
        self.reportedAt = reportedAt
        self.updatedAt = reportedAt
        self.statusChangedAt = reportedAt
        self.sequence = sequence
    }

    /// Notes in time order.
    public var notes: [TimelineEntry] {
        timeline.entries.filter { if case .note = $0.change { return true } else { return false } }
    }
}
