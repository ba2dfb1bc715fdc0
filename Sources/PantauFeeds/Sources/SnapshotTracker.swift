import PantauCore

/// A snapshot source's memory of its previous payload: what it reported last time, so that
/// what the next payload lacks can be ended with an explicit event (formats are stateless;
/// this is the one piece of state a snapshot source keeps).
///
/// A traffic segment that is gone gets a `traffic` event with `"ended": true` (the store
/// removes it); an incident that is gone gets an `incident` event with `status: resolved` and
/// a note (`no longer reported by waze`). Both go into the source's own event stream, so a
/// recording replays the retraction. Sensor readings and tickets are never retracted. The
/// first payload has nothing before it, so it ends nothing; an unusable payload (not the
/// format, invalid JSON) is no snapshot and ends nothing either.
public struct SnapshotTracker: Sendable {
    /// The note on an incident retracted because the feed stopped reporting it.
    public let note: String
    /// Segments and incidents of the previous snapshot, by id, with what an end event needs.
    private var segments: [String: TrafficUpdate] = [:]
    private var incidents: Set<String> = []

    /// A tracker for a source of `format` (named in the retraction note).
    public init(format: String) {
        note = "no longer reported by \(format)"
    }

    /// Payload-level reasons that mean the payload was not a snapshot at all.
    public static let unusablePayloadReasons: Set<String> = [
        "invalid_json", "html_error_page", "empty_payload", "not_waze", "wrong_type",
    ]

    /// Takes the next snapshot's `result` and returns the events that end what the previous
    /// snapshot had and this one lacks, stamped `now`. An unusable payload changes nothing.
    public mutating func update(with result: FormatResult, at now: Instant) -> [FeedEvent] {
        if result.events.isEmpty, result.skipped.keys.contains(where: Self.unusablePayloadReasons.contains) {
            return []
        }
        var nextSegments: [String: TrafficUpdate] = [:]
        var nextIncidents: Set<String> = []
        for e in result.events {
            switch e.payload {
            case .traffic(let t):
                // Only what names the segment: an end event carries no readings.
                var key = TrafficUpdate(segment: t.segment, road: t.road)
                key.place.district = t.place.district
                nextSegments[t.segment] = key
            case .incident(let i): nextIncidents.insert(i.id)
            case .sensor, .ticket, .action, .alarm: break
            }
        }
        var ended: [FeedEvent] = []
        for id in segments.keys.sorted() where nextSegments[id] == nil {
            var t = segments[id]!
            t.ended = true
            ended.append(FeedEvent(time: now, payload: .traffic(t)))
        }
        for id in incidents.sorted() where !nextIncidents.contains(id) {
            var u = IncidentUpdate(id: id)
            u.status = .resolved
            u.note = note
            ended.append(FeedEvent(time: now, payload: .incident(u)))
        }
        segments = nextSegments
        incidents = nextIncidents
        return ended
    }
}
