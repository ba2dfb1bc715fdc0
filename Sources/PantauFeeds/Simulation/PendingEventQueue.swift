import PantauCore

/// A min-heap of events scheduled for later (incident and ticket lifecycle steps), ordered by
/// time and then by the order they were scheduled in, so equal times come out first-in
/// first-out and the output is deterministic.
///
/// Its size is bounded by what is still open (a few thousand entries), not by the length of
/// the run: the simulator pushes a lifecycle when the incident or ticket is created and pops
/// each step once its time has come.
struct PendingEventQueue {
    private struct Entry {
        let millis: Int64
        let order: UInt64
        let event: FeedEvent

        func precedes(_ other: Entry) -> Bool {
            millis != other.millis ? millis < other.millis : order < other.order
        }
    }

    private var heap: [Entry] = []
    private var scheduled: UInt64 = 0

    /// How many events wait.
    var count: Int { heap.count }

    /// Schedules `event` at its own time.
    mutating func push(_ event: FeedEvent) {
        heap.append(Entry(millis: event.time.millis, order: scheduled, event: event))
        scheduled &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event if its time is at or before `millis`.
    mutating func pop(notAfter millis: Int64) -> FeedEvent? {
        guard let first = heap.first, first.millis <= millis else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first.event }
        heap[0] = last
        var parent = 0
        let n = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < n else { break }
            var best = left
            let right = left + 1
            if right < n, heap[right].precedes(heap[left]) { best = right }
            guard heap[best].precedes(heap[parent]) else { break }
            heap.swapAt(best, parent)
            parent = best
        }
        return first.event
    }
}
