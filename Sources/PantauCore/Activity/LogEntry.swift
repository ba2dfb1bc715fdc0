/// One line of the activity log: when, what kind of thing, what happened, how much it matters.
public struct LogEntry: Sendable, Equatable {
    /// Where an entry comes from: a feed event kind, or Pantau itself (sources, layouts).
    public enum Origin: String, Sendable {
        case incident, ticket, traffic, sensor, system
    }

    /// Feed time for feed events; wall time (as an instant) for system entries.
    public var time: Instant
    public var origin: Origin
    /// The subject's id (incident, ticket, segment, station, source name), if any.
    public var subject: String
    /// What happened, in one line. Feed text: sanitised when drawn.
    public var text: String
    /// How much it matters, for colour.
    public var tone: BandTone
    /// What a pane's filter looks at, when the event said: its kecamatan, category (incident
    /// category, ticket category or sensor kind), agency and severity.
    public var district: String?
    public var category: String?
    public var agency: String?
    public var severity: Int?

    public init(time: Instant, origin: Origin, subject: String, text: String, tone: BandTone,
                district: String? = nil, category: String? = nil, agency: String? = nil, severity: Int? = nil) {
        self.time = time
        self.origin = origin
        self.subject = subject
        self.text = text
        self.tone = tone
        self.district = district
        self.category = category
        self.agency = agency
        self.severity = severity
    }
}
