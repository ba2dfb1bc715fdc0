import PantauCore

/// What a pane shows, narrowed by a layout: districts, categories, a minimum severity, offices,
/// sensor kinds. An empty set means "any". Names compare without regard to case.
public struct PaneFilter: Sendable, Equatable {
    public var districts: Set<String> = []
    public var categories: Set<String> = []
    public var minSeverity: Int?
    public var agencies: Set<String> = []
    public var sensorKinds: Set<String> = []

    public init() {}

    public var isEmpty: Bool {
        districts.isEmpty && categories.isEmpty && minSeverity == nil && agencies.isEmpty && sensorKinds.isEmpty
    }

    private static func allows(_ set: Set<String>, _ value: String?) -> Bool {
        set.isEmpty || value.map { set.contains($0.lowercased()) } ?? false
    }

    public func matches(_ i: Incident) -> Bool {
        Self.allows(districts, i.district) && Self.allows(categories, i.category.rawValue)
            && i.severity >= (minSeverity ?? 0) && (agencies.isEmpty || Self.allows(agencies, i.agency))
    }

    public func matches(_ s: TrafficSegment) -> Bool { Self.allows(districts, s.district) }

    public func matches(_ s: SensorStation) -> Bool {
        Self.allows(districts, s.district) && Self.allows(sensorKinds, s.kind.name)
    }

    public func matches(agency: String) -> Bool { Self.allows(agencies, agency) }

    /// An activity-log line passes when what it says of itself passes; a filter on a field the
    /// line does not carry lets it through only if it is Pantau's own note.
    public func matches(_ e: LogEntry) -> Bool {
        if e.origin == .system { return true }
        let kind = e.origin == .sensor ? sensorKinds : categories
        return Self.allows(districts, e.district) && Self.allows(kind, e.category)
            && (e.severity ?? 5) >= (minSeverity ?? 0) && Self.allows(agencies, e.agency)
    }

    /// A short description for a pane title, e.g. `Periuk, Ciledug · flood · sev≥3`.
    public var summary: String {
        var parts: [String] = []
        for set in [districts, categories, agencies, sensorKinds] where !set.isEmpty {
            parts.append(set.sorted().joined(separator: ", "))
        }
        if let m = minSeverity { parts.append("sev≥\(m)") }
        return parts.joined(separator: " · ")
    }
}
