import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// Which panes a source feeds: what its format can bring until it delivers, then what it did.
final class SourceKindsTests: XCTestCase {
    func testKindsComeFromTheFormatThenFromWhatArrives() {
        let inbox = EventInbox(capacity: 100)
        let cap = SourceSink(name: "bmkg", type: "http", format: "cap", staleAfter: 300, inbox: inbox)
        XCTAssertEqual(cap.snapshot().kinds, ["incident"], "a CAP source can only bring incidents")
        cap.failed("HTTP 500", retryIn: 4)
        XCTAssertEqual(cap.snapshot().kinds, ["incident"], "so a failing one warns the incidents panes at once")

        let feed = SourceSink(name: "sensors", type: "mqtt", format: "ndjson", staleAfter: 300, inbox: inbox)
        XCTAssertEqual(feed.snapshot().kinds, ["traffic", "incident", "sensor", "ticket"], "ndjson can bring anything")
        let reading = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 300)
        feed.deliver([FeedEvent(time: Instant(millis: 0), payload: .sensor(reading))])
        XCTAssertEqual(feed.snapshot().kinds, ["sensor"], "once it delivers, what it delivered")
    }
}
