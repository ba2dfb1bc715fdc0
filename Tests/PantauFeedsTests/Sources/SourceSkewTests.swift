import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// Events stamped ahead of the wall clock are delivered, and counted per source as ahead.
final class SourceSkewTests: XCTestCase {
    func testEventsStampedAheadAreCountedForTheirSource() {
        let inbox = EventInbox(capacity: 100)
        let gauge = SourceSink(name: "gauge", type: "mqtt", format: "ndjson", staleAfter: 300, inbox: inbox)
        let city = SourceSink(name: "city", type: "file", format: "ndjson", staleAfter: 300, inbox: inbox)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let nowInstant = Instant(millis: 1_795_000_000_000)
        func reading(_ ahead: Double) -> FeedEvent {
            FeedEvent(time: nowInstant.adding(seconds: ahead), payload: .sensor(SensorReading(station: "g", sensor: .waterLevel, value: 1)))
        }
        // Within the tolerance (clocks differ by seconds), and behind: not ahead.
        city.deliver([reading(-3600), reading(60), reading(SourceSink.defaultSkewTolerance)], at: now)
        XCTAssertEqual(city.snapshot(now: now).aheadEvents, 0)
        XCTAssertNil(city.snapshot(now: now).aheadBy)
        // Five hours ahead: counted, and how far.
        gauge.deliver([reading(5 * 3600), reading(10), reading(5 * 3600 + 30)], at: now)
        let health = gauge.snapshot(now: now)
        XCTAssertEqual(health.aheadEvents, 2)
        XCTAssertEqual(health.aheadBy ?? 0, 5 * 3600 + 30, accuracy: 0.001)
        XCTAssertEqual(health.state, .live, "a clock ahead is not a failure")
        // Still delivered: the data is shown, only never taken as now.
        XCTAssertEqual(inbox.drain().events.count, 6)
        // The latest batch says how far ahead it is now.
        gauge.deliver([reading(3 * 3600)], at: now)
        XCTAssertEqual(gauge.snapshot(now: now).aheadEvents, 3)
        XCTAssertEqual(gauge.snapshot(now: now).aheadBy ?? 0, 3 * 3600, accuracy: 0.001)
    }
}
