import Foundation
import PantauCore
@testable import PantauFeeds
import PantauTestSupport
import XCTest

/// Snapshot sources: what a Waze poll no longer has is ended, in the source's event stream.
final class SnapshotTrackerTests: XCTestCase {
    private let now = Instant(millis: 1_795_919_000_000)

    private func waze(_ jams: [Int], alerts: [String]) -> Data {
        let j = jams.map { #"{"id":\#($0),"street":"Jl. \#($0)","level":4,"speedKMH":8,"delay":300,"length":900,"pubMillis":1795918800000}"# }
        let a = alerts.map { #"{"uuid":"\#($0)","type":"ACCIDENT","street":"Jl. A","pubMillis":1795918800000}"# }
        return Data(#"{"endTimeMillis":1795918860000,"jams":[\#(j.joined(separator: ","))],"alerts":[\#(a.joined(separator: ","))]}"#.utf8)
    }

    private func convert(_ payload: Data) -> FormatResult {
        WazeFormat().convert(payload, context: FormatContext(source: "waze", now: now))
    }

    func testASecondSnapshotLackingItemsEndsThem() {
        var tracker = SnapshotTracker(format: "waze")
        XCTAssertTrue(tracker.update(with: convert(waze([1, 2, 3], alerts: ["a", "b"])), at: now).isEmpty,
                      "the first snapshot has nothing before it")
        let ended = tracker.update(with: convert(waze([2], alerts: ["b"])), at: now.adding(seconds: 120))
        XCTAssertEqual(ended.count, 3, "\(ended)")
        let segments = ended.compactMap { e -> TrafficUpdate? in if case .traffic(let t) = e.payload { return t } else { return nil } }
        XCTAssertEqual(segments.map(\.segment), ["waze-jam-1", "waze-jam-3"])
        XCTAssertTrue(segments.allSatisfy { $0.ended && $0.jamLevel == nil && $0.speedKmh == nil })
        XCTAssertEqual(segments.map(\.road), ["Jl. 1", "Jl. 3"])
        let incidents = ended.compactMap { e -> IncidentUpdate? in if case .incident(let i) = e.payload { return i } else { return nil } }
        XCTAssertEqual(incidents.map(\.id), ["waze-a"])
        XCTAssertEqual(incidents.first?.status, .resolved)
        XCTAssertEqual(incidents.first?.note, "no longer reported by waze")
        XCTAssertTrue(ended.allSatisfy { $0.time == now.adding(seconds: 120) })
    }

    func testARepeatedSnapshotEndsNothing() {
        var tracker = SnapshotTracker(format: "waze")
        let payload = waze([1, 2], alerts: ["a"])
        _ = tracker.update(with: convert(payload), at: now)
        XCTAssertTrue(tracker.update(with: convert(payload), at: now).isEmpty)
        XCTAssertTrue(tracker.update(with: convert(payload), at: now).isEmpty)
    }

    func testAnUnusablePayloadIsNoSnapshot() {
        var tracker = SnapshotTracker(format: "waze")
        _ = tracker.update(with: convert(waze([1], alerts: ["a"])), at: now)
        XCTAssertTrue(tracker.update(with: convert(Data("<html>502 Bad Gateway</html>".utf8)), at: now).isEmpty)
        XCTAssertTrue(tracker.update(with: convert(Data(#"{"foo":1}"#.utf8)), at: now).isEmpty)
        // The memory survived: an empty but valid snapshot ends both.
        XCTAssertEqual(tracker.update(with: convert(waze([], alerts: [])), at: now).count, 2)
    }

    func testOnlySnapshotFormatsRetract() {
        XCTAssertTrue(WazeFormat.isSnapshot)
        XCTAssertFalse(CAPFormat.isSnapshot)
        XCTAssertFalse(Open311Format.isSnapshot)
    }

    /// The real path: an http source polling a Waze payload, then a smaller one.
    func testAnHTTPWazeSourceEndsWhatItsFeedNoLongerHas() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let big = SyntheticWazeFeed.data(jams: 5, alerts: 0, irregularities: 0)
        server.handler = { _ in .init(body: big) }
        let h = SourceHarness(HTTPSource(name: "waze-jams", url: server.url("/waze.json"), format: "waze", every: 0.1, timeout: 2))
        XCTAssertTrue(h.waitForEvents(5))
        server.handler = { _ in .init(body: SyntheticWazeFeed.data(jams: 2, alerts: 0, irregularities: 0)) }
        XCTAssertTrue(h.waitForEvents(10), "the two jams again and three ends")
        h.collect()
        let ended = h.events.compactMap { e -> String? in
            if case .traffic(let t) = e.payload, t.ended { return t.segment } else { return nil }
        }
        XCTAssertEqual(ended, ["waze-jam-400000002", "waze-jam-400000003", "waze-jam-400000004"])
        XCTAssertTrue(h.events.allSatisfy { $0.source == "waze-jams" })
        var state = CityState()
        state.apply(h.events)
        XCTAssertEqual(state.segments.keys.sorted(), ["waze-jam-400000000", "waze-jam-400000001"])
    }
}
