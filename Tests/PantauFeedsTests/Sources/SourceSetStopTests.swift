import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// `SourceSet.stopAndWait`: what a source hands on as its thread ends (as the MQTT source flushes
/// the messages it has acknowledged to the broker) is in the inbox when it returns.
final class SourceSetStopTests: XCTestCase {
    /// A source that holds what it "received" until it is stopped, then delivers it, a little
    /// later, on its way out.
    final class FlushOnStopSource: FeedSource, @unchecked Sendable {
        let name = "held"
        let type = "test"
        let format = "ndjson"
        let signal = StopSignal()

        func start(_ sink: SourceSink) {
            SourceThread.start(name: name, sink: sink) { [signal] in
                while signal.sleep(1) {}
                usleep(200_000)
                sink.deliver([FeedEvent(time: Instant(millis: 1_795_000_000_000),
                                        payload: .sensor(SensorReading(station: "held", sensor: .waterLevel, value: 1)))])
            }
        }

        func stop() { signal.stop() }
    }

    func testStopAndWaitReturnsAfterTheLastDeliveryWhileStopAloneDoesNot() {
        let waited = SourceSet(sources: [FlushOnStopSource()])
        waited.start()
        XCTAssertTrue(waited.stopAndWait(timeout: 30))
        XCTAssertEqual(waited.inbox.drain().events.count, 1, "the delivery on the way out is in the inbox")

        // The contrast: a plain stop returns at once, before the source's last delivery.
        let plain = SourceSet(sources: [FlushOnStopSource()])
        plain.start()
        plain.stop()
        XCTAssertEqual(plain.inbox.drain().events.count, 0)
        XCTAssertTrue(plain.stopAndWait(timeout: 30))
        XCTAssertEqual(plain.inbox.drain().events.count, 1)
    }

    func testASetNeverStartedHasNothingToWaitFor() {
        XCTAssertTrue(SourceSet(sources: [FlushOnStopSource()]).stopAndWait(timeout: 0))
    }
}
