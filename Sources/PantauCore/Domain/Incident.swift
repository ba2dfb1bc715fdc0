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

    // Set by actions (see ``CityState/apply(_:)`` for `kind: action`).

    /// Accepted actions on it so far: an action carrying the version its actor saw is rejected
    /// when this has moved on since (compare-and-set). Feed updates do not change it.
    public var version = 0
    /// The last accepted action on it, for "changed since you looked" reasons.
    public var lastAction: ActionRecord?
    /// When it was first acknowledged (by an action, or a feed status at or past it), and by whom
    /// (actions only).
    public var acknowledgedAt: Instant?
    public var acknowledgedBy: String?
    /// When a unit was first dispatched to it (an action, or a feed status at or past it).
    public var dispatchedAt: Instant?
    /// When a unit was first on scene (an action, or a feed status at or past it).
    public var onSceneAt: Instant?
    /// When it was last resolved or closed, whichever came first.
    public var resolvedAt: Instant?
    /// Ids of the roster units assigned to it now (dispatched, en route or on scene).
    public var units: [String] = []
    /// The disposition code it was resolved with (APCO-style: `handled`, `false_alarm` …).
    public var disposition: String?
    /// The incident this one was merged into as a duplicate (it is then closed).
    public var duplicateOf: String?
    /// Incidents merged into this one as duplicates, in merge order.
    public var duplicates: [String] = []
    /// The alarm it was made from (`incident_from_alarm`), if any.
    public var alarmID: String?
    /// The caller (incidents created from a call): personal data, masked on screen for
    /// operators and viewers (``PersonalData``), never written to snapshots, recordings or logs.
    public var callerName: String?
    public var callerPhone: String?

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
