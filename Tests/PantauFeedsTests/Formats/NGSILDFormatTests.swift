import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// `ngsi-ld`: FIWARE NGSI-LD entities → readings and traffic.
final class NGSILDFormatTests: XCTestCase {
    func testAirQualityObservedNormalizedGivesOneReadingPerPollutant() {
        let entity = """
        {"id": "urn:ngsi-ld:AirQualityObserved:tng-cikokol", "type": "AirQualityObserved",
         "dateObserved": {"type": "Property", "value": "2026-11-23T07:00:00+07:00"},
         "pm25": {"type": "Property", "value": 38.2, "unitCode": "GQ"},
         "pm10": {"type": "Property", "value": 61},
         "airQualityIndex": {"type": "Property", "value": 108},
         "no2": {"type": "Property", "value": 20},
         "name": {"type": "Property", "value": "SPKU Cikokol"},
         "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [106.641, -6.189]}}}
        """
        let r = FormatTestSupport.convert(NGSILDFormat(), entity)
        XCTAssertEqual(r.skipped, [:])
        let readings = r.events.compactMap(FormatTestSupport.sensor)
        XCTAssertEqual(readings.map(\.sensor), [.pm25, .pm10, .ispu])
        XCTAssertEqual(readings.map(\.value), [38.2, 61, 108])
        XCTAssertEqual(readings[0].station, "urn:ngsi-ld:AirQualityObserved:tng-cikokol")
        XCTAssertEqual(readings[0].name, "SPKU Cikokol")
        XCTAssertEqual(readings[0].unit, "µg/m³")
        XCTAssertEqual(readings[2].unit, "index")
        XCTAssertEqual(readings[0].place.location, GeoPoint(lat: -6.189, lon: 106.641))
        XCTAssertEqual(readings[0].place.district, "Tangerang")
        XCTAssertEqual(r.events[0].time, RFC3339.parse("2026-11-23T07:00:00+07:00"))
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testKeyValuesArrayWaterAndTraffic() {
        let entities = """
        [
          {"id": "urn:ngsi-ld:WaterObserved:pa-sepuluh", "type": "WaterObserved", "height": 4.1,
           "dateObserved": "2026-11-23T15:40:00Z", "location": {"type": "Point", "coordinates": [106.631, -6.163]}},
          {"id": "urn:ngsi-ld:FloodMonitoring:periuk", "type": "FloodMonitoring",
           "measuredValue": {"type": "Property", "value": 1.25, "unitCode": "MTR", "observedAt": "2026-11-23T16:00:00+07:00"}},
          {"id": "urn:ngsi-ld:TrafficFlowObserved:daan-mogot-03", "type": "TrafficFlowObserved",
           "name": "Jl. Daan Mogot", "averageVehicleSpeed": 14.5, "laneOccupancy": 0.7, "congested": true,
           "dateObserved": "2026-11-23T07:15:00+07:00",
           "location": {"type": "LineString", "coordinates": [[106.660, -6.171], [106.6655, -6.1702], [106.671, -6.169]]}},
          {"id": "urn:ngsi-ld:TrafficFlowObserved:x", "type": "https://uri.fiware.org/ns/dataModels#TrafficFlowObserved", "congested": false},
          {"id": "urn:ngsi-ld:Building:1", "type": "Building"},
          {"type": "AirQualityObserved", "pm25": 3},
          {"id": "urn:ngsi-ld:AirQualityObserved:empty", "type": "AirQualityObserved", "pm25": "high"}
        ]
        """
        let r = FormatTestSupport.convert(NGSILDFormat(), entities)
        XCTAssertEqual(r.skipped, ["missing_id": 1, "no_readings": 1])
        XCTAssertEqual(r.ignored, ["entity_type": 1], "a Building is well formed, just not mapped")
        let w = FormatTestSupport.sensor(r.events[0])!
        XCTAssertEqual(w.sensor, .waterLevel)
        XCTAssertEqual(w.value, 4.1, "no unitCode: taken as given")
        let f = FormatTestSupport.sensor(r.events[1])!
        XCTAssertEqual(f.value, 125, "MTR → cm")
        XCTAssertEqual(f.unit, "cm")
        XCTAssertEqual(r.events[1].time, RFC3339.parse("2026-11-23T16:00:00+07:00"), "observedAt")
        let t = FormatTestSupport.traffic(r.events[2])!
        XCTAssertEqual(t.segment, "urn:ngsi-ld:TrafficFlowObserved:daan-mogot-03")
        XCTAssertEqual(t.road, "Jl. Daan Mogot")
        XCTAssertEqual(t.speedKmh, 14.5)
        XCTAssertEqual(t.jamLevel, 4)
        XCTAssertEqual(t.place.location, GeoPoint(lat: -6.1702, lon: 106.6655))
        let t2 = FormatTestSupport.traffic(r.events[3])!
        XCTAssertEqual(t2.jamLevel, 0)
        XCTAssertEqual(t2.road, "unnamed road")
        XCTAssertEqual(r.events[3].time, FormatTestSupport.now)
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testSharedSample() throws {
        let r = NGSILDFormat().convert(try FormatTestSupport.sample("sensors/sdm_AirQualityObserved_example-normalized.jsonld"), context: FormatTestSupport.context)
        let readings = r.events.compactMap(FormatTestSupport.sensor)
        XCTAssertEqual(readings.first?.sensor, .ispu)
        XCTAssertEqual(readings.first?.value, 65)
        XCTAssertEqual(readings.first?.place.address, "Plaza de España, Madrid")
        XCTAssertEqual(r.events.first?.time, RFC3339.parse("2016-03-15T11:00:00Z"), "a time without a zone is UTC")
        XCTAssertEqual(readings.first { $0.sensor == .humidity }?.value, 54)
        FormatTestSupport.assertRoundTrip(r.events)
    }
}
