/// One line of an incident's or ticket's append-only timeline.
public struct TimelineEntry: Hashable, Sendable, Codable {
    public enum Change: Hashable, Sendable, Codable {
        case created
        case status(String)
        case severity(Int)
        case unit(String)
        case note(String)
        // What actions do (a rejected action is no timeline entry).
        case acknowledged
        /// A roster unit sent to the incident.
        case dispatched(String)
        /// A roster unit's new state (`unit_status`).
        case unitStatus(String, UnitStatus)
        /// Resolved (an incident) or resolved or rejected (a ticket) with this disposition.
        case disposition(String)
        /// This incident was merged into the named one as its duplicate.
        case mergedInto(String)
        /// The named incident was merged into this one as a duplicate.
        case mergedFrom(String)
        /// A ticket sent to another office.
        case routed(String)
    }

    public var time: Instant
    public var change: Change
    /// Who did it, for entries made by actions.
    public var by: String?
    /// The incident it was copied from, for entries of a duplicate merged into this one.
    public var from: String?

    public init(time: Instant, change: Change, by: String? = nil, from: String? = nil) {
        self.time = time
        self.change = change
        self.by = by
        self.from = from
    }

    /// A one-line description, e.g. `status → dispatched`, `dispatched DMK-02 · budi`,
    /// `[INC-9] note: … · siti` for an entry copied from a merged duplicate.
    public var text: String {
        let what: String
        switch change {
        case .created: what = "reported"
        case .status(let s): what = "status → \(s)"
        case .severity(let s): what = "severity → \(s)"
        case .unit(let u): what = "unit → \(u)"
        case .note(let n): what = "note: \(n)"
        case .acknowledged: what = "acknowledged"
        case .dispatched(let u): what = "dispatched \(u)"
        case .unitStatus(let u, let s): what = "\(u) → \(s.rawValue)"
        case .disposition(let d): what = "disposition: \(d)"
        case .mergedInto(let id): what = "merged into \(id) as a duplicate"
        case .mergedFrom(let id): what = "\(id) merged in as a duplicate"
        case .routed(let a): what = "routed to \(a)"
        }
        let origin = from.map { "[\($0)] " } ?? ""
        let who = by.map { " · \($0)" } ?? ""
        return origin + what + who
    }
}

/// A timeline that keeps its first entry and the most recent ones, so that long-lived records
/// cannot grow without bound. `dropped` counts what was let go in between.
public struct BoundedTimeline: Hashable, Sendable, Codable {
    public static let capacity = 64
    public private(set) var entries: [TimelineEntry] = []
    public private(set) var dropped = 0

    public init() {}

    /// A timeline as it was written (by its compact reader).
    init(entries: [TimelineEntry], dropped: Int) {
        self.entries = entries
        self.dropped = dropped
    }

    public mutating func append(_ entry: TimelineEntry) {
        if entries.count >= Self.capacity {
            entries.remove(at: 1)
            dropped += 1
        }
        entries.append(entry)
    }

    /// Says who made the last entry (an action that created the record through a feed-style update).
    mutating func attributeLast(to by: String) {
        guard !entries.isEmpty else { return }
        entries[entries.count - 1].by = by
    }

    /// Adds `others` (another record's entries, e.g. a merged duplicate's) in time order among
    /// these, keeping the first entry and the most recent ones within ``capacity``.
    mutating func merge(_ others: [TimelineEntry]) {
        guard !others.isEmpty else { return }
        guard let first = entries.first else {
            for e in others { append(e) }
            return
        }
        // Stable: on equal times this record's entries come first.
        var rest = Array(entries.dropFirst()) + others
        rest = rest.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
        let keep = Self.capacity - 1
        if rest.count > keep {
            dropped += rest.count - keep
            rest.removeFirst(rest.count - keep)
        }
        entries = [first] + rest
    }

    /// Whether an identical entry (same time and change) is already here: a record polled
    /// twice must not add twice.
    func contains(_ entry: TimelineEntry) -> Bool {
        entries.reversed().prefix(8).contains(entry)
    }
}
