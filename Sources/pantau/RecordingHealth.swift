import Foundation
import PantauCore
import PantauFeeds

/// A replayed recording seen as a data source, so the Sources overlay and panes show it like
/// any live one: events played, events per minute (wall clock), lines skipped, and "ended" once
/// the recording is through.
struct RecordingHealth {
    private var health: SourceHealth
    /// (wall second, events) for the last minute.
    private var recent: [(second: Int, count: Int)] = []

    init(label: String) {
        health = SourceHealth(name: label, type: "replay", format: "ndjson", state: .connecting)
        health.kinds = ["traffic", "incident", "sensor", "ticket"] // a recording may hold any kind
    }

    /// Counts `count` events played now; a catch-up (`inRate` false) counts in the total but
    /// not in the events per minute.
    mutating func played(_ count: Int, inRate: Bool = true, now: Date = Date()) {
        guard count > 0 else { return }
        let second = Int(now.timeIntervalSince1970)
        if inRate {
            if let last = recent.last, last.second == second {
                recent[recent.count - 1].count += count
            } else {
                recent.append((second, count))
            }
        }
        health.events += count
        health.lastEvent = now
        health.lastContact = now
        health.state = .live
    }

    /// Notes an event as it is played: one stamped ahead of its arrival by more than a live
    /// source's tolerance is counted as ahead, as live counts it.
    mutating func arrived(_ e: ScheduledEvent) {
        guard let by = e.aheadBy(tolerance: SourceSink.defaultSkewTolerance) else { return }
        health.aheadEvents += 1
        health.aheadBy = by
    }

    /// What the header says when the state holds records much older than the recording's start
    /// (an old alert still in a feed when it was recorded); nil when there are none.
    static func olderNote(_ count: Int) -> String? {
        guard count > 0 else { return nil }
        return "\(count) item\(count == 1 ? "" : "s") older than the start"
    }

    /// The health now, with `skipped` bad lines and whether the recording has ended.
    mutating func snapshot(skipped: Int, finished: Bool, now: Date = Date()) -> SourceHealth {
        let second = Int(now.timeIntervalSince1970)
        recent.removeAll { second - $0.second >= 60 }
        var h = health
        h.eventsPerMinute = recent.reduce(0) { $0 + $1.count }
        h.skipped = skipped
        if finished {
            h.state = .failing("end of recording")
            h.ended = true
        }
        return h
    }
}
