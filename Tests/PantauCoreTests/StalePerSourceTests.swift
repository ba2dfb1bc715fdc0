import PantauCore
import XCTest

/// Stale limits per source (a sources file's `stale_after`) and the traffic order with stale
/// segments below current ones, at a given now.
final class StalePerSourceTests: XCTestCase, StateEventFactory {
    private func jam(_ id: String, _ minutes: Double, jam: Int, source: String?) -> FeedEvent {
        var u = TrafficUpdate(segment: id, road: "Road \(id)")
        u.jamLevel = jam
        return FeedEvent(time: at(minutes), source: source, payload: .traffic(u))
    }

    private func reading(_ station: String, _ minutes: Double, source: String?) -> FeedEvent {
        FeedEvent(time: at(minutes), source: source, payload: .sensor(SensorReading(station: station, sensor: .waterLevel, value: 410)))
    }

    func testItemsRememberTheSourceOfTheirLatestUpdate() {
        var state = CityState()
        state.apply([jam("a", 0, jam: 4, source: "waze"), reading("pa", 0, source: "gauges")])
        XCTAssertEqual(state.segments["a"]?.source, "waze")
        XCTAssertEqual(state.stations["pa"]?.source, "gauges")
        state.apply([jam("a", 1, jam: 4, source: "tomtom"), reading("pa", 1, source: nil)])
        XCTAssertEqual(state.segments["a"]?.source, "tomtom")
        XCTAssertNil(state.stations["pa"]?.source)
    }

    func testASourcesLimitReplacesTheKindsDefault() {
        var state = CityState()
        state.staleLimits.bySource = ["waze": 120, "gauges": 7200]
        state.apply([jam("w", 0, jam: 4, source: "waze"), jam("o", 0, jam: 4, source: "other"),
                     reading("pa", 0, source: "gauges"), reading("pb", 0, source: "other")])
        let now = at(5)
        XCTAssertEqual(state.staleAge(of: state.segments["w"]!, now: now), 300, "waze: 2 minutes")
        XCTAssertNil(state.staleAge(of: state.segments["o"]!, now: now), "other sources keep 10 minutes")
        XCTAssertEqual(state.segmentCounts(now: now).jammed, 1)
        XCTAssertEqual(state.segmentCounts(now: now).stale, 1)
        XCTAssertNil(state.staleAge(of: state.stations["pa"]!, now: at(100)), "gauges: 2 hours")
        XCTAssertEqual(state.staleAge(of: state.stations["pb"]!, now: at(100)), 6000, "other sources keep 30 minutes")
        XCTAssertEqual(state.staleLimits.trafficLimit(source: "waze"), 120)
        XCTAssertEqual(state.staleLimits.trafficLimit(source: nil), 600)
        XCTAssertEqual(state.staleLimits.sensorLimit(source: "other"), 1800)
    }

    func testStaleSegmentsSinkBelowCurrentOnesGivenNow() {
        var state = CityState()
        // The worst jam is the oldest: stale at minute 20, it goes below the lighter current ones.
        state.apply([jam("standstill", 0, jam: 5, source: "waze"), jam("heavy", 15, jam: 4, source: "waze"),
                     jam("light", 15, jam: 1, source: "waze"), jam("severe-old", 1, jam: 4, source: "waze")])
        XCTAssertEqual(state.worstSegments(limit: 4).map(\.id), ["standstill", "heavy", "severe-old", "light"],
                       "without now: jam level only")
        XCTAssertEqual(state.worstSegments(limit: 4, now: at(5)).map(\.id), ["standstill", "heavy", "severe-old", "light"],
                       "nothing stale yet")
        XCTAssertEqual(state.worstSegments(limit: 4, now: at(20)).map(\.id), ["heavy", "light", "standstill", "severe-old"])
        XCTAssertEqual(state.worstSegments(limit: 2, now: at(20)).map(\.id), ["heavy", "light"], "the visible rows only")
        XCTAssertEqual(state.worstSegments(limit: 3, now: at(20), where: { $0.jamLevel >= 4 }).map(\.id),
                       ["heavy", "standstill", "severe-old"])
    }
}
