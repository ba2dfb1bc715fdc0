/// One alarm as the store knows it: the rule's raise, who acknowledged it and when, when it
/// cleared (and the value it cleared at), the notes on it, and the incident made from it.
///
/// Built from `kind: alarm` events (raise, clear) and alarm actions (`acknowledge_alarm`,
/// `note_alarm`, `incident_from_alarm`) by ``CityState/apply(_:)``.
public struct Alarm: Sendable, Codable {
    /// The raise event as the rule emitted it (id, rule, severity, subject, title, value, level).
    public let raise: AlarmEvent
    /// The raise event's time.
    public let raisedAt: Instant
    public var acknowledgedBy: String?
    public var acknowledgedAt: Instant?
    /// When the rule cleared it (nil: still active).
    public var clearedAt: Instant?
    /// The watched value when it cleared, if the rule watches one.
    public var clearValue: Double?
    /// Raised, acknowledged, notes, incident made, cleared: who did what, when.
    public var timeline = BoundedTimeline()
    /// The incident made from it (`incident_from_alarm`), if any.
    public var incidentID: String?
    /// Accepted actions on it so far.
    public var version = 0
    /// The last accepted action on it.
    public var lastAction: ActionRecord?

    public init(raise: AlarmEvent, raisedAt: Instant) {
        self.raise = raise
        self.raisedAt = raisedAt
        timeline.append(TimelineEntry(time: raisedAt, change: .status(AlarmTransition.raised.rawValue)))
    }

    public var id: String { raise.id }
    public var rule: String { raise.rule }
    public var subject: String { raise.subject }
    public var severity: Int { raise.severity }
    public var title: String { raise.title }

    /// Not yet cleared.
    public var isActive: Bool { clearedAt == nil }
    public var isAcknowledged: Bool { acknowledgedAt != nil }
    /// Active and nobody has acknowledged it: what the room must look at.
    public var needsAttention: Bool { isActive && !isAcknowledged }
    /// Cleared and acknowledged: nothing left to do (the sweep lets it go after the retention).
    public var isFinished: Bool { !isActive && isAcknowledged }

    /// Notes in time order.
    public var notes: [TimelineEntry] {
        timeline.entries.filter { if case .note = $0.change { return true } else { return false } }
    }

    /// Whether this alarm comes before `other` in the alarms pane: active unacknowledged first,
    /// then active acknowledged, then cleared ones (unacknowledged first); within each, the
    /// more severe first, then the most recently raised, then by id.
    public func precedesInPane(_ other: Alarm) -> Bool {
        if paneGroup != other.paneGroup { return paneGroup < other.paneGroup }
        if severity != other.severity { return severity > other.severity }
        if raisedAt != other.raisedAt { return raisedAt > other.raisedAt }
        return id < other.id
    }

    private var paneGroup: Int {
        switch (isActive, isAcknowledged) {
        case (true, false): return 0
        case (true, true): return 1
        case (false, false): return 2
        case (false, true): return 3
        }
    }

    /// The key of "this rule on this subject" (at most one alarm of it is active at a time).
    public static func episodeKey(rule: String, subject: String) -> String { rule + episodeKeySeparator + subject }

    /// The subject an ``episodeKey(rule:subject:)`` names (nil for a string that is not one).
    public static func subject(ofEpisodeKey key: String) -> String? {
        // The separator is one ASCII byte: found in the UTF-8, not by comparing Characters.
        guard let separator = key.utf8.firstIndex(of: episodeKeySeparatorByte) else { return nil }
        return String(key[key.utf8.index(after: separator)...])
    }

    private static let episodeKeySeparator = "\u{1F}"
    private static let episodeKeySeparatorByte = UInt8(ascii: "\u{1F}")

    /// An episode's alarm id: `alarm-<rule>-<subject>-<epoch seconds the episode began>`.
    public static func id(rule: String, subject: String, episodeStart: Instant) -> String {
        let seconds = episodeStart.millis >= 0 ? episodeStart.millis / 1000 : (episodeStart.millis - 999) / 1000
        return "alarm-\(rule)-\(subject)-\(seconds)"
    }
}
