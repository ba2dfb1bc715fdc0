import PantauCore

/// The arrivals of a recording's lines, by the rule ``ScheduledReader`` states, worked out from
/// each line's time and recorded `rx` alone: lines are added in order, and each line's arrival
/// is known once the lines it depends on are in (the next ``ScheduledReader/lookahead`` lines,
/// and for the first, the first ``ScheduledReader/startWindow``) or the recording has ended.
///
/// It holds small values only, never events, so a reader can keep its events where they were
/// decoded (``ScheduledReader`` keeps them in a ring of its own; ``ParallelScheduledReader`` in
/// the decoded chunks, where they are played).
final class ArrivalSchedule {
    // Lines added but not yet given their arrival: a ring from `head` to `tail` (counters that
    // only grow; `& mask` is the slot), with each line's recorded arrival, its time and its
    // bound (`rx`, else time).
    static let capacity = 512
    private static let mask = capacity - 1
    private let recorded = UnsafeMutablePointer<Instant?>.allocate(capacity: capacity)
    private let times = UnsafeMutablePointer<Instant>.allocate(capacity: capacity)
    private let bounds = UnsafeMutablePointer<Instant>.allocate(capacity: capacity)
    @exclusivity(unchecked) private var head = 0
    @exclusivity(unchecked) private var tail = 0
    @exclusivity(unchecked) private(set) var ended = false
    @exclusivity(unchecked) private var previous: Instant?
    /// The latest line (ring counter) whose bound is earlier than the one before it: the
    /// bounds after it are in order, so a bound found among them is the first that qualifies.
    @exclusivity(unchecked) private var lastDescent = 0
    /// The last answer of ``bound(after:notBefore:)``'s scan, reused by the next scan while
    /// it is still in the window and qualifies (see there).
    @exclusivity(unchecked) private var lastScan = EarliestBound()

    /// The earliest bound not before `floor` among the lines after `index` up to `end`
    /// (`value` is `Int64.max` when none was), and the latest line that has it.
    private struct EarliestBound {
        var index = Int.max
        var floor = Int64.max
        var end = 0
        var value = Int64.max
        var line = 0
    }

    /// The first arrival; nil until the first line's arrival is known (and for an empty recording).
    private(set) var start: Instant?
    /// Lines given their arrival so far that are stamped more than ``ScheduledReader/oldAfter``
    /// before ``start``.
    private(set) var olderThanStart = 0

    init() {
        recorded.initialize(repeating: nil, count: Self.capacity)
        times.initialize(repeating: Instant(millis: 0), count: Self.capacity)
        bounds.initialize(repeating: Instant(millis: 0), count: Self.capacity)
    }

    deinit {
        recorded.deallocate()
        times.deallocate()
        bounds.deallocate()
    }

    /// Whether the next line's arrival is known: it needs the lines after it (and, for the
    /// first, the first ``ScheduledReader/startWindow``), or the end. Add lines until it is.
    var nextIsKnown: Bool {
        guard head < tail else { return false }
        if ended { return true }
        return tail - head >= (start == nil ? ScheduledReader.startWindow : ScheduledReader.lookahead + 1)
    }

    /// Adds the next line: its time and its recorded arrival (`rx`), if any. At most
    /// ``capacity`` lines wait at once (a reader takes each arrival once ``nextIsKnown``).
    func add(time: Instant, recorded rx: Instant?) {
        precondition(tail - head < Self.capacity, "arrivals are taken as soon as they are known")
        let slot = tail & Self.mask
        recorded[slot] = rx
        times[slot] = time
        let bound = rx ?? time
        if tail > 0, bound < bounds[(tail - 1) & Self.mask] { lastDescent = tail }
        bounds[slot] = bound
        tail += 1
    }

    /// Says the recording has ended: every line waiting can be given its arrival.
    func end() { ended = true }

    /// The next line's arrival, or nil when it is not known yet (see ``nextIsKnown``).
    func next() -> Instant? {
        guard nextIsKnown else { return nil }
        if start == nil {
            start = findStart()
            previous = start
        }
        guard let start, let previous else { return nil }
        let slot = head & Self.mask
        let time = times[slot]
        head += 1
        // A line stamped no later than the one before arrives with it; no bound needed.
        let arrival = recorded[slot].map { max(previous, $0) }
            ?? (time <= previous ? previous : min(time, bound(after: head - 1, notBefore: previous)))
        self.previous = arrival
        if ScheduledReader.isOld(time: time, start: start) { olderThanStart += 1 }
        return arrival
    }

    /// The latest the line at `index` can have arrived, if it arrived no earlier than
    /// `floor`: the earliest arrival bound (`rx`, else time) of the next lines that are not
    /// before `floor`, or `floor` plus ``ScheduledReader/oldAfter`` when none is.
    private func bound(after index: Int, notBefore floor: Instant) -> Instant {
        var earliest = Int64.max
        let lowest = floor.millis
        let end = min(tail, index + 1 + ScheduledReader.lookahead)
        if lastDescent <= index + 1 {
            // In order (the usual case): the first bound not before `floor` is the earliest.
            for i in (index + 1)..<end {
                let b = bounds[i & Self.mask].millis
                if b >= lowest { return Instant(millis: b) }
            }
            return floor.adding(seconds: ScheduledReader.oldAfter)
        }
        // Out of order (a feed with jitter, where this runs for most lines): the last scan's
        // answer, when it is still ahead and qualifies, is the earliest of the lines both
        // windows share (a higher floor only drops lines, and the window only lost lines from
        // its front), so only the lines that came into the window since are read.
        var from = index + 1
        var line = 0
        let last = lastScan
        if index > last.index, lowest >= last.floor, last.value != .max, last.line > index, last.value >= lowest {
            earliest = last.value
            line = last.line
            from = last.end
        }
        for i in from..<end {
            let b = bounds[i & Self.mask].millis
            // `<=`: the latest line with the earliest bound stays in the window longest.
            if b >= lowest, b <= earliest {
                earliest = b
                line = i
            }
        }
        lastScan = EarliestBound(index: index, floor: lowest, end: end, value: earliest, line: line)
        return earliest == .max ? floor.adding(seconds: ScheduledReader.oldAfter) : Instant(millis: earliest)
    }

    /// The first arrival, from the lines waiting (at least one).
    private func findStart() -> Instant {
        if let rx = recorded[head & Self.mask] { return rx }
        let window = (head..<min(tail, head + ScheduledReader.startWindow)).map { times[$0 & Self.mask] }.sorted()
        let floor = window[window.count / 2].adding(seconds: -ScheduledReader.oldAfter)
        let first = (head..<tail).first { times[$0 & Self.mask] >= floor }!
        return min(times[first & Self.mask], bound(after: first, notBefore: floor))
    }
}
