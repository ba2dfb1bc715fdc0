import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// Waits (polling every 20 ms) until `condition` holds or `timeout` passes (a deadline for a
/// failing test, generous for a loaded machine: a passing test returns as soon as it holds).
func waitUntil(_ timeout: Double = 30, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return condition()
}

/// One source running into its own inbox; collects what it delivers.
final class SourceHarness {
    let sources: SourceSet
    private(set) var events: [FeedEvent] = []
    /// The read positions handed out with them, in order.
    private(set) var positions: [SourcePosition] = []

    init(_ source: any FeedSource) {
        sources = SourceSet(sources: [source])
        sources.start()
    }

    deinit { sources.stop() }

    /// Drains the inbox into `events`.
    @discardableResult
    func collect() -> [FeedEvent] {
        let batch = sources.inbox.drain()
        events += batch.events
        positions += batch.positions.values
        return events
    }

    var health: SourceHealth { sources.health()[0] }

    /// Waits until `count` events have arrived in total.
    func waitForEvents(_ count: Int, timeout: Double = 30) -> Bool {
        waitUntil(timeout) { collect().count >= count }
    }
}

/// A feed-format sensor line with `value`.
func sensorLine(_ station: String, _ value: Int, minute: Int = 0) -> String {
    let mm = minute < 10 ? "0\(minute)" : "\(minute)"
    return "{\"v\":1,\"ts\":\"2026-11-23T07:\(mm):00+07:00\",\"kind\":\"sensor\",\"station\":\"\(station)\",\"sensor\":\"rainfall\",\"value\":\(value)}"
}

func stations(_ events: [FeedEvent]) -> [String] {
    events.compactMap { if case .sensor(let r) = $0.payload { return "\(r.station)=\(Int(r.value))" } else { return nil } }
}
