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

    public init(time: Instant, origin: Origin, subject: String, text: String, tone: BandTone) {
        self.time = time
        self.origin = origin
        self.subject = subject
        self.text = text
        self.tone = tone
    }
}
