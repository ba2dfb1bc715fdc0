import PantauCore

/// The state of the city at a past moment, rebuilt from a journal.
///
/// **The state at T** is the latest checkpoint as of a time at or before T (see
/// ``Journal/latestCheckpoint(asOf:)``), then every later entry applied at or before T, each
/// folded as a replay plays an event (swept as of its time, then applied), then swept as of T
/// and finished by the caller's hook (e.g. rule evaluation as of T). It is what a replay of the
/// same events stopped at T holds: `pantau snapshot --journal` and `--feed` print the same frame.
public enum JournalFold {
    /// Entries read per query.
    public static let batch = 10_000

    /// What runs last, as of T, on the state folded through T (after the sweep as of T).
    public typealias Finish = (inout CityState, Instant) -> Void

    /// The state at `time` from `journal`. `base` gives the configuration a checkpoint does not
    /// carry from this console (stale limits, the units roster) and is the state before the
    /// first entry when no checkpoint applies.
    public static func state(at time: Instant, from journal: any Journal, base: CityState,
                             finish: Finish = { _, _ in }) throws(JournalError) -> CityState {
        var folded = try start(from: journal.latestCheckpoint(asOf: time), base: base)
        try fold(&folded, from: journal, through: time)
        return finished(folded.state, at: time, finish: finish)
    }

    /// A state folded through an entry (a sequence, 0 for none).
    public struct Folded: Sendable {
        public var state: CityState
        /// The last entry folded in.
        public var sequence: Int64

        public init(state: CityState, sequence: Int64) {
            self.state = state
            self.sequence = sequence
        }
    }

    /// Where a fold starts: `checkpoint`'s state with `base`'s configuration, or `base` itself.
    public static func start(from checkpoint: JournalCheckpoint?, base: CityState) -> Folded {
        guard let checkpoint else { return Folded(state: base, sequence: 0) }
        var state = checkpoint.state
        state.staleLimits = base.staleLimits
        state.registerUnits(base.units.values.map(\.definition))
        return Folded(state: state, sequence: checkpoint.sequence)
    }

    /// Folds into `folded` every entry after its sequence applied at or before `time` (nil:
    /// every entry), each swept as of its time then applied; returns how many.
    @discardableResult
    public static func fold(_ folded: inout Folded, from journal: any Journal, through time: Instant?) throws(JournalError) -> Int {
        let decoder = FeedLineDecoder()
        var count = 0
        // Up to the last entry at or before `time` (an index lookup): no entry past it is read.
        let through = try time.map { t throws(JournalError) in try journal.lastSequence(atOrBefore: t) } ?? Int64.max
        while folded.sequence < through {
            let entries = try journal.entries(after: folded.sequence, limit: Int(min(Int64(batch), through - folded.sequence)))
            for entry in entries {
                if let time, entry.at > time { return count }
                let event = try decode(entry, with: decoder)
                if time != nil { folded.state.sweep(asOf: entry.at) }
                folded.state.apply(event)
                folded.sequence = entry.sequence
                count += 1
            }
            if entries.isEmpty { return count }
        }
        return count
    }

    /// `state` swept as of `time`, then finished by `finish`.
    public static func finished(_ state: CityState, at time: Instant, finish: Finish) -> CityState {
        var state = state
        state.sweep(asOf: time)
        finish(&state, time)
        return state
    }

    /// The event an entry holds; a line that does not decode is a damaged journal.
    public static func decode(_ entry: JournalEntry, with decoder: FeedLineDecoder) throws(JournalError) -> FeedEvent {
        var line = entry.line
        let decoded = line.withUTF8 { bytes in
            Result { () throws(FeedLineDecoder.Skip) in try decoder.decodeEvent(UnsafeRawBufferPointer(bytes)) }
        }
        switch decoded {
        case .success(let event): return event
        case .failure(let skip): throw JournalError(.corrupt, "entry \(entry.sequence) does not decode (\(skip.reason))")
        }
    }
}
