import PantauCore
@testable import PantauFeeds
import XCTest

/// Reading ahead gives what the scheduled reader gives, batch after batch, whether or not the
/// consumer hands the played batches back to be refilled.
final class ReadAheadTests: XCTestCase {
    /// `count` sensor readings, a minute apart within each hour, stations numbered in order.
    private func feed(_ count: Int) -> String {
        (0..<count).map { sensorLine("s\($0)", $0, minute: $0 % 60) + "\n" }.joined()
    }

    private func scheduled(_ text: String) -> ScheduledReader {
        ScheduledReader(FeedReader(source: FeedReaderTests.ChunkedSource(text, chunk: 100)))
    }

    private func plain(_ text: String) throws -> (stations: [String], arrivals: [Instant]) {
        let reader = scheduled(text)
        var events: [ScheduledEvent] = []
        while let e = try reader.next() { events.append(e) }
        return (stations(events.map(\.event)), events.map(\.arrival))
    }

    func testRecycledBatchesAreRefilledWithTheNextEventsOnly() throws {
        let text = feed(1_000)
        let expected = try plain(text)
        XCTAssertEqual(expected.stations.count, 1_000)
        for batchSize in [1, 7, 64, 5_000] {
            for depth in [1, 2, 4] {
                let ahead = ReadAhead(scheduled(text), batchSize: batchSize, depth: depth)
                var stationsRead: [String] = []
                var arrivals: [Instant] = []
                while var batch = try ahead.next() {
                    let events = batch.events
                    batch.events = []
                    XCTAssertLessThanOrEqual(events.count, batchSize)
                    stationsRead += stations(events.map(\.event))
                    arrivals += events.map(\.arrival)
                    ahead.recycle(events)
                }
                let what = "batch \(batchSize), depth \(depth)"
                XCTAssertEqual(stationsRead, expected.stations, what)
                XCTAssertEqual(arrivals, expected.arrivals, what)
            }
        }
    }

    func testABatchStillHeldElsewhereIsNotEmptiedUnderItsHolder() throws {
        let text = feed(300)
        let expected = try plain(text)
        let ahead = ReadAhead(scheduled(text), batchSize: 10, depth: 2)
        var kept: [[ScheduledEvent]] = []
        while let batch = try ahead.next() {
            kept.append(batch.events)
            ahead.recycle(batch.events)
        }
        // 30 full batches, then the empty last one that carries the final counts.
        XCTAssertEqual(kept.map(\.count), Array(repeating: 10, count: 30) + [0])
        XCTAssertEqual(kept.flatMap { stations($0.map(\.event)) }, expected.stations)
        XCTAssertEqual(kept.flatMap { $0.map(\.arrival) }, expected.arrivals)
    }
}
