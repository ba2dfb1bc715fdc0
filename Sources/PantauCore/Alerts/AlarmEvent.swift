/// A change in an alarm's life that a rule decided (feed-format `kind: "alarm"`): raised when a
/// rule's condition has held for its minimum duration, cleared when it has fallen below the
/// rule's lower (hysteresis) level. One alarm per episode: `id` names the episode.
///
/// Acknowledging an alarm, noting on it and making an incident of it are `kind: action` events
/// (verbs `acknowledge_alarm`, `note_alarm`, `incident_from_alarm`) targeting `id`.
public struct AlarmEvent: Sendable, Equatable, Codable {
    /// The episode's id: `alarm-<rule>-<subject>-<epoch seconds the episode began>`.
    public var id: String
    /// The rule's name, as in the rules file.
    public var rule: String
    public var transition: AlarmTransition
    /// 1 (lowest) to 5, as incidents.
    public var severity: Int
    /// What the rule watched: a station id, a road segment id, an office, a source name.
    public var subject: String
    /// One line for the alarms pane and the banner.
    public var title: String
    /// The watched value when the transition happened, if the rule watches one.
    public var value: Double?
    /// The band or level reached, in the domain's words (e.g. `Siaga 2`, `Tidak Sehat`).
    public var level: String?

    public init(id: String, rule: String, transition: AlarmTransition, severity: Int, subject: String,
                title: String, value: Double? = nil, level: String? = nil) {
        self.id = id
        self.rule = rule
        self.transition = transition
        self.severity = severity
        self.subject = subject
        self.title = title
        self.value = value
        self.level = level
    }
}

/// Feed-format `state` of an alarm event.
public enum AlarmTransition: String, Sendable, Codable, CaseIterable {
    case raised, cleared
}
