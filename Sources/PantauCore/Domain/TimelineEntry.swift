/// One line of an incident's or ticket's append-only timeline.
public struct TimelineEntry: Hashable, Sendable, Codable {
    public enum Change: Hashable, Sendable, Codable {
        case created
        case status(String)
        case severity(Int)
        case unit(String)
        case note(String)
    }

    public var time: Instant
    public var change: Change

    public init(time: Instant, change: Change) {
        self.time = time
        self.change = change
    }

    /// A one-line description, e.g. `status → dispatched`.
    public var text: String {
        switch change {
        case .created: return "reported"
        case .status(let s): return "status → \(s)"
        case .severity(let s): return "severity → \(s)"
        case .unit(let u): return "unit → \(u)"
        case .note(let n): return "note: \(n)"
        }
    }
}

/// A timeline that keeps its first entry and the most recent ones, so that long-lived records
/// cannot grow without bound. `dropped` counts what was let go in between.
public struct BoundedTimeline: Hashable, Sendable, Codable {
    public static let capacity = 64
    public private(set) var entries: [TimelineEntry] = []
    public private(set) var dropped = 0

    public init() {}

    public mutating func append(_ entry: TimelineEntry) {
        if entries.count >= Self.capacity {
            entries.remove(at: 1)
            dropped += 1
        }
        entries.append(entry)
    }

    /// Whether an identical entry (same time and change) is already here: a record polled
    /// twice must not add twice.
    func contains(_ entry: TimelineEntry) -> Bool {
        entries.reversed().prefix(8).contains(entry)
    }
}
