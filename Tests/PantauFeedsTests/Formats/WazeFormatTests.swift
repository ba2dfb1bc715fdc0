import Foundation
import PantauCore
@testable import PantauFeeds
import PantauTestSupport
import XCTest

/// `waze`: the Waze for Cities feed → traffic and incidents.
final class WazeFormatTests: XCTestCase {
    static let feed = """
    {"startTimeMillis": 1795918800000, "endTimeMillis": 1795918860000,
     "jams": [
       {"id": 9001, "uuid": 77, "street": "Jl. Daan Mogot", "speedKMH": 11.5, "speed": 3.19, "level": 4, "delay": 200,
        "length": 1200, "pubMillis": 1795918500000,
        "line": [{"x": 106.660, "y": -6.171}, {"x": 106.6655, "y": -6.1702}, {"x": 106.671, "y": -6.169}]},
       {"uuid": "abc", "speed": 2.5, "level": 5, "delay": -1, "line": [{"x": 0, "y": 0}]},
       {"street": "no id"},
       "junk"
     ],
     "alerts": [
       {"uuid": "a-1", "type": "ACCIDENT", "subtype": "ACCIDENT_MAJOR", "street": "Jl. M.H. Thamrin", "reliability": 9,
        "location": {"x": 106.618, "y": -6.181}, "pubMillis": 1795918600000, "reportDescription": "Dua motor"},
       {"uuid": "a-2", "type": "WEATHERHAZARD", "subtype": "HAZARD_WEATHER_FLOOD", "reliability": 5,
        "location": {"x": 106.594, "y": -6.167}},
       {"uuid": "a-3", "type": "ROAD_CLOSED", "subtype": "", "confidence": 0, "location": {"x": 110.0, "y": -7.0}},
       {"uuid": "a-4", "type": "HAZARD", "subtype": "HAZARD_ON_ROAD_POT_HOLE"},
       {"uuid": "a-5", "type": "JAM", "subtype": "JAM_HEAVY_TRAFFIC"},
       {"uuid": "a-6", "type": "POLICE"},
       {"type": "ACCIDENT"}
     ],
     "irregularities": [{"id": 1}, {"id": 2}, {"id": 3}]}
    """

    func testJamsMapFieldByField() {
        let r = FormatTestSupport.convert(WazeFormat(), Self.feed)
        let jams = r.events.compactMap(FormatTestSupport.traffic)
        XCTAssertEqual(jams.count, 2)
        let j = jams[0]
        XCTAssertEqual(j.segment, "waze-jam-9001")
        XCTAssertEqual(j.road, "Jl. Daan Mogot")
        XCTAssertEqual(j.speedKmh, 11.5)
        XCTAssertEqual(j.jamLevel, 4)
        XCTAssertEqual(j.delaySeconds, 200)
        XCTAssertEqual(j.lengthMeters, 1200)
        XCTAssertEqual(j.place.location, GeoPoint(lat: -6.1702, lon: 106.6655), "the middle point; x is longitude")
        XCTAssertEqual(j.place.district, "Batuceper")
        XCTAssertEqual(j.freeFlowKmh ?? 0, 24.6, accuracy: 0.05, "length over (travel time − delay)")
        XCTAssertEqual(r.events[0].time, Instant(millis: 1_795_918_860_000),
                       "the feed's endTimeMillis, not the jam's pubMillis: a jam is a state seen in this snapshot")

        let closed = jams[1]
        XCTAssertEqual(closed.segment, "waze-jam-abc")
        XCTAssertEqual(closed.road, "unnamed road")
        XCTAssertEqual(closed.speedKmh, 9, "m/s × 3.6")
        XCTAssertEqual(closed.jamLevel, 5, "delay −1: closed")
        XCTAssertNil(closed.delaySeconds)
        XCTAssertNil(closed.place.location)
        XCTAssertEqual(r.events[1].time, Instant(millis: 1_795_918_860_000), "the feed's endTimeMillis")
    }

    func testAlertsMapFieldByField() {
        let r = FormatTestSupport.convert(WazeFormat(), Self.feed)
        let incidents = r.events.compactMap(FormatTestSupport.incident)
        XCTAssertEqual(incidents.map(\.id), ["waze-a-1", "waze-a-2", "waze-a-3", "waze-a-4"])
        let a = incidents[0]
        XCTAssertEqual(a.category, .accident)
        XCTAssertEqual(a.severity, 4)
        XCTAssertEqual(a.title, "Accident major — Jl. M.H. Thamrin")
        XCTAssertEqual(a.channel, "app")
        XCTAssertEqual(a.note, "Dua motor")
        XCTAssertEqual(a.place.location, GeoPoint(lat: -6.181, lon: 106.618))
        XCTAssertEqual(a.place.district, "Karawaci")
        XCTAssertEqual(a.status, .new)
        XCTAssertEqual(incidents[1].category, .flood)
        XCTAssertEqual(incidents[1].severity, 3)
        XCTAssertEqual(incidents[1].title, "Hazard weather flood")
        XCTAssertEqual(incidents[2].category, .infrastructure)
        XCTAssertEqual(incidents[2].severity, 2)
        XCTAssertEqual(incidents[2].title, "Road closed")
        XCTAssertNil(incidents[2].place.district, "more than 5 km from any kecamatan")
        XCTAssertEqual(incidents[3].category, .infrastructure, "a pothole is a road hazard, not weather")
        XCTAssertEqual(r.skipped, ["missing_id": 2, "not_an_object": 1], "only malformed records are bad input")
        XCTAssertEqual(r.ignored, ["jam_alert": 1, "police_alert": 1, "irregularity": 3])
        FormatTestSupport.assertRoundTrip(r.events)
    }

