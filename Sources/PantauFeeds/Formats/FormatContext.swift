import PantauCore

/// What a conversion needs besides the payload.
public struct FormatContext: Sendable {
    /// The source name stamped into each event's `src` (e.g. `bmkg-cap`).
    public var source: String
    /// The moment of reading: the time for records that carry none of their own, and what
    /// a CAP alert's `expires` is compared with.
    public var now: Instant
    /// The MQTT topic the payload came on, when it came over MQTT (a bare SensorThings
    /// Observation says which Datastream it belongs to only here:
    /// `v1.1/Datastreams(ID)/Observations`).
    public var topic: String?
    /// What the source knows of SensorThings Datastreams (from the sources file, or fetched
    /// from the server once), for Observations that do not carry their Datastream.
    public var datastreams: DatastreamDirectory?

    /// Creates a context.
    public init(source: String, now: Instant, topic: String? = nil, datastreams: DatastreamDirectory? = nil) {
        self.source = source
        self.now = now
        self.topic = topic
        self.datastreams = datastreams
    }
}
