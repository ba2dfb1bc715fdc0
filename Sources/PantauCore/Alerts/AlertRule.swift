/// One alert rule (a rules file's entry): what it watches, when it raises and clears, how
/// severe its alarms are, and what a console does when one is raised.
///
/// Every rule raises at most one alarm per episode on a subject: it raises when its condition
/// has held for `minDuration` seconds, and clears only when the watched value falls below the
/// clear level, which lies below the raise level (hysteresis), so a value hovering at the level
/// does not flap.
public struct AlertRule: Sendable, Equatable {
    /// Unique in its file; part of every alarm id (`alarm-<name>-<subject>-<epoch s>`).
    public var name: String
    /// 1 (lowest) to 5.
    public var severity: Int
    public var condition: AlertCondition
    /// Seconds the condition must hold before the alarm is raised.
    public var minDuration: Double
    /// What a console does when the alarm is raised (`then:`).
    public var response: AlarmResponse

    public init(name: String, severity: Int, condition: AlertCondition, minDuration: Double = 0,
                response: AlarmResponse = AlarmResponse()) {
        self.name = name
        self.severity = severity
        self.condition = condition
        self.minDuration = minDuration
        self.response = response
    }
}

/// What a rule watches and the levels it raises and clears at.
public enum AlertCondition: Sendable, Equatable {
    /// A sensor's band at or past `raise` (a ``SensorLevel``); clears below `clear` (a lower band,
    /// or a value). Water gauges by their flood alert levels, `ispu` and `pm25` stations by their
    /// ISPU category.
    case band(kind: SensorKind, raise: SensorLevel, clear: BandClear, stations: [String])
    /// A sensor's value at or past `raise`; clears below `clear`.
    case threshold(kind: SensorKind, raise: Double, clear: Double, stations: [String])
    /// A sensor's value rising at `raise` units per hour or faster, measured over `window`
    /// seconds; clears when the rate falls below `clear`.
    case rateOfRise(kind: SensorKind, raise: Double, clear: Double, window: Double, stations: [String])
    /// A road segment's jam level (0…5) at or past `raise`; clears below `clear`. `roads`
    /// (road names or segment ids) empty: any segment.
    case jam(raise: Int, clear: Int, roads: [String])
    /// An office's overdue tickets more than `moreThan`; clears at `clearAtOrBelow` or fewer.
    /// `offices` empty: every office.
    case overdueTickets(moreThan: Int, clearAtOrBelow: Int, offices: [String])
    /// An incident of severity `minSeverity` or more not acknowledged within its acknowledge
    /// target (`targets`); clears when it is acknowledged (or finished).
    case unacknowledgedIncident(minSeverity: Int, targets: ResponseTargets)
    /// A source that has sent nothing for `seconds`; clears when it sends again. `sources`
    /// empty: every source seen.
    case noSignal(seconds: Double, sources: [String])

    /// The kind of input whose change can change the condition.
    public var input: AlertInput {
        switch self {
        case .band, .threshold, .rateOfRise: return .sensors
        case .jam: return .traffic
        case .overdueTickets: return .tickets
        case .unacknowledgedIncident: return .incidents
        case .noSignal: return .sources
        }
    }
}

/// Where a band rule clears: below a band (lower than the raise band), or below a value in the
/// sensor's unit (an ISPU that hovers at 100 clears only below, say, 90).
public enum BandClear: Sendable, Equatable {
    case below(SensorLevel)
    case belowValue(Double)
}

/// The inputs of alert rules, as an option set (what changed since the last evaluation).
public struct AlertInput: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let sensors = AlertInput(rawValue: 1)
    public static let traffic = AlertInput(rawValue: 2)
    public static let tickets = AlertInput(rawValue: 4)
    public static let incidents = AlertInput(rawValue: 8)
    public static let sources = AlertInput(rawValue: 16)
    public static let all: AlertInput = [.sensors, .traffic, .tickets, .incidents, .sources]
}

/// What changed since rules were last evaluated: the inputs, and which stations (by station
/// id), road segments and incidents (nil: any, as after a tick or a reload).
public struct AlertChanges: Sendable, Equatable {
    public var inputs: AlertInput
    public var stations: Set<String>?
    public var segments: Set<String>?
    public var incidents: Set<String>?

    public init(inputs: AlertInput = [], stations: Set<String>? = [], segments: Set<String>? = [], incidents: Set<String>? = []) {
        self.inputs = inputs
        self.stations = stations
        self.segments = segments
        self.incidents = incidents
    }

