import Foundation

/// A snapshot of one source's health, safe to hand to the UI thread.
///
/// Taken with ``SourceSet/health(now:)``; the state's `stale` is decided at snapshot time from
/// ``lastContact`` and ``staleAfter``.
public struct SourceHealth: Sendable, Equatable {
    /// The source's name from the sources file.
    public var name: String
    /// Its transport type (`file`, `http`, …).
    public var type: String
    /// Its payload format (`ndjson`, `cap`, …).
    public var format: String
    /// Where it stands now.
    public var state: SourceState
    /// When it last delivered an event (wall clock), if ever.
    public var lastEvent: Date?
    /// When it last showed its data is current: an event, or a poll that found nothing new.
    public var lastContact: Date?
    /// Events in the last 60 seconds.
    public var eventsPerMinute: Int
    /// Events delivered since start.
    public var events: Int
    /// Failures since start (failed connects, fetches, non-2xx answers, exits).
    public var errorCount: Int
    /// Payload records or lines skipped as bad input since start.
    public var skipped: Int
    /// Bad input by reason (`invalid_json`, `missing_field`, …), summing to ``skipped``.
    public var skipReasons: [String: Int] = [:]
    /// Where the first skipped records were: `line 4` (a stream), an MQTT topic, a URL.
    public var firstSkips: [String] = []
    /// Well-formed records the format deliberately does not map (Waze irregularities and jam
    /// alerts, CAP tests and exercises): not bad input, so neither in ``skipped`` nor in the
    /// header's count.
    public var ignored: Int = 0
    /// ``ignored`` by reason.
    public var ignoredReasons: [String: Int] = [:]
    /// Payloads read only after a repair, by what was repaired (`invalid_utf8`: bytes that were
    /// not UTF-8 in a UTF-8 document, read as Windows-1252). Their records were used, so they
    /// are neither skipped nor ignored, but the operator should know the sender's data is off.
    public var repairedReasons: [String: Int] = [:]
    /// When failing: seconds until the next attempt (rounded up), if known.
    public var retryIn: Double?
    /// How long without contact before the source counts as stale.
    public var staleAfter: Double
    /// Whether the source has finished for good (its input ended); it will not retry.
    public var ended: Bool = false
    /// The kinds of event (feed-format `kind` names: `traffic`, `incident`, `sensor`,
    /// `ticket`) it has delivered, so a pane can tell which sources feed it.
    public var kinds: Set<String> = []
    /// Events stamped ahead of the wall clock by more than the tolerance when they arrived,
    /// since start: the source's clock (or its data) runs ahead. They are applied, but never
    /// move "now".
    public var aheadEvents = 0
    /// How far ahead, in seconds, the latest batch with such events was stamped (its furthest).
    public var aheadBy: Double?

    public init(name: String, type: String, format: String, state: SourceState, lastEvent: Date? = nil,
                lastContact: Date? = nil, eventsPerMinute: Int = 0, events: Int = 0, errorCount: Int = 0,
                skipped: Int = 0, retryIn: Double? = nil, staleAfter: Double = 300) {
        self.name = name
        self.type = type
        self.format = format
        self.state = state
        self.lastEvent = lastEvent
        self.lastContact = lastContact
        self.eventsPerMinute = eventsPerMinute
        self.events = events
        self.errorCount = errorCount
        self.skipped = skipped
        self.retryIn = retryIn
        self.staleAfter = staleAfter
    }

    /// How many places ``firstSkips`` keeps.
    public static let keptSkipPlaces = 4

    /// Why records were skipped and ignored, and which payloads were repaired, e.g.
    /// `invalid_json 3 (line 4, line 9); ignored: irregularity 830; repaired: invalid_utf8 2`;
    /// empty when none were.
    public var skipSummary: String {
        let list = Self.reasonList
        var parts: [String] = []
        if !skipReasons.isEmpty {
            parts.append(list(skipReasons) + (firstSkips.isEmpty ? "" : " (\(firstSkips.joined(separator: ", ")))"))
        }
        if !ignoredReasons.isEmpty { parts.append("ignored: " + list(ignoredReasons)) }
        if !repairedReasons.isEmpty { parts.append("repaired: " + list(repairedReasons)) }
        return parts.joined(separator: "; ")
    }

    /// `invalid_json 3, missing_field 1`: counts by reason, most frequent first, then by name.
    public static func reasonList(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// ``lastEvent`` as seconds since 1970, for code without Foundation.
    public var lastEventSeconds: Double? { lastEvent?.timeIntervalSince1970 }

    /// Whether the source is stale or failing: its panes should say so.
    public var isUnwell: Bool { state == .stale || state.isFailing }

    /// One line for the status bar, e.g. `source bmkg-warnings failing: HTTP 500 (retry in 8s)`.
    public var summary: String {
        var s = "source \(name) \(state)"
        if state.isFailing, let retryIn { s += " (retry in \(Int(saturating: retryIn.rounded(.up)))s)" }
        return s
    }
}
