/// One feed-format v1 event: when it happened, which source sent it, and what it says.
public struct FeedEvent: Sendable {
    public var time: Instant
    public var source: String?
    public var payload: FeedPayload

    public init(time: Instant, source: String? = nil, payload: FeedPayload) {
        self.time = time
        self.source = source
        self.payload = payload
    }
}

/// The kinds of event (feed-format `kind`): what the city reports, and what people at
/// consoles do about it (`action`).
public enum FeedPayload: Sendable {
    case traffic(TrafficUpdate)
    case incident(IncidentUpdate)
    case sensor(SensorReading)
    case ticket(TicketUpdate)
    // Boxed: an action carries many optional fields, and the payload is copied for every event
    // read; inline it would make every traffic or sensor event as large as an action.
    indirect case action(ActionEvent)
    /// An alarm raised or cleared by an alert rule (boxed, like an action).
    indirect case alarm(AlarmEvent)

    /// Whether the city's sources send it (traffic, incidents, sensors, tickets), as opposed to
    /// what consoles and rules make (actions, alarms): what counts for a source's activity. Asked
    /// of the payload in place (passing the payload to a function copied it, every event).
    public var isFromTheCity: Bool {
        switch self {
        case .traffic, .incident, .sensor, .ticket: return true
        case .action, .alarm: return false
        }
    }

    /// The feed-format `kind` name.
    public var kindName: String {
        switch self {
        case .traffic: return "traffic"
        case .incident: return "incident"
        case .sensor: return "sensor"
        case .ticket: return "ticket"
        case .action: return "action"
        case .alarm: return "alarm"
        }
    }
}

/// Where something is: any of a kecamatan, an address and coordinates.
public struct Place: Sendable, Equatable {
    public var district: String?
    public var address: String?
    public var location: GeoPoint?

    public init(district: String? = nil, address: String? = nil, location: GeoPoint? = nil) {
        self.district = district
        self.address = address
        self.location = location
    }
}

/// A `traffic` event: one segment's state at the event's time.
public struct TrafficUpdate: Sendable, Equatable {
    public var segment: String
    public var road: String
    public var place = Place()
    public var speedKmh: Double?
    public var freeFlowKmh: Double?
    public var jamLevel: Int?
    public var delaySeconds: Double?
    public var lengthMeters: Double?
    /// The segment's state has ended (`"ended": true`): a snapshot source no longer reports it,
    /// and the store removes it. The other fields then only say which segment it was.
    public var ended = false

    public init(segment: String, road: String) {
        self.segment = segment
        self.road = road
    }

    /// Every field at once (the decoder builds updates in one step).
    init(segment: String, road: String, place: Place, speedKmh: Double?, freeFlowKmh: Double?, jamLevel: Int?,
         delaySeconds: Double?, lengthMeters: Double?, ended: Bool = false) {
        self.segment = segment
        self.road = road
        self.place = place
        self.speedKmh = speedKmh
        self.freeFlowKmh = freeFlowKmh
        self.jamLevel = jamLevel
        self.delaySeconds = delaySeconds
        self.lengthMeters = lengthMeters
        self.ended = ended
    }
}

/// An `incident` event: creates the incident on first sight, then updates the fields it carries.
public struct IncidentUpdate: Sendable, Equatable {
    public var id: String
    public var category: IncidentCategory?
    public var severity: Int?
    public var title: String?
    public var status: IncidentStatus?
    public var place = Place()
    public var unit: String?
    public var agency: String?
    public var channel: String?
    public var note: String?
    /// When the incident stops being in force (a CAP alert's `expires`): the store closes it
    /// then if it is still open. A later update with another `expires` moves it.
    public var expires: Instant?
    /// An exercise or test incident (`"exercise": true`): the shift report keeps it out of the
    /// real figures and counts it apart. Once any event marks an incident so, it stays one.
    public var exercise = false

    public init(id: String) { self.id = id }

    /// Every field at once (the decoder builds updates in one step).
    init(id: String, category: IncidentCategory?, severity: Int?, title: String?, status: IncidentStatus?,
         place: Place, unit: String?, agency: String?, channel: String?, note: String?, expires: Instant? = nil,
         exercise: Bool = false) {
        self.id = id
        self.category = category
        self.severity = severity
        self.title = title
        self.status = status
        self.place = place
        self.unit = unit
        self.agency = agency
        self.channel = channel
        self.note = note
        self.expires = expires
        self.exercise = exercise
    }
}

/// A `sensor` event: one reading.
public struct SensorReading: Sendable, Equatable {
    public var station: String
    public var sensor: SensorKind
    public var value: Double
    public var unit: String?
    public var name: String?
    public var place = Place()
    /// The gauge's alert levels in cm, when the feed carries them (`waspada`, `siaga`, `awas`):
    /// they apply to the station from this reading on, unless a layout names the station.
    public var thresholds: GaugeThresholds?

    public init(station: String, sensor: SensorKind, value: Double) {
        self.station = station
        self.sensor = sensor
        self.value = value
    }

    /// Every field at once (the decoder builds readings in one step).
    init(station: String, sensor: SensorKind, value: Double, unit: String?, name: String?, place: Place,
         thresholds: GaugeThresholds? = nil) {
        self.station = station
        self.sensor = sensor
        self.value = value
        self.unit = unit
        self.name = name
        self.place = place
        self.thresholds = thresholds
    }
}

/// A `ticket` event: creates the complaint ticket on first sight, then updates it.
public struct TicketUpdate: Sendable, Equatable {
    public var id: String
    public var category: String?
    public var title: String?
    public var agency: String?
    public var channel: String?
    public var created: Instant?
    public var slaHours: Double?
    public var status: TicketStatus?
    public var place = Place()
    public var note: String?

    public init(id: String) { self.id = id }

    /// Every field at once (the decoder builds updates in one step).
    init(id: String, category: String?, title: String?, agency: String?, channel: String?, created: Instant?,
         slaHours: Double?, status: TicketStatus?, place: Place, note: String?) {
        self.id = id
        self.category = category
        self.title = title
        self.agency = agency
        self.channel = channel
        self.created = created
        self.slaHours = slaHours
        self.status = status
        self.place = place
        self.note = note
    }
}
