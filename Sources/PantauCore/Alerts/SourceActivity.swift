/// When a source last sent anything, and its recent silences: what a no-signal rule reads.
public struct SourceActivity: Sendable, Codable, Equatable {
    /// Silences shorter than this are not kept (a no-signal rule waits at least this long).
    public static let shortestGap: Double = 60
    /// Silences kept, the most recent last.
    public static let keptGaps = 8

    /// The latest event time from the source.
    public var lastAt: Instant
    /// Recent silences (`from` the last event before, `to` the first event after), oldest first.
    public var gaps: [Gap] = []

    public struct Gap: Sendable, Codable, Equatable {
        public var from: Instant
        public var to: Instant
    }

    public init(lastAt: Instant) { self.lastAt = lastAt }

    /// Notes an event from the source at `t`.
    mutating func note(_ t: Instant) {
        guard t > lastAt else { return }
        if t.seconds(since: lastAt) >= Self.shortestGap {
            if gaps.count >= Self.keptGaps { gaps.removeFirst() }
            gaps.append(Gap(from: lastAt, to: t))
        }
        lastAt = t
    }

    /// Silent (1) and sending (0) as a step function: each kept silence, and the silence since
    /// the last event.
    var silencePoints: [(time: Instant, value: Double)] {
        var out: [(time: Instant, value: Double)] = []
        for g in gaps {
            out.append((g.from, 1))
            out.append((g.to, 0))
        }
        out.append((lastAt, 1))
        return out
    }
}
