import PantauCore

/// The events of one ``LineChunk``, decoded on a worker thread and handed on in order: moved
/// out one by one (``take(into:)``), or given their arrivals and played where they lie
/// (``ParallelScheduledReader``). Each event is built in place once and never copied.
final class DecodedChunk: @unchecked Sendable {
    /// The events, `events[0..<count]` initialized until moved out (`taken` of them so far),
    /// each with room for its arrival beside it (zero until a scheduler sets it).
    let events: UnsafeMutablePointer<ScheduledEvent>
    private(set) var count = 0
    private var taken = 0
    /// Each event's recorded arrival (`rx`), if its line had one.
    private(set) var arrivals: [Instant?] = []
    /// The chunk's lines, events and skips (line numbers counted from the stream's start).
    private(set) var stats = FeedStats()
    /// How many of its events are old records (see ``ScheduledReader/isOld(_:start:)``), once a
    /// scheduler has given them their arrivals.
    var olderThanStart = 0

    /// Decodes every line of `chunk` with `decoder`.
    init(_ chunk: LineChunk, decoder: FeedLineDecoder) {
        events = .allocate(capacity: max(chunk.count, 1))
        arrivals.reserveCapacity(chunk.count)
        chunk.forEachLine { line in
            stats.lines += 1
            let lineNumber = chunk.firstLine + stats.lines
            guard let line else {
                stats.recordSkip(SkippedLine(lineNumber: lineNumber, reason: .tooLong))
                return
            }
            let slot = events + count
            if let skip = decoder.decodeEvent(line, into: slot.pointer(to: \.event)!) {
                if skip.reason == .invalidJSON, FeedReader.isBlank(line) { return }
                stats.recordSkip(SkippedLine(lineNumber: lineNumber, reason: skip.reason, field: skip.field))
                return
            }
            arrivals.append(decoder.arrivalStamp())
            slot.pointer(to: \.arrival)!.initialize(to: Instant(millis: 0))
            count += 1
            stats.events += 1
        }
    }

    deinit {
        (events + taken).deinitialize(count: count - taken)
        events.deallocate()
    }

    /// Whether every event has been moved out.
    var isEmpty: Bool { taken == count }

    /// Moves the next event into `slot` (uninitialized) and returns its recorded arrival; the
    /// caller has checked ``isEmpty``.
    func take(into slot: UnsafeMutablePointer<FeedEvent>) -> Instant? {
        slot.moveInitialize(from: (events + taken).pointer(to: \.event)!, count: 1)
        taken += 1
        return arrivals[taken - 1]
    }
}
