import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// A source's read position comes out of the inbox only once every event it posted before it
/// has been taken, so a reader that keeps it after handling those events never skips one.
final class EventInboxMarkTests: XCTestCase {
    private func event(_ n: Int) -> FeedEvent {
        FeedEvent(time: Instant(millis: Int64(n) * 1000), payload: .sensor(SensorReading(station: "s\(n)", sensor: .rainfall, value: 1)))
    }

    private func position(_ offset: Int64) -> SourcePosition {
        SourcePosition(device: 1, inode: 2, offset: offset, head: "h")
    }

    func testAMarkWaitsForTheEventsPostedBeforeIt() {
        let inbox = EventInbox(capacity: 100)
        inbox.post((0..<5).map(event))
        inbox.mark(source: "f", position: position(500))
        inbox.post((5..<8).map(event))
        inbox.mark(source: "f", position: position(800))
        inbox.mark(source: "g", position: position(42))

        let first = inbox.drain(max: 3)
        XCTAssertEqual(first.events.count, 3)
        XCTAssertEqual(first.positions, [:], "two events before the first mark are not taken yet")
        let second = inbox.drain(max: 3)
        XCTAssertEqual(second.positions, ["f": position(500)])
        let third = inbox.drain()
        XCTAssertEqual(third.events.count, 2)
        XCTAssertEqual(third.positions, ["f": position(800), "g": position(42)], "the latest of each source")
        XCTAssertEqual(inbox.drain().positions, [:], "each mark comes out once")
    }

    func testAMarkWithNothingBeforeItComesOutAtOnceAndDroppedEventsCountAsTaken() {
        let inbox = EventInbox(capacity: 4)
        inbox.mark(source: "f", position: position(0))
        XCTAssertEqual(inbox.drain().positions, ["f": position(0)])
        // Six events into four places: the two oldest are dropped (and reported as such).
        inbox.post((0..<6).map(event))
        inbox.mark(source: "f", position: position(600))
        let batch = inbox.drain(max: 3)
        XCTAssertEqual(batch.dropped, 2)
        XCTAssertEqual(batch.positions, [:])
        XCTAssertEqual(inbox.drain().positions, ["f": position(600)])
    }
}
