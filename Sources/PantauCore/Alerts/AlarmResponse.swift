/// What a console does when one of a rule's alarms is raised, besides showing it in the alarms
/// pane and the banner (rules file: a rule's `then:`).
public struct AlarmResponse: Sendable, Equatable, Codable {
    /// Ring the terminal bell (never for viewers).
    public var bell: Bool
    /// Flash the screen (never for viewers).
    public var flash: Bool
    /// Open an incident from the alarm at once.
    public var createIncident: Bool
    /// A program to run, as argv (never through a shell), with the alarm's fields in its
    /// environment (`PANTAU_ALARM_ID`, `_RULE`, `_STATE`, `_SEVERITY`, `_SUBJECT`, `_TITLE`,
    /// `_VALUE`, `_LEVEL`, `_TIME`); empty: none.
    public var command: [String]
    /// Seconds the command may run before it is killed.
    public var commandTimeout: Double
    /// An MQTT topic to publish the alarm to (as a feed-format line), if any.
    public var mqttTopic: String?

    public init(bell: Bool = true, flash: Bool = true, createIncident: Bool = false, command: [String] = [],
                commandTimeout: Double = 10, mqttTopic: String? = nil) {
        self.bell = bell
        self.flash = flash
        self.createIncident = createIncident
        self.command = command
        self.commandTimeout = commandTimeout
        self.mqttTopic = mqttTopic
    }
}
