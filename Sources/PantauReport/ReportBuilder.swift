import PantauCore
import PantauFeeds

/// Folds the events of a journal or a recording, in the order they were written, into a
/// ``ShiftReport``.
///
/// Every event goes through the store's own reducer (``CityState/applyPlayed(_:)``, records
/// never let go), so an incident's response times, an action's acceptance and a ticket's queue
/// are what the dashboard showed; beside it the builder keeps what the store does not: when
/// each incident was first seen and at which status, which incidents are exercises, ticket
/// closures, actions per user, alarms and water levels. Events before `from` are applied (the
/// state at the start of the period) but not counted; events stamped after `to` are not applied.
public final class ReportBuilder {
    /// The most readings a ``GaugeSeries`` keeps.
    public static let gaugePoints = 360
    /// The most bars in ``ShiftReport/incidentsPerHour`` (a month of hours): a longer period keeps its last ones.
    public static let maxHours = 24 * 31

    public let targets: ResponseTargets
    public let bands: BandRules
    let fromSpec: TimeSpec?
    let toSpec: TimeSpec?
    var windowResolved = false
    var from: Instant?
    var to: Instant?

    var state = CityState()
    var firstInPeriod: Instant?
    var lastInPeriod: Instant?
    var eventsInPeriod = 0
    /// Lines of the input skipped as bad input (set by the readers, ``read(_:)``).
    public var skippedLines = 0

    struct Sighting {
        var at: Instant
        var status: IncidentStatus
        var inPeriod: Bool
    }
    var sightings: [String: Sighting] = [:]
    var exerciseIDs: Set<String> = []
    var exerciseActions = 0
    var ticketsClosed: [String: Int] = [:]
    struct UserTally {
        var actions = 0
        var rejected = 0
        var byVerb: [String: Int] = [:]
    }
    var users: [String: UserTally] = [:]

    struct AlarmRecord {
        var rule: String
        var raisedAt: Instant
        var cleared = false
        var acknowledgedAt: Instant?
    }
    var alarms: [String: AlarmRecord] = [:]

    var water: [String: [GaugePoint]] = [:]
    var gaugeNames: [String: String] = [:]
    var fedThresholds: [String: GaugeThresholds] = [:]

    /// A builder for the period `from` … `to` (each nil: the input's first / last event;
    /// `HH:MM` is on the day of the input's first event), measuring against `targets`, with the
    /// desk's `units` on the roster (so dispatches to them are accepted as they were).
    public init(targets: ResponseTargets = .standard, units: [UnitDefinition] = [], bands: BandRules = .standard,
                from: TimeSpec? = nil, to: TimeSpec? = nil) {
        self.targets = targets
        self.bands = bands
        fromSpec = from
        toSpec = to
        state.retentionSeconds = .infinity
        state.registerUnits(units)
    }

    // MARK: - Events in

    /// Whether an event at `t` is applied (not past the period), and whether it is counted (in it).
    private func place(_ t: Instant) -> (apply: Bool, inPeriod: Bool) {
        if !windowResolved {
            windowResolved = true
            from = fromSpec?.resolve(firstEvent: t)
            to = toSpec?.resolve(firstEvent: t)
        }
        if let to, t > to { return (false, false) }
        if let from, t < from { return (true, false) }
        if firstInPeriod == nil || t < firstInPeriod! { firstInPeriod = t }
        if lastInPeriod == nil || t > lastInPeriod! { lastInPeriod = t }
        eventsInPeriod += 1
        return (true, true)
    }

    /// Takes one event.
    public func consume(_ event: FeedEvent) {
        let t = event.time
        let (apply, inPeriod) = place(t)
        guard apply else { return }
        switch event.payload {
        case .incident(let u):
            if u.exercise { exerciseIDs.insert(u.id) }
            // Looked up by index: reading the record itself would copy it (and its timeline) per event.
            if state.incidents.index(forKey: u.id) == nil {
                sightings[u.id] = Sighting(at: t, status: u.status ?? .new, inPeriod: inPeriod)
            }
            state.applyPlayed(event)
        case .ticket(let u):
            let wasOpen = state.tickets.index(forKey: u.id).map { state.tickets.values[$0].status.isOpen } ?? false
            state.applyPlayed(event)
            if inPeriod { noteTicketClosure(u.id, wasOpen: wasOpen) }
        case .action(let a):
            consumeAction(a, event, inPeriod: inPeriod)
        case .alarm(let alarm):
            state.applyPlayed(event)
            switch alarm.transition {
            case .raised:
                if inPeriod, alarms[alarm.id] == nil { alarms[alarm.id] = AlarmRecord(rule: alarm.rule, raisedAt: t) }
            case .cleared:
                alarms[alarm.id]?.cleared = true
            }
        case .sensor(let r):
            if inPeriod, r.sensor == .waterLevel {
                water[r.station, default: []].append(GaugePoint(time: t, value: r.value))
                if let n = r.name { gaugeNames[r.station] = n }
                if let th = r.thresholds { fedThresholds[r.station] = th }
            }
            state.applyPlayed(event)
        default:
            state.applyPlayed(event)
        }
    }

    private func consumeAction(_ a: ActionEvent, _ event: FeedEvent, inPeriod: Bool) {
        // One already applied (delivered twice) changes nothing and is not counted again.
        guard state.actionOutcomes[a.actionID] == nil else { return }
        let t = event.time
        // The incident a `create` (or an `incident_from_alarm`) would make.
        let made = a.verb == .create ? a.target : a.verb == .incidentFromAlarm ? a.fields.incident : nil
        let creates = made.map { state.incidents.index(forKey: $0) == nil } ?? false
        let ticketWasOpen = a.verb.targetKind == .ticket ? state.tickets[a.target]?.status.isOpen ?? false : false
        // The incident acted on: the target, or for a unit's status the incident it is on.
        let incidentID = a.verb.targetKind == .unit ? state.units[a.target]?.incidentID
            : a.verb.targetKind == .incident ? a.target : nil
        state.applyPlayed(event)
        let accepted = state.actionOutcomes[a.actionID]?.isAccepted ?? false
        if creates, accepted, let id = made, state.incidents.index(forKey: id) != nil {
            sightings[id] = Sighting(at: t, status: state.incidents[id]?.status ?? .new, inPeriod: inPeriod)
            if a.fields.exercise == true { exerciseIDs.insert(id) }
        }
        if accepted, a.verb == .acknowledgeAlarm, let raised = alarms[a.target], raised.acknowledgedAt == nil {
            alarms[a.target]?.acknowledgedAt = max(t, raised.raisedAt)
        }
        guard inPeriod else { return }
        if a.verb.targetKind == .ticket { noteTicketClosure(a.target, wasOpen: ticketWasOpen) }
        if let id = incidentID, exerciseIDs.contains(id) {
            if accepted { exerciseActions += 1 }
            return
        }
        tally(user: a.by, verb: a.verb.rawValue, accepted: accepted)
    }

    private func tally(user: String, verb: String, accepted: Bool) {
        if accepted {
            users[user, default: UserTally()].actions += 1
            users[user, default: UserTally()].byVerb[verb, default: 0] += 1
        } else {
            users[user, default: UserTally()].rejected += 1
        }
    }

    private func noteTicketClosure(_ id: String, wasOpen: Bool) {
        guard wasOpen, let ticket = state.tickets[id], !ticket.status.isOpen else { return }
        ticketsClosed[ticket.agency, default: 0] += 1
    }
}
