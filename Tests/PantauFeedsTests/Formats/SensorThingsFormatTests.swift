import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// `sensorthings`: OGC SensorThings v1.1 → sensor readings.
final class SensorThingsFormatTests: XCTestCase {
    static let thing = """
    {"@iot.id": "pa-sepuluh", "name": "Pintu Air Sepuluh",
     "Locations": [{"name": "gate", "location": {"type": "Point", "coordinates": [106.631, -6.163]}}],
     "Datastreams": [
       {"@iot.id": 1, "name": "Gage height", "unitOfMeasurement": {"name": "feet", "symbol": "ft"},
        "ObservedProperty": {"name": "Gage height, feet"},
        "Observations": [
          {"@iot.id": 11, "result": 10, "resultTime": "2026-11-23T15:40:00+07:00"},
          {"@iot.id": 12, "result": "10.5", "phenomenonTime": "2026-11-23T08:45:00Z/2026-11-23T08:50:00Z"},
          {"@iot.id": 13, "result": "n/a", "resultTime": "2026-11-23T15:50:00+07:00"}
        ]},
       {"@iot.id": 2, "name": "Rain", "unitOfMeasurement": {"name": "inches per hour", "symbol": "in/h"},
        "ObservedProperty": {"name": "Precipitation intensity"},
        "Observations": [{"result": 1, "resultTime": "2026-11-23T15:40:00+07:00"}]},
       {"@iot.id": 3, "name": "PM2.5 hourly", "unitOfMeasurement": {"symbol": "ug/m3"},
        "ObservedProperty": {"name": "PM2.5"}, "Observations": [{"result": 42.5}]},
       {"@iot.id": 4, "name": "Discharge", "unitOfMeasurement": {"symbol": "ft3/s"},
        "ObservedProperty": {"name": "Discharge, cubic feet per second"}, "Observations": [{"result": 120}]},
       {"@iot.id": 5, "name": "Udara", "ObservedProperty": {"name": "ISPU"}, "Observations": [{"result": 87}]},
       {"@iot.id": 6, "name": "Temp", "unitOfMeasurement": {"symbol": "degC"}, "ObservedProperty": {"name": "Air temperature"},
        "Observations": [{"result": 31.2}]},
       {"@iot.id": 7, "name": "RH", "unitOfMeasurement": {"symbol": "%"}, "ObservedProperty": {"name": "Relative humidity"},
        "Observations": [{"result": 80}]},
       {"@iot.id": 8, "name": "PM10", "ObservedProperty": {"name": "PM10"}, "Observations": [{"result": 55}]}
     ]}
    """

    func testThingWithDatastreamsMapsFieldByField() {
        let r = FormatTestSupport.convert(SensorThingsFormat(), Self.thing)
        XCTAssertEqual(r.skipped, ["non_numeric_result": 1, "unmapped_kind": 1], "discharge is no Pantau sensor kind")
        let readings = r.events.compactMap(FormatTestSupport.sensor)
        XCTAssertEqual(readings.count, 8)
        let w = readings[0]
        XCTAssertEqual(w.station, "pa-sepuluh")
        XCTAssertEqual(w.name, "Pintu Air Sepuluh")
        XCTAssertEqual(w.sensor, .waterLevel)
        XCTAssertEqual(w.value, 304.8, "feet → cm")
        XCTAssertEqual(w.unit, "cm")
        XCTAssertEqual(w.place.location, GeoPoint(lat: -6.163, lon: 106.631))
        XCTAssertEqual(w.place.district, "Neglasari")
        XCTAssertEqual(r.events[0].time, RFC3339.parse("2026-11-23T15:40:00+07:00"))
        XCTAssertEqual(readings[1].value, 320.04, "a numeric string")
        XCTAssertEqual(r.events[1].time, RFC3339.parse("2026-11-23T08:45:00Z"), "the start of phenomenonTime")
        XCTAssertEqual(readings[2].sensor, .rainfall)
        XCTAssertEqual(readings[2].value, 25.4, "in/h → mm/h")
        XCTAssertEqual(readings[2].unit, "mm/h")
        XCTAssertEqual(readings[3].sensor, .pm25)
        XCTAssertEqual(readings[3].unit, "µg/m³")
        XCTAssertEqual(r.events[3].time, FormatTestSupport.now, "no time: now")
        XCTAssertEqual(readings[4].sensor, .ispu)
        XCTAssertEqual(readings[5].sensor, .temperature)
        XCTAssertEqual(readings[5].unit, "°C")
        XCTAssertEqual(readings[6].sensor, .humidity)
        XCTAssertEqual(readings[7].sensor, .pm10)
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testSingleObservationAndCollections() {
        let single = """
        {"@iot.id": 99, "result": 3.2, "resultTime": "2026-11-23T16:00:00+07:00",
         "Datastream": {"@iot.id": "ds-rain-cipondoh", "name": "Curah hujan", "ObservedProperty": {"name": "Rainfall"},
                        "unitOfMeasurement": {"symbol": "mm/h"}},
         "FeatureOfInterest": {"feature": {"type": "Point", "coordinates": [106.682, -6.186]}}}
        """
        let r = FormatTestSupport.convert(SensorThingsFormat(), single)
        let s = FormatTestSupport.sensor(r.events[0])!
        XCTAssertEqual(s.station, "ds-rain-cipondoh", "the Datastream's id without a Thing")
        XCTAssertEqual(s.sensor, .rainfall)
        XCTAssertEqual(s.place.location, GeoPoint(lat: -6.186, lon: 106.682), "from the FeatureOfInterest")
        let collection = FormatTestSupport.convert(SensorThingsFormat(), #"{"@iot.count": 2, "value": [\#(single), \#(single)]}"#)
        XCTAssertEqual(collection.events.count, 2)
        let bare = FormatTestSupport.convert(SensorThingsFormat(), #"{"value": [{"result": 1}]}"#)
        XCTAssertEqual(bare.skipped, ["missing_station": 1])
    }

    func testUnusableRecordsAreCounted() {
        XCTAssertEqual(FormatTestSupport.convert(SensorThingsFormat(), #"{"@iot.id": "t", "name": "no streams"}"#).skipped, ["no_observations": 1])
        XCTAssertEqual(FormatTestSupport.convert(SensorThingsFormat(), #"{"value": [{"resultTime": "2026-11-23T16:00:00Z"}]}"#).skipped, ["missing_result": 1])
        let cut = String(Self.thing.prefix(700))
        let r = FormatTestSupport.convert(SensorThingsFormat(), cut)
        XCTAssertEqual(r.skipped["invalid_json"], 1)
        XCTAssertGreaterThan(r.events.count, 0, "the whole observations before the cut")
    }

    func testSharedSample() throws {
        let r = SensorThingsFormat().convert(try FormatTestSupport.sample("sensors/usgs_sta_v1.1_Thing_USGS-09380000.json"), context: FormatTestSupport.context)
        XCTAssertEqual(r.events.count, 0, "a Thing whose Datastreams are not expanded")
        XCTAssertEqual(r.skipped, ["no_observations": 1])
    }
}
