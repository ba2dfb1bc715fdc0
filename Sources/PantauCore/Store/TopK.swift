extension Sequence {
    /// The first `limit` elements in the order `areInIncreasingOrder` defines, without sorting the
    /// whole sequence: O(n·log k) comparisons, so a pane showing 60 rows of 10,000 stays cheap.
    public func smallest(_ limit: Int, by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        guard limit > 0 else { return [] }
        var kept: [Element] = []
        kept.reserveCapacity(limit + 1)
        for e in self {
            if kept.count == limit, let last = kept.last, !areInIncreasingOrder(e, last) { continue }
            // Binary search for the insertion point (stable: after equal elements).
            var lo = 0, hi = kept.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if areInIncreasingOrder(e, kept[mid]) { hi = mid } else { lo = mid + 1 }
            }
            kept.insert(e, at: lo)
            if kept.count > limit { kept.removeLast() }
        }
        return kept
    }
}
