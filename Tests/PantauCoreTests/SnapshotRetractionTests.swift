import PantauCore
import XCTest

/// End events (a segment `"ended": true`, an incident resolved with a note) and stale data.
final class SnapshotRetractionTests: XCTestCase, StateEventFactory {
    private func traffic(_ id: String, _ minutes: Double, jam: Int = 4, ended: Bool = false) -> FeedEvent {
        var u = TrafficUpdate(segment: id, road: "Jl. Daan Mogot")
        if !ended { u.jamLevel = jam }
        u.ended = ended
        return FeedEvent(time: at(minutes), source: "waze", payload: .traffic(u))
    }

    func testTheEndEventRoundTripsThroughTheFeedFormat() throws {
        let line = FeedEventEncoder.line(for: traffic("waze-jam-1", 0, ended: true))
        XCTAssertEqual(line, #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"traffic","src":"waze","segment":"waze-jam-1","road":"Jl. Daan Mogot","ended":true}"#)
        guard case .event(let e) = FeedLineDecoder().decode(line), case .traffic(let t) = e.payload else {
            return XCTFail("not decoded: \(line)")
        }
        XCTAssertTrue(t.ended)
        XCTAssertEqual(t.segment, "waze-jam-1")
        XCTAssertFalse(FeedEventEncoder.line(for: traffic("s", 0)).contains("ended"), "left out unless true")
        guard case .event(let plain) = FeedLineDecoder().decode(FeedEventEncoder.line(for: traffic("s", 0))),
              case .traffic(let p) = plain.payload else { return XCTFail("not decoded") }
        XCTAssertFalse(p.ended)
        let explicit = #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"traffic","segment":"s","road":"r","ended":false}"#
        guard case .event(let f) = FeedLineDecoder().decode(explicit), case .traffic(let ft) = f.payload else { return XCTFail() }
        XCTAssertFalse(ft.ended)
        let wrong = #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"traffic","segment":"s","road":"r","ended":"yes"}"#
        guard case .skip(let reason, let field) = FeedLineDecoder().decode(wrong) else { return XCTFail("accepted") }
        XCTAssertEqual(reason, .wrongType)
        XCTAssertEqual(field, "ended")
    }

    func testAnEndedSegmentLeavesTheJammedCount() {
        var state = CityState()
        state.apply([traffic("a", 0), traffic("b", 0), traffic("c", 0, jam: 1)])
        XCTAssertEqual(state.segmentCounts(now: at(1)).jammed, 2)
        state.apply(traffic("a", 2, ended: true))
        XCTAssertNil(state.segments["a"])
        XCTAssertEqual(state.segmentCounts(now: at(2)).jammed, 1)
        state.apply(traffic("a", 3))
        XCTAssertNotNil(state.segments["a"], "a jam reported again comes back")
    }

    func testARetractedIncidentIsResolvedWithItsNote() {
        var state = CityState()
        state.apply(incident("waze-x", 0) { $0.category = .accident; $0.status = .new })
        XCTAssertEqual(state.openIncidentCount, 1)
        state.apply(incident("waze-x", 2) { $0.status = .resolved; $0.note = "no longer reported by waze" })
        XCTAssertEqual(state.openIncidentCount, 0)
        let inc = state.incidents["waze-x"]!
        XCTAssertEqual(inc.status, .resolved)
        XCTAssertTrue(inc.timeline.entries.contains { $0.change == .note("no longer reported by waze") }, "\(inc.timeline)")
    }

    func testStaleIsWorkedOutFromTheGivenNow() {
        var state = CityState()
        state.apply([traffic("a", 0), traffic("b", 8)])
        var r = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 410)
        r.name = "Pintu Air Sepuluh"
        state.apply(FeedEvent(time: at(0), payload: .sensor(r)))
        // No event arrives: only "now" moves.
        XCTAssertNil(state.staleAge(of: state.segments["a"]!, now: at(10)), "10 minutes is the limit, not past it")
        XCTAssertEqual(state.staleAge(of: state.segments["a"]!, now: at(42)), 42 * 60)
        XCTAssertEqual(state.segmentCounts(now: at(12)).jammed, 1, "the stale one is left out")
        XCTAssertEqual(state.segmentCounts(now: at(12)).stale, 1)
        XCTAssertEqual(state.segmentCounts(now: at(19)).stale, 2)
        let station = state.stations.values.first!
        XCTAssertNil(state.staleAge(of: station, now: at(30)))
        XCTAssertNotNil(state.staleAge(of: station, now: at(31)))
        XCTAssertEqual(state.stationCounts(atLeast: .warning, rules: .standard, now: at(1)).alarming, 1)
        XCTAssertEqual(state.stationCounts(atLeast: .warning, rules: .standard, now: at(31)).alarming, 0)
        XCTAssertEqual(state.stationCounts(atLeast: .warning, rules: .standard, now: at(31)).stale, 1)
        state.staleLimits = StaleLimits(traffic: 3600, sensor: 3600)
        XCTAssertEqual(state.segmentCounts(now: at(42)).stale, 0, "the limits are the state's to set")
    }
}
