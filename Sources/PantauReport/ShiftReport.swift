import PantauCore

/// What happened over a shift, worked out from the events of a journal or a recording by
/// ``ReportBuilder``: incidents, how fast they were answered, alarms, tickets and who did what.
///
/// Only counts, codes, names of categories, offices, rules, gauges and users: no incident text,
/// no address and nothing about a caller is kept, so no rendering can leak personal data.
/// Exercise and test incidents (``ExerciseFigures``) are left out of every real figure.
public struct ShiftReport: Sendable, Equatable {
    /// The period reported on (the input's first and last event times when not given).
    public var from: Instant
    public var to: Instant
    /// Events read whose time lies in the period.
    public var eventsInPeriod = 0
    /// Input lines skipped as bad input (the whole input, not only the period).
    public var skippedLines = 0

    /// Real incidents first seen in the period.
    public var incidentsReported = 0
    /// Of those, the ones first seen past `new` (carried over from an earlier shift, or a feed
    /// that reports late): when they were reported is unknown, so their response is not measured.
    public var incidentsNotMeasured = 0
    public var byCategory: [CategoryRow] = []
    public var byOutcome: [OutcomeRow] = []
    /// Response intervals (from the report) per category and per severity (`1` … `5`).
    public var responseByCategory: [ResponseRow] = []
    public var responseBySeverity: [ResponseRow] = []
    /// Response targets missed, per severity.
    public var targetsMissed: [TargetRow] = []
    /// Real incidents first seen in each hour of the period (WIB hours).
    public var incidentsPerHour: [HourCount] = []
    /// Seconds from report to on scene of each measured incident, per category: the
    /// distribution the HTML report draws.
    public var onSceneDistribution: [Distribution] = []

    /// Alarms raised in the period, per rule, and how fast they were acknowledged.
    public var alarmsByRule: [AlarmRuleRow] = []
    public var alarmsToAcknowledge = IntervalStats([])

    /// Complaint tickets per office.
    public var ticketsByOffice: [OfficeRow] = []
    /// Actions done at consoles in the period, per user.
    public var actionsByUser: [UserRow] = []
    /// Exercise and test incidents, counted apart.
    public var exercise = ExerciseFigures()
    /// The water level of the gauge that came nearest to (or furthest past) its alert levels.
    public var worstGauge: GaugeSeries?

    public init(from: Instant, to: Instant) {
        self.from = from
        self.to = to
    }
}

/// Incidents of one category.
public struct CategoryRow: Sendable, Equatable {
    public var category: String
    public var reported: Int
    /// Still open at the end of the period.
    public var open: Int
    /// Resolved or closed by the end of the period.
    public var finished: Int
}

/// Incidents with one outcome: a disposition code, `no disposition` (finished without one,
/// as feed incidents mostly are) or `open` (not finished by the end of the period).
public struct OutcomeRow: Sendable, Equatable {
    public var outcome: String
    public var incidents: Int

    public static let open = "open"
    public static let noDisposition = "no disposition"
}

/// Response intervals of a group of incidents: one ``IntervalStats`` per ``ReportStep``.
public struct ResponseRow: Sendable, Equatable {
    /// A category, or a severity `1` … `5`.
    public var group: String
    /// Incidents measured (real, first seen as `new` in the period).
    public var incidents: Int
    /// In ``ReportStep`` order.
    public var steps: [IntervalStats]

    public func stats(_ step: ReportStep) -> IntervalStats { steps[ReportStep.allCases.firstIndex(of: step)!] }
}

/// Response targets missed by the measured incidents of one severity (``ResponseTargets``):
/// a step done late, or not done and past its target at the end of the period while open.
public struct TargetRow: Sendable, Equatable {
    public var severity: Int
    public var incidents: Int
    public var acknowledgeMissed: Int
    public var dispatchMissed: Int
    public var onSceneMissed: Int
    /// Incidents that missed at least one.
    public var anyMissed: Int
}

/// Incidents first seen in one hour.
public struct HourCount: Sendable, Equatable {
    /// The hour's start.
    public var hour: Instant
    public var incidents: Int
}

/// Samples (seconds) of one group, sorted.
public struct Distribution: Sendable, Equatable {
    public var group: String
    public var seconds: [Double]
}

/// The alarms of one rule raised in the period.
public struct AlarmRuleRow: Sendable, Equatable {
    public var rule: String
    public var raised: Int
    /// Of those, the ones cleared by the end of the period.
    public var cleared: Int
    /// Time from raise to the first `acknowledge_alarm` (by the end of the period).
    public var toAcknowledge: IntervalStats
    public var neverAcknowledged: Int
}

/// One office's complaint tickets.
public struct OfficeRow: Sendable, Equatable {
    public var office: String
    /// Created in the period (`created`).
    public var opened: Int
    /// Went from open (open, verified, in progress) to resolved, closed or rejected in the period.
    public var closed: Int
    /// Open at the end of the period.
    public var open: Int
    /// Open and past their SLA at the end of the period.
    public var overdue: Int
}

/// One user's actions in the period.
public struct UserRow: Sendable, Equatable {
    public var user: String
    /// Accepted actions.
    public var actions: Int
    /// Actions the state refused (with a reason in the journal).
    public var rejected: Int
    /// Accepted actions by verb, by verb name.
    public var byVerb: [VerbCount]
}

/// How many times a verb was used.
public struct VerbCount: Sendable, Equatable {
    public var verb: String
    public var count: Int
}

/// What the exercise and test incidents amount to, kept out of the real figures.
public struct ExerciseFigures: Sendable, Equatable {
    /// Exercise incidents first seen in the period.
    public var incidents = 0
    public var byCategory: [CategoryRow] = []
    /// Actions on them in the period.
    public var actions = 0

    public init() {}
}

/// A gauge's water level over the period, with its alert levels.
public struct GaugeSeries: Sendable, Equatable {
    public var station: String
    public var name: String
    public var thresholds: GaugeThresholds
    public var peak: Double
    public var peakAt: Instant
    /// The readings, at most ``ReportBuilder/gaugePoints`` of them (the highest of each slice
    /// of the period when there were more).
    public var points: [GaugePoint]

    /// The alert level of the peak.
    public var peakLevel: FloodAlertLevel { thresholds.level(for: peak) }
}

/// One water level reading.
public struct GaugePoint: Sendable, Equatable {
    public var time: Instant
    public var value: Double
}