    /// A jam is stamped with the feed's end (what the snapshot says is true then), so one that
    /// began long ago and is still reported stays current; an alert keeps its creation time.
    func testJamsTakeTheFeedsEndTimeAndAlertsTheirPubMillis() {
        let jam = #"{"uuid": "j", "level": 4, "pubMillis": 1795911660000}"#
        let alert = #"{"uuid": "a", "type": "ACCIDENT", "pubMillis": 1795911660000}"#
        func times(_ root: String) -> [Instant] {
            FormatTestSupport.convert(WazeFormat(), "{\(root)\"jams\": [\(jam)], \"alerts\": [\(alert)]}").events.map(\.time)
        }
        let begun = Instant(millis: 1_795_911_660_000), end = Instant(millis: 1_795_918_860_000)
        XCTAssertEqual(times(#""startTimeMillis": 1795918800000, "endTimeMillis": 1795918860000, "#), [end, begun])
        // The jam began two hours before this poll: still reported, it is current a minute on.
        var state = CityState()
        state.apply(FormatTestSupport.convert(WazeFormat(), "{\"endTimeMillis\": 1795918860000, \"jams\": [\(jam)]}").events)
        XCTAssertEqual(state.segmentCounts(now: end.adding(seconds: 60)).jammed, 1)
        XCTAssertEqual(state.segmentCounts(now: end.adding(seconds: 60)).stale, 0)
        // Only the text form: `yyyy-MM-dd HH:mm:ss:SSS` in UTC (1795918860 is 2026-11-29 02:21:00 UTC).
        XCTAssertEqual(times(#""startTime": "2026-11-29 02:20:00:000", "endTime": "2026-11-29 02:21:00:000", "#), [end, begun])
        XCTAssertEqual(times(#""endTime": "yesterday", "#), [begun, begun], "no usable end: the jam's pubMillis")
        XCTAssertEqual(times(""), [begun, begun])
        let bare = FormatTestSupport.convert(WazeFormat(), #"{"jams": [{"uuid": "j", "level": 4}], "alerts": [{"uuid": "a", "type": "ACCIDENT"}]}"#)
        XCTAssertEqual(bare.events.map(\.time), [FormatTestSupport.now, FormatTestSupport.now], "nothing at all: the moment of reading")
        XCTAssertEqual(WazeFormat.feedTime("2019-03-22 21:39:00:000"), Instant(millis: 1_553_290_740_000))
        XCTAssertNil(WazeFormat.feedTime("2019-03-22"))
        XCTAssertNil(WazeFormat.feedTime("2019-03-22T21:39:00Z"), "not the feed's shape")
    }

    func testTruncatedFeedKeepsWholeRecords() {
        let cut = String(Self.feed.prefix(upTo: Self.feed.range(of: "{\"street\": \"no id\"}")!.upperBound).dropLast(3))
        let r = FormatTestSupport.convert(WazeFormat(), cut)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.skipped, ["invalid_json": 1])
    }

    /// A 1.7 MB feed converts whole (how fast is a benchmark's business, not a test's).
    func testLargeFeedConvertsWhole() {
        let data = SyntheticWazeFeed.data(jams: 2000, alerts: 1000, irregularities: 500)
        XCTAssertGreaterThan(data.count, 1_500_000)
        let r = WazeFormat().convert(data, context: FormatTestSupport.context)
        XCTAssertEqual(r.events.count, 3000)
        XCTAssertEqual(r.skipped, [:])
        XCTAssertEqual(r.ignored, ["irregularity": 500])
    }

    func testSharedSample() throws {
        let r = WazeFormat().convert(try FormatTestSupport.sample("waze/nyc-lib_Waze.test_small_feed_with_irregularities.json"), context: FormatTestSupport.context)
        XCTAssertEqual(r.events.compactMap(FormatTestSupport.traffic).count, 2)
        let incidents = r.events.compactMap(FormatTestSupport.incident)
        XCTAssertEqual(incidents.count, 2)
        // The two WEATHERHAZARD alerts are road hazards: a car on the shoulder, construction.
        XCTAssertEqual(Set(incidents.map(\.category)), [.accident, .infrastructure])
        XCTAssertFalse(incidents.contains { $0.category == .flood || $0.category == .weather })
        XCTAssertEqual(r.skipped, [:])
        XCTAssertEqual(r.ignored, ["irregularity": 2])
        let jam = r.events.compactMap(FormatTestSupport.traffic).first { $0.segment == "waze-jam-411005085" }!
        XCTAssertEqual(jam.road, "Fayette St")
        XCTAssertEqual(jam.place.location, GeoPoint(lat: 40.513002, lon: -74.276634))
        XCTAssertNil(jam.place.district)
        // Jams at the feed's endTimeMillis (its endTime text says the same); alerts at their pubMillis.
        let end = Instant(millis: 1_553_290_740_000)
        XCTAssertEqual(WazeFormat.feedTime("2019-03-22 21:39:00:000"), end)
        XCTAssertEqual(r.events.filter { FormatTestSupport.traffic($0) != nil }.map(\.time), [end, end])
        XCTAssertEqual(r.events.filter { FormatTestSupport.incident($0) != nil }.map(\.time),
                       [Instant(seconds: 1_553_289_137), Instant(seconds: 1_536_410_580)])
        FormatTestSupport.assertRoundTrip(r.events)
    }

    /// Each CIFS type and subtype lands in the category the README's table names.
    func testHazardSubtypesMapPerTable() {
        let table: [(String, String, IncidentCategory?)] = [
            ("ACCIDENT", "ACCIDENT_MAJOR", .accident), ("ACCIDENT", "ACCIDENT_MINOR", .accident), ("ACCIDENT", "", .accident),
            ("ROAD_CLOSED", "ROAD_CLOSED_CONSTRUCTION", .infrastructure), ("ROAD_CLOSED", "ROAD_CLOSED_EVENT", .infrastructure),
            ("ROAD_CLOSED", "ROAD_CLOSED_HAZARD", .infrastructure),
            ("WEATHERHAZARD", "HAZARD_WEATHER_FLOOD", .flood), ("HAZARD", "hazard_weather_flood", .flood),
            ("WEATHERHAZARD", "HAZARD_WEATHER_FOG", .weather), ("WEATHERHAZARD", "HAZARD_WEATHER_HEAVY_RAIN", .weather),
            ("WEATHERHAZARD", "HAZARD_WEATHER", .weather),
            ("WEATHERHAZARD", "HAZARD_ON_ROAD_CONSTRUCTION", .infrastructure),
            ("WEATHERHAZARD", "HAZARD_ON_SHOULDER_CAR_STOPPED", .accident),
            ("HAZARD", "HAZARD_ON_ROAD_CAR_STOPPED", .accident),
            ("HAZARD", "HAZARD_ON_ROAD_EMERGENCY_VEHICLE", .accident),
            ("WEATHERHAZARD", "HAZARD_ON_ROAD_OBJECT", .infrastructure),
            ("WEATHERHAZARD", "HAZARD_ON_ROAD_POT_HOLE", .infrastructure),
            ("HAZARD", "HAZARD_ON_ROAD_ROAD_KILL", .infrastructure), ("HAZARD", "HAZARD_ON_ROAD_ICE", .infrastructure),
            ("HAZARD", "HAZARD_ON_ROAD_OIL", .infrastructure), ("HAZARD", "HAZARD_ON_ROAD_LANE_CLOSED", .infrastructure),
            ("HAZARD", "HAZARD_ON_ROAD_TRAFFIC_LIGHT_FAULT", .infrastructure),
            ("HAZARD", "HAZARD_ON_SHOULDER_ANIMALS", .infrastructure), ("HAZARD", "", .infrastructure),
            ("JAM", "JAM_STAND_STILL_TRAFFIC", nil), ("POLICE", "POLICE_VISIBLE", nil), ("CHIT_CHAT", "", nil),
        ]
        for (type, subtype, expected) in table {
            let feed = #"{"alerts":[{"uuid":"u","type":"\#(type)","subtype":"\#(subtype)"}]}"#
            let r = FormatTestSupport.convert(WazeFormat(), feed)
            XCTAssertEqual(r.events.first.flatMap(FormatTestSupport.incident)?.category, expected, "\(type)/\(subtype)")
            XCTAssertEqual(r.skippedTotal, 0, "\(type)/\(subtype) is not bad input")
            XCTAssertEqual(r.ignoredTotal, expected == nil ? 1 : 0, "\(type)/\(subtype)")
        }
        // A record without a type is malformed.
        XCTAssertEqual(FormatTestSupport.convert(WazeFormat(), #"{"alerts":[{"uuid":"u"}]}"#).skipped, ["missing_type": 1])
    }
}
