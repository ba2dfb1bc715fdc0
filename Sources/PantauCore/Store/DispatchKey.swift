/// An open incident's place in the dispatch order (severity descending, then report time,
/// then id): small enough that the whole order can be kept sorted as incidents change.
public struct DispatchKey: Comparable, Hashable, Sendable, Codable {
    public var severity: Int
    public var reportedAt: Instant
    public var id: String

    public init(_ incident: Incident) {
        severity = incident.severity
        reportedAt = incident.reportedAt
        id = incident.id
    }

    public static func < (a: Self, b: Self) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.reportedAt != b.reportedAt { return a.reportedAt < b.reportedAt }
        return a.id < b.id
    }
}

/// A sorted array of unique elements with binary-search insert and remove.
struct SortedSet<Element: Comparable & Sendable>: Sendable {
    private(set) var elements: [Element] = []

    var count: Int { elements.count }

    /// The index where `e` is or would be inserted.
    func position(of e: Element) -> Int {
        var lo = 0, hi = elements.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if elements[mid] < e { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    mutating func insert(_ e: Element) {
        let i = position(of: e)
        if i < elements.count, elements[i] == e { return }
        elements.insert(e, at: i)
    }

    mutating func remove(_ e: Element) {
        let i = position(of: e)
        if i < elements.count, elements[i] == e { elements.remove(at: i) }
    }
}

/// Written as its elements in order; read back sorted, so a hand-made or reordered list still
/// gives a valid set.
extension SortedSet: Codable where Element: Codable {
    init(from decoder: any Decoder) throws {
        elements = try [Element](from: decoder).sorted()
    }

    func encode(to encoder: any Encoder) throws {
        try elements.encode(to: encoder)
    }
}
