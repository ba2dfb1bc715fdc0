import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// Every format applies the decoder's plausible ranges to what it builds (a record with a
/// number out of range is counted `out_of_range`, the rest still convert), and the JSON formats
/// read valid JSON that is unusual: a byte-order mark, escaped keys, very deep nesting.
final class FormatPlausibilityTests: XCTestCase {
    func testWazeJamsWithImplausibleNumbersAreCountedOutOfRange() {
        let feed = #"""
        {"endTimeMillis": 1795918700000, "jams": [
          {"id": 1, "street": "Jl. A", "speedKMH": 9.3e18, "level": 3},
          {"id": 2, "street": "Jl. B", "speedKMH": 12, "level": 9},
          {"id": 3, "street": "Jl. C", "speedKMH": 12, "level": 1e300},
          {"id": 4, "street": "Jl. D", "speedKMH": 12, "level": 3, "delay": 1e19, "length": 100},
          {"id": 5, "street": "Jl. E", "speedKMH": 12, "level": 3}
        ]}
        """#
        let r = FormatTestSupport.convert(WazeFormat(), feed)
        XCTAssertEqual(r.skipped, ["out_of_range": 4])
        XCTAssertEqual(r.events.compactMap(FormatTestSupport.traffic).map(\.segment), ["waze-jam-5"])
    }

    func testSensorThingsNGSIAndOpen311CountOutOfRangeValues() {
        let observation = #"{"result": 1e19, "resultTime": "2026-11-23T07:00:00Z", "Datastream": {"@iot.id": "ds", "name": "Water level", "unitOfMeasurement": {"symbol": "cm"}}}"#
        let st = FormatTestSupport.convert(SensorThingsFormat(), #"{"value": [\#(observation), \#(observation.replacingOccurrences(of: "1e19", with: "210"))]}"#)
        XCTAssertEqual(st.skipped, ["out_of_range": 1])
        XCTAssertEqual(st.events.compactMap(FormatTestSupport.sensor).map(\.value), [210])

        let ngsi = FormatTestSupport.convert(NGSILDFormat(), #"""
        [{"id": "aq", "type": "AirQualityObserved", "dateObserved": "2026-11-23T07:00:00Z", "pm25": 1e20},
         {"id": "tf", "type": "TrafficFlowObserved", "dateObserved": "2026-11-23T07:00:00Z", "averageVehicleSpeed": 1e300},
         {"id": "tf2", "type": "TrafficFlowObserved", "dateObserved": "2026-11-23T07:00:00Z", "averageVehicleSpeed": 31.5}]
        """#)
        XCTAssertEqual(ngsi.skipped, ["out_of_range": 2])
        XCTAssertEqual(ngsi.events.compactMap(FormatTestSupport.traffic).map(\.speedKmh), [31.5])

        // An SLA of some 8,000 years.
        let open311 = FormatTestSupport.convert(Open311Format(), #"""
        [{"service_request_id": "1", "requested_datetime": "2026-11-23T07:00:00+07:00", "expected_datetime": "9999-01-01T00:00:00+07:00"},
         {"service_request_id": "2", "requested_datetime": "2026-11-23T07:00:00+07:00", "expected_datetime": "2026-11-24T07:00:00+07:00"}]
        """#)
        XCTAssertEqual(open311.skipped, ["out_of_range": 1])
        XCTAssertEqual(open311.events.compactMap(FormatTestSupport.ticket).map(\.slaHours), [24])
    }

    func testNDJSONCountsTheDecodersOutOfRange() {
        let r = FormatTestSupport.convert(NDJSONFormat(), """
        {"v":1,"ts":"2026-11-23T07:15:00Z","kind":"traffic","segment":"s","road":"r","speed_kmh":1e19}
        \u{FEFF}{"v":1,"ts":"2026-11-23T07:15:00Z","kind":"traffic","segment":"s","road":"r","speed_kmh":19}
        """)
        XCTAssertEqual(r.skipped, ["out_of_range": 1])
        XCTAssertEqual(r.events.count, 1)
    }

    func testJSONFormatsReadBOMEscapedKeysAndDeepNesting() {
        let deep = String(repeating: #"{"x":["#, count: 100_000) + "null" + String(repeating: "]}", count: 100_000)
        let waze = "\u{FEFF}" + #"{"endTimeMillis": 1795918700000, "extra": \#(deep), "j\u0061ms": [{"id": 7, "str\u0065et": "Jl. A", "speedKMH": 12, "level": 2, "more": \#(deep)}]}"#
        let r = FormatTestSupport.convert(WazeFormat(), waze)
        XCTAssertEqual(r.skipped, [:])
        XCTAssertEqual(r.events.compactMap(FormatTestSupport.traffic).map(\.road), ["Jl. A"])

        let ngsi = FormatTestSupport.convert(NGSILDFormat(), #"{"id": "w", "type": "WaterObserved", "h\u0065ight": 210, "dateObserved": "2026-11-23T07:00:00Z", "deep": \#(deep)}"#)
        XCTAssertEqual(ngsi.skipped, [:])
        XCTAssertEqual(ngsi.events.compactMap(FormatTestSupport.sensor).map(\.value), [210])

        // Deep and broken is still invalid JSON.
        let broken = FormatTestSupport.convert(WazeFormat(), #"{"extra": \#(deep.dropLast()), "jams": []}"#)
        XCTAssertEqual(broken.skipped["invalid_json"], 1)
    }
}
