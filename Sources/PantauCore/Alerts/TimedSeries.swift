/// The most recent changes of one watched value with their times, in a fixed-size ring: what
/// the alert rules read to tell since when a value has been at or past a level. A value equal
/// to the last one kept is not kept again (the value is a step function: it holds until the
/// next change), so the ring spans as long as the value stays put.
public struct TimedSeries: Sendable, Codable, Equatable {
    public let capacity: Int
    private var times: [Int64] = []
    private var values: [Double] = []
    private var head = 0

    public init(capacity: Int) {
        self.capacity = max(2, capacity)
    }

    /// Keeps `value` at time `t` unless it equals the last value kept.
    public mutating func append(_ value: Double, at t: Instant) {
        if let last = lastValue, last == value { return }
        if times.count < capacity {
            times.append(t.millis)
            values.append(value)
        } else {
            times[head] = t.millis
            values[head] = value
            // Wrapped by a compare, not `%`: this runs for most events a console applies.
            head = head + 1 == capacity ? 0 : head + 1
        }
    }

    /// The value kept last.
    public var lastValue: Double? {
        guard !values.isEmpty else { return nil }
        // The slot before `head`: the newest (the ring is filled from 0, so while it is not
        // full `head` is 0 and the newest is the last).
        return values[head == 0 ? values.count - 1 : head - 1]
    }

    public var count: Int { values.count }

    /// The highest value kept at or before `t`; nil when none is, or when a value kept is not
    /// finite (it has no place in an order).
    public func highest(through t: Instant) -> Double? {
        var top: Double?
        for i in values.indices {
            guard values[i].isFinite else { return nil }
            if times[i] <= t.millis, top.map({ values[i] > $0 }) ?? true { top = values[i] }
        }
        return top
    }

    /// The highest value kept less the lowest; nil when none is kept, or when a value kept is
    /// not finite.
    public var valueSpan: Double? {
        guard var low = values.first, var high = values.first else { return nil }
        for v in values {
            guard v.isFinite else { return nil }
            low = min(low, v)
            high = max(high, v)
        }
        return high - low
    }

    /// The kept changes in time order (a change that arrived late among them in its place).
    public var points: [(time: Instant, value: Double)] {
        var out: [(time: Instant, value: Double)] = []
        out.reserveCapacity(values.count)
        for k in 0..<values.count {
            let i = (head + k) % values.count
            out.append((Instant(millis: times[i]), values[i]))
        }
        // Usually sorted already; a stable sort keeps arrival order among equal times.
        if zip(out, out.dropFirst()).contains(where: { $0.time > $1.time }) {
            out = out.enumerated().sorted { a, b in
                a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
            }.map(\.element)
        }
        return out
    }
}
