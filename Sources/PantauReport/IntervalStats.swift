/// How long something took over a set of incidents or alarms: how many, the median and the
/// 90th percentile, in seconds. Percentiles are nearest-rank: the value at position
/// ⌈p·n⌉ of the sorted samples (so the median of an even count is the lower middle one).
public struct IntervalStats: Sendable, Equatable {
    public var count: Int
    public var median: Double?
    public var p90: Double?

    /// The figures of `samples` (in any order).
    public init(_ samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        median = Self.nearestRank(sorted, 0.5)
        p90 = Self.nearestRank(sorted, 0.9)
    }

    /// The nearest-rank `p` quantile (0 < p ≤ 1) of `sorted`, nil when it is empty.
    public static func nearestRank(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}
