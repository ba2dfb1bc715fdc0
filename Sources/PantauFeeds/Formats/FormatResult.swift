import Foundation
import PantauCore

/// What a conversion produced: the events, the records it could not use (counted by reason),
/// the records it deliberately does not map (counted apart, by reason), and, for an index
/// document (an RSS/Atom list of CAP alerts), the links it found.
public struct FormatResult: Sendable {
    /// The converted events, in payload order.
    public var events: [FeedEvent] = []
    /// Unusable records (or whole payloads) by reason, e.g. `invalid_json`, `missing_id`.
    public var skipped: [String: Int] = [:]
    /// Well-formed records the format deliberately does not map, by reason (Waze
    /// `irregularity` and `jam_alert`, CAP `not_actual`): not bad input, so not in `skipped`.
    public var ignored: [String: Int] = [:]
    /// Documents this payload points to (the alert links of a CAP index).
    public var links: [URL] = []
    /// Payloads read only after a repair, by what was repaired (e.g. `invalid_utf8`: bytes that
    /// were not UTF-8 in a UTF-8 document, read as Windows-1252). Their records are converted,
    /// not skipped.
    public var repaired: [String: Int] = [:]

    /// An empty result.
    public init() {}

    /// Creates a result.
    public init(events: [FeedEvent], skipped: [String: Int] = [:], links: [URL] = []) {
        self.events = events
        self.skipped = skipped
        self.links = links
    }

    /// Adds a converted event, or counts it as `out_of_range` when a number in it is outside
    /// its field's `PlausibleRange` (the same rule the feed decoder applies to every line).
    public mutating func append(_ event: FeedEvent) {
        if PlausibleRange.violation(in: event) != nil {
            skip(SkipReason.outOfRange.rawValue)
        } else {
            events.append(event)
        }
    }

    /// Counts one (or `count`) unusable record(s) under `reason`.
    public mutating func skip(_ reason: String, count: Int = 1) {
        guard count > 0 else { return }
        skipped[reason, default: 0] += count
    }

    /// Counts one payload read after repairing `reason`.
    public mutating func repair(_ reason: String) {
        repaired[reason, default: 0] += 1
    }

    /// Total skipped over every reason.
    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// Counts one (or `count`) record(s) deliberately not mapped, under `reason`.
    public mutating func ignore(_ reason: String, count: Int = 1) {
        guard count > 0 else { return }
        ignored[reason, default: 0] += count
    }

    /// Total ignored over every reason.
    public var ignoredTotal: Int { ignored.values.reduce(0, +) }

    /// The events in time order; events with equal times keep their payload order.
    public var eventsInTimeOrder: [FeedEvent] {
        if zip(events, events.dropFirst()).allSatisfy({ $0.time <= $1.time }) { return events }
        let order = events.indices.sorted { a, b in
            events[a].time != events[b].time ? events[a].time < events[b].time : a < b
        }
        return order.map { events[$0] }
    }

    /// One line for the operator, e.g.
    /// `converted 12 events (3 traffic, 9 incidents); skipped 2: irregularity 2`, with
    /// `; repaired 1: invalid_utf8` when a payload needed a repair.
    public var summary: String {
        var traffic = 0, incidents = 0, readings = 0, tickets = 0
        for e in events {
            switch e.payload {
            case .traffic: traffic += 1
            case .incident: incidents += 1
            case .sensor: readings += 1
            case .ticket: tickets += 1
            case .action, .alarm: break
            }
        }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts: [String] = []
        if traffic > 0 { parts.append("\(traffic) traffic") }
        if incidents > 0 { parts.append(plural(incidents, "incident")) }
        if readings > 0 { parts.append(plural(readings, "reading")) }
        if tickets > 0 { parts.append(plural(tickets, "ticket")) }
        var line = "converted \(plural(events.count, "event"))"
        if !parts.isEmpty { line += " (\(parts.joined(separator: ", ")))" }
        line += "; skipped \(skippedTotal)"
        if skippedTotal > 0 { line += ": " + Self.reasonList(skipped) }
        if ignoredTotal > 0 { line += "; ignored \(ignoredTotal): " + Self.reasonList(ignored) }
        if !repaired.isEmpty {
            line += "; repaired \(repaired.values.reduce(0, +)): " + Self.reasonList(repaired)
        }
        if !links.isEmpty {
            line += "; index with \(links.count) alert link\(links.count == 1 ? "" : "s"); fetch them with an http source"
        }
        return line
    }

    /// `irregularity 3, jam_alert 1`: most frequent first, then by name.
    static func reasonList(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
