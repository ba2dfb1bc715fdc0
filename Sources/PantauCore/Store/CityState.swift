/// Everything Pantau knows about the city, as a value: applying the same events in the same
/// order always gives the same state (no wall clock, no randomness), so it can be copied,
/// checkpointed and rebuilt.
public struct CityState: Sendable {
    /// The latest event time applied. Not "now": ages, countdowns and overdue are measured from
    /// the runner's now (queries take it as an argument), because a quiet feed holds this back
    /// and one event stamped ahead pushes it forward.
    public internal(set) var clock: Instant?
    /// The first event time applied.
    public internal(set) var startedAt: Instant?
    /// Events applied so far.
    public internal(set) var eventCount = 0
    /// Status changes refused because they went backwards (other than a re-open).
    public internal(set) var refusedTransitions = 0
    /// Closed records let go by the retention sweep.
    public internal(set) var evictedCount = 0

    /// Traffic segments by id (a ``RecordKey``: found by a digest of the id, not a hash of it).
    public internal(set) var segments: [RecordKey: TrafficSegment] = [:]
    public internal(set) var incidents: [String: Incident] = [:]
    /// Sensor stations by key (a station's id, or ``SensorStation/channelKey(station:kind:)``
    /// for its further kinds).
    public internal(set) var stations: [RecordKey: SensorStation] = [:]
    public internal(set) var tickets: [String: Ticket] = [:]

    /// Ids of incidents that are not resolved or closed.
    public internal(set) var openIncidentIDs: Set<String> = []
    /// Open incidents in dispatch order, kept sorted as they change.
    var dispatchOrder = SortedSet<DispatchKey>()
    /// Open incidents that carry an `expires`, soonest first: what the sweep closes as now passes.
    var expiryOrder = SortedSet<ExpiryKey>()
    /// Open incidents counted by severity (index 1…5).
    public internal(set) var openCountsBySeverity = [Int](repeating: 0, count: 6)
    /// Open tickets per agency, by id.
    public internal(set) var openTicketsByAgency: [String: [String: OpenTicket]] = [:]
    /// Every agency ever seen on a ticket (so a queue that drains to zero still shows).
    public internal(set) var agencies: Set<String> = []
    /// Number of incidents ever created; an incident's `sequence` is its place in this count.
    public internal(set) var incidentSequence = 0
    /// The roster's units and where each is (``registerUnits(_:)``, then actions move them).
    public internal(set) var units: [String: UnitState] = [:]
    /// What became of every action applied, by action id: an action whose id is here is not
    /// applied again.
    public internal(set) var actionOutcomes: [String: ActionOutcome] = [:]
    /// Alarms raised by the alert rules, by id (``alarmsInPaneOrder`` lists them for the pane).
    public internal(set) var alarms: [String: Alarm] = [:]
    /// The id of the active alarm of each rule on each subject (``Alarm/episodeKey(rule:subject:)``).
    public internal(set) var activeAlarmIDs: [String: String] = [:]
    /// When the last alarm of each rule on each subject cleared (``Alarm/episodeKey(rule:subject:)``):
    /// a rule starts looking for a new episode after it.
    public internal(set) var lastAlarmClears: [String: Instant] = [:]
    /// Each source's latest event time and recent silences (what no-signal rules read).
    public internal(set) var sourceActivity: [String: SourceActivity] = [:]

    /// How long a segment or a reading stays current without a refresh; older ones are stale.
    public var staleLimits = StaleLimits()
    /// How long a resolved/closed incident or a finished ticket is kept after its last change.
    public var retentionSeconds: Double = 24 * 3600
    /// The hour of `now` (hours since 1970) of the last ``sweep(asOf:)``.
    var sweptHour: Int64?
    /// Finished (resolved/closed) incidents and when they last changed: what the sweep looks at.
    var finishedIncidents: [String: Instant] = [:]
    /// Finished tickets and when they last changed.
    var finishedTickets: [String: Instant] = [:]
    /// Cleared alarms and when they cleared (or were acknowledged, if later): what the sweep looks at.
    var finishedAlarms: [String: Instant] = [:]
    /// Which line of states this one belongs to (see ``version``): shared by copies until one
    /// of them is changed while shared, which then starts its own.
    var lineage = StateLineage()
    /// The keys of stations' further kinds, kept once made (not written with the state).
    var stationChannelKeys = StationChannelKeys()

    public init() {}

    /// A cheap stamp of the state's content: two states with equal versions hold the same
    /// records (the same storage), so whatever is worked out from one holds for the other.
    /// Every change goes through `apply`, which counts events and, when this state's lineage is
    /// shared with a copy (or a holder of a version), starts a new lineage.
    public var version: StateVersion { StateVersion(lineage: lineage, events: eventCount) }
}