    /// Everything, as on a tick.
    public static let all = AlertChanges(inputs: .all, stations: nil, segments: nil, incidents: nil)

    public var isEmpty: Bool { inputs.isEmpty }

    /// Notes what `event` changes.
    public mutating func note(_ event: FeedEvent) {
        switch event.payload {
        case .sensor(let r):
            inputs.insert(.sensors)
            stations?.insert(r.station)
        case .traffic(let t):
            inputs.insert(.traffic)
            segments?.insert(t.segment)
        case .ticket: inputs.insert(.tickets)
        case .incident(let u):
            inputs.insert(.incidents)
            incidents?.insert(u.id)
        case .action(let a):
            switch a.verb.targetKind {
            case .ticket: inputs.insert(.tickets)
            case .incident:
                inputs.insert(.incidents)
                incidents?.insert(a.target)
                if let primary = a.fields.duplicateOf { incidents?.insert(primary) }
            case .unit, .alarm:
                // A unit's status can move its incident on; an incident made from an alarm is new.
                inputs.insert(.incidents)
                incidents = nil
            }
        case .alarm: break
        }
        if event.source != nil { inputs.insert(.sources) }
    }
}

/// A band of a sensor as a rank: flood alert levels (0 `Siaga 4 Normal` … 3 `Siaga 1 Awas`) or
/// ISPU categories (0 `Baik` … 4 `Berbahaya`).
public struct SensorLevel: Sendable, Equatable, Comparable {
    public var rank: Int
    public var label: String

    public init(rank: Int, label: String) {
        self.rank = rank
        self.label = label
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// The flood alert level named `name` (`Siaga 2`, `Siaga 2 Siaga`, `siaga`, `Awas` …).
    public static func flood(named name: String) -> SensorLevel? {
        let n = name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for level in FloodAlertLevel.allCases {
            let words = level.label.lowercased()
            let short = String(words.prefix(7))
            let alias = String(words.dropFirst(8))
            if n == words || n == short || n == alias { return flood(level) }
        }
        return nil
    }

    public static func flood(_ level: FloodAlertLevel) -> SensorLevel {
        SensorLevel(rank: 4 - level.rawValue, label: level.label)
    }

    /// The ISPU category named `name` (`Tidak Sehat`, `tidak_sehat` …).
    public static func ispu(named name: String) -> SensorLevel? {
        let n = name.lowercased().replacingOccurrences(of: "_", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return ISPUCategory.allCases.first { $0.label.lowercased() == n }.map(ispu)
    }

    public static func ispu(_ c: ISPUCategory) -> SensorLevel { SensorLevel(rank: c.rawValue, label: c.label) }

    /// The level one rank lower (the default clear level), or nil at the lowest.
    public func lower(kind: SensorKind) -> SensorLevel? {
        guard rank > 0 else { return nil }
        switch kind {
        case .waterLevel: return FloodAlertLevel(rawValue: 4 - (rank - 1)).map(Self.flood)
        default: return ISPUCategory(rawValue: rank - 1).map(Self.ispu)
        }
    }

    /// The rank of `value` on `station` (nil: a kind without levels).
    static func rank(of value: Double, kind: SensorKind, stationID: String, fed: GaugeThresholds?, bands: BandRules) -> Int? {
        rank(of: value, kind: kind, gauge: kind == .waterLevel ? bands.thresholds(forStation: stationID, fed: fed) : nil)
    }

    /// The rank of `value` for `kind`, with the station's gauge levels already looked up
    /// (``BandRules/thresholds(forStation:fed:)``; only water levels read them).
    static func rank(of value: Double, kind: SensorKind, gauge: GaugeThresholds?) -> Int? {
        switch kind {
        case .waterLevel: return gauge.map { 4 - $0.level(for: value).rawValue }
        case .ispu: return ISPUCategory(ispu: value).rawValue
        case .pm25: return ISPUCategory(ispu: ISPUCategory.ispu(fromPM25: value)).rawValue
        default: return nil
        }
    }

    /// The label of rank `rank` for `kind`.
    static func label(rank: Int, kind: SensorKind) -> String {
        switch kind {
        case .waterLevel: return FloodAlertLevel(rawValue: 4 - rank)?.label ?? "\(rank)"
        default: return ISPUCategory(rawValue: rank)?.label ?? "\(rank)"
        }
    }
}
