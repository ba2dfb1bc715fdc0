import Foundation
import PantauCore
@testable import PantauFeeds
import PantauTestSupport
import XCTest

/// `sensorthings`: bare Observations, as SensorThings MQTT publishes them, resolved through
/// their topic's Datastream; Datastream metadata from the sources file or fetched once over
/// HTTP; alert levels from the Datastream's properties.
final class SensorThingsDatastreamTests: XCTestCase {
    static let bare = #"{"phenomenonTime": "2026-11-23T08:40:00Z", "result": 3.47, "resultTime": "2026-11-23T08:40:05Z"}"#
    static let topic = "v1.1/Datastreams('3f65a9c2e1')/Observations"

    private func context(topic: String?, _ directory: DatastreamDirectory?) -> FormatContext {
        FormatContext(source: "sta", now: FormatTestSupport.now, topic: topic, datastreams: directory)
    }

    private func convert(_ text: String, topic: String?, _ directory: DatastreamDirectory?) -> FormatResult {
        SensorThingsFormat().convert(Data(text.utf8), context: context(topic: topic, directory))
    }

    func testTheDatastreamIdComesFromTheTopic() {
        XCTAssertEqual(SensorThingsFormat.datastreamID(topic: "v1.1/Datastreams(42)/Observations"), "42")
        XCTAssertEqual(SensorThingsFormat.datastreamID(topic: Self.topic), "'3f65a9c2e1'")
        XCTAssertEqual(SensorThingsFormat.datastreamID(topic: "FROST/v1.0/Datastreams(7)/Observations"), "7")
        XCTAssertNil(SensorThingsFormat.datastreamID(topic: "tangerang/sensors/pa-1"))
        XCTAssertNil(SensorThingsFormat.datastreamID(topic: "v1.1/Datastreams()/Observations"))
    }

    func testBareObservationWithAMappingBecomesAReadingOfTheMappedStation() {
        let mapped = DatastreamInfo(station: "pa-sepuluh", name: "Pintu Air Sepuluh", kind: .waterLevel, unit: "m",
                                    district: "Tangerang", thresholds: GaugeThresholds(waspada: 300, siaga: 380, awas: 450))
        let directory = DatastreamDirectory(mapping: ["3f65a9c2e1": mapped])
        let r = convert(Self.bare, topic: Self.topic, directory)
        XCTAssertEqual(r.skipped, [:])
        guard let s = r.events.first.flatMap(FormatTestSupport.sensor) else { return XCTFail("no reading: \(r.summary)") }
        XCTAssertEqual(s.station, "pa-sepuluh")
        XCTAssertEqual(s.name, "Pintu Air Sepuluh")
        XCTAssertEqual(s.sensor, .waterLevel)
        XCTAssertEqual(s.value, 347, "m → cm")
        XCTAssertEqual(s.unit, "cm")
        XCTAssertEqual(s.place.district, "Tangerang")
        XCTAssertEqual(s.thresholds, GaugeThresholds(waspada: 300, siaga: 380, awas: 450))
        XCTAssertEqual(r.events[0].time, RFC3339.parse("2026-11-23T08:40:05Z"))
        XCTAssertEqual(directory.fetches, 0, "a mapped Datastream is never fetched")
        FormatTestSupport.assertRoundTrip(r.events)
    }

    func testBareObservationWithoutItsDatastreamIsSkippedWithAReason() {
        XCTAssertEqual(convert(Self.bare, topic: nil, nil).skipped, ["missing_station": 1], "no topic")
        XCTAssertEqual(convert(Self.bare, topic: "sensors/x", nil).skipped, ["missing_station": 1], "no Datastream in the topic")
        XCTAssertEqual(convert(Self.bare, topic: Self.topic, nil).skipped, ["unknown_datastream": 1], "nothing to look it up in")
        XCTAssertEqual(convert(Self.bare, topic: Self.topic, DatastreamDirectory(mapping: ["other": DatastreamInfo(station: "x")])).skipped,
                       ["unknown_datastream": 1])
        let unmapped = DatastreamDirectory(mapping: ["3f65a9c2e1": DatastreamInfo(station: "x", kind: nil, label: "Discharge")])
        XCTAssertEqual(convert(Self.bare, topic: Self.topic, unmapped).skipped, ["unmapped_kind": 1])
    }

    /// USGS names its Datastreams by their hex id and says what they measure in the
    /// description: the id must never become a sensor kind.
    func testADatastreamNamedByItsIdIsNeverAKind() {
        let expanded = """
        {"result": 812, "resultTime": "2026-11-23T08:40:00Z",
         "Datastream": {"@iot.id": "3f65a9c2e1b04d7e", "name": "3f65a9c2e1b04d7e",
                        "description": "Discharge / USGS-09380000-3f65a9c2e1b04d7e",
                        "unitOfMeasurement": {"name": "Cubic Feet per Second", "symbol": "ft^3/s"}}}
        """
        let r = FormatTestSupport.convert(SensorThingsFormat(), expanded)
        XCTAssertEqual(r.events.count, 0)
        XCTAssertEqual(r.skipped, ["unmapped_kind": 1])
        let gage = expanded.replacingOccurrences(of: "Discharge", with: "Gage height").replacingOccurrences(of: "ft^3/s", with: "ft")
        let g = FormatTestSupport.convert(SensorThingsFormat(), gage)
        XCTAssertEqual(g.events.first.flatMap(FormatTestSupport.sensor)?.sensor, .waterLevel, "kind from the description")
        XCTAssertEqual(g.events.first.flatMap(FormatTestSupport.sensor)?.value, 24_749.76, "ft → cm")
    }

    /// Polled over http, `Datastreams(ID)/Observations?$expand=Datastream($expand=Thing/Locations,
    /// ObservedProperty)` gives each Observation its Datastream inline: no topic is needed.
    func testPolledObservationsWithTheirDatastreamExpanded() throws {
        let polled = """
        {"value": [
          {"phenomenonTime": "2026-11-23T08:40:00Z", "result": 3.1,
           "Datastream": {"@iot.id": 7, "name": "TMA Pintu Air Sepuluh", "unitOfMeasurement": {"symbol": "m"},
                          "ObservedProperty": {"name": "Tinggi Muka Air"},
                          "properties": {"waspada": 3.0, "siaga": 3.8, "awas": 4.5},
                          "Thing": {"@iot.id": "pa-sepuluh", "name": "Pintu Air Sepuluh",
                                    "Locations": [{"location": {"type": "Point", "coordinates": [106.631, -6.163]}}]}}}
        ]}
        """
        let r = FormatTestSupport.convert(SensorThingsFormat(), polled)
        let s = try XCTUnwrap(r.events.first.flatMap(FormatTestSupport.sensor), r.summary)
        XCTAssertEqual(s.station, "pa-sepuluh")
        XCTAssertEqual(s.value, 310)
        XCTAssertEqual(s.thresholds, GaugeThresholds(waspada: 300, siaga: 380, awas: 450))
        XCTAssertEqual(s.place.district, "Neglasari")
    }

    func testIndonesianObservedPropertiesMapToKinds() {
        XCTAssertEqual(SensorThingsFormat.kind("Tinggi Muka Air"), .waterLevel)
        XCTAssertEqual(SensorThingsFormat.kind("Curah Hujan"), .rainfall)
        XCTAssertEqual(SensorThingsFormat.kind("Suhu udara"), .temperature)
        XCTAssertEqual(SensorThingsFormat.kind("Kelembaban relatif"), .humidity)
        XCTAssertEqual(SensorThingsFormat.kind("Tingkat kebisingan"), .noise)
        XCTAssertNil(SensorThingsFormat.kind("Discharge, cubic feet per second 3f65a9c2e1"))
        XCTAssertNil(SensorThingsFormat.kind(""))
        XCTAssertNil(SensorThingsFormat.kind("Drainage pump flow"), "`rain` inside a word is no rain")
        XCTAssertNil(SensorThingsFormat.kind("Backstage door"))
        XCTAssertEqual(SensorThingsFormat.kind("http://example.org/def/AirTemperature"), .temperature, "camelCase")
        XCTAssertEqual(SensorThingsFormat.kind("RelativeHumidity"), .humidity)
        XCTAssertEqual(SensorThingsFormat.kind("water_level"), .waterLevel)
        XCTAssertEqual(SensorThingsFormat.kind("PM2.5 hourly"), .pm25)
        XCTAssertEqual(SensorThingsFormat.kind("Rainfall"), .rainfall)
        XCTAssertEqual(SensorThingsFormat.kind("TMA Pintu Air"), .waterLevel)
        XCTAssertEqual(SensorThingsFormat.kind("TMA"), .waterLevel, "Tinggi Muka Air, abbreviated")
        XCTAssertNil(SensorThingsFormat.kind("TMAX"))
        XCTAssertEqual(SensorThingsFormat.kind(unit: "dB(A)"), .noise, "a unit alone may say it")
        XCTAssertEqual(SensorThingsFormat.kind(unit: "mm/h"), .rainfall)
        XCTAssertNil(SensorThingsFormat.kind(unit: "m"), "metres say too little")
        let byUnit = FormatTestSupport.convert(SensorThingsFormat(), #"{"result": 61, "Datastream": {"@iot.id": "a1b2", "name": "a1b2", "unitOfMeasurement": {"symbol": "dBA"}}}"#)
        XCTAssertEqual(byUnit.events.first.flatMap(FormatTestSupport.sensor)?.sensor, .noise)
    }

    /// A USGS-shaped Datastream: flood stages in `Thresholds` (feet) become the gauge's levels
    /// in cm; operational limits and thresholds below are not levels.
    static let usgsDatastream = """
    {"@iot.id": "3f65a9c2e1", "name": "3f65a9c2e1", "description": "Gage height / USGS-09380000-3f65a9c2e1",
     "unitOfMeasurement": {"name": "Feet", "symbol": "ft", "definition": ""},
     "ObservedProperty": {"@iot.id": "00065", "name": "Gage height", "definition": "https://help.waterdata.usgs.gov/codes-and-parameters/parameters"},
     "Sensor": {"name": "Pressure transducer"},
     "properties": {"ParameterCode": "00065", "Thresholds": [
        {"Name": "Operational limit (minimum)", "Type": "ThresholdBelow", "Periods": [{"ReferenceValue": -0.01}]},
        {"Name": "Operational limit (maximum)", "Type": "ThresholdAbove", "Periods": [{"ReferenceValue": 200}]},
        {"Name": "Action stage", "Type": "ThresholdAbove", "Periods": [{"ReferenceValue": 10}]},
        {"Name": "Minor flood stage", "Type": "ThresholdAbove", "Periods": [{"ReferenceValue": 12}]},
        {"Name": "Moderate flood stage", "Type": "ThresholdAbove", "Periods": [{"ReferenceValue": 15}]},
        {"Name": "Major flood stage", "Type": "ThresholdAbove", "Periods": [{"ReferenceValue": 20}]}
     ]},
     "Thing": THING}
    """

    func testMetadataIsFetchedOnceFromTheServerWithTheRealUSGSThing() throws {
        let thing = String(decoding: try FormatTestSupport.sample("sensors/usgs_sta_v1.1_Thing_USGS-09380000.json"), as: UTF8.self)
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let body = Data(Self.usgsDatastream.replacingOccurrences(of: "THING", with: thing).utf8)
        server.handler = { req in
            req.path.contains("/Datastreams('3f65a9c2e1')") ? .init(body: body) : .init(status: 404)
        }
        let directory = DatastreamDirectory(baseURL: server.url("/sta/v1.1"))
        let first = convert(Self.bare, topic: Self.topic, directory)
        let second = convert(Self.bare, topic: Self.topic, directory)
        XCTAssertEqual(first.skipped, [:], first.summary)
        XCTAssertEqual(second.events.count, 1)
        XCTAssertEqual(directory.fetches, 1, "fetched once, then cached")
        XCTAssertEqual(server.requests.map(\.path),
                       ["/sta/v1.1/Datastreams('3f65a9c2e1')?$expand=Thing/Locations,ObservedProperty,Sensor"])
        guard let s = first.events.first.flatMap(FormatTestSupport.sensor) else { return XCTFail("no reading") }
        XCTAssertEqual(s.station, "USGS-09380000", "the real Thing's @iot.id")
        XCTAssertEqual(s.name, "USGS-09380000")
        XCTAssertEqual(s.sensor, .waterLevel)
        XCTAssertEqual(s.value, 105.766, "3.47 ft → cm")
        XCTAssertEqual(s.thresholds, GaugeThresholds(waspada: 304.8, siaga: 457.2, awas: 609.6),
                       "action 10 ft, moderate 15 ft, major 20 ft; the operational limits are no levels")
    }

    func testAServerThatFailsIsNotAskedAgainAtOnce() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.handler = { _ in .init(status: 502, body: Data("<html>Bad Gateway</html>".utf8)) }
        let directory = DatastreamDirectory(baseURL: server.url("/v1.1"))
        for _ in 0..<3 { XCTAssertEqual(convert(Self.bare, topic: Self.topic, directory).skipped, ["unknown_datastream": 1]) }
        XCTAssertEqual(directory.fetches, 1)
        XCTAssertEqual(server.requests.count, 1)
    }

    func testLevelsFromFlatPropertiesAndIncompleteOnes() {
        let flat = SensorThingsFormat.levels(try? jsonValue(#"{"waspada": 1.5, "siaga": 2, "awas": 2.5}"#))
        XCTAssertEqual(SensorThingsFormat.thresholds(flat, symbol: "m", unitName: nil, kind: .waterLevel),
                       GaugeThresholds(waspada: 150, siaga: 200, awas: 250), "m → cm")
        XCTAssertNil(SensorThingsFormat.thresholds(flat, symbol: "m", unitName: nil, kind: .rainfall), "levels are for gauges")
        let partial = SensorThingsFormat.levels(try? jsonValue(#"{"thresholds": {"waspada": 150, "siaga": 200}}"#))
        XCTAssertNil(SensorThingsFormat.thresholds(partial, symbol: "cm", unitName: nil, kind: .waterLevel))
        let falling = SensorThingsFormat.levels(try? jsonValue(#"{"waspada": 300, "siaga": 200, "awas": 250}"#))
        XCTAssertNil(SensorThingsFormat.thresholds(falling, symbol: "cm", unitName: nil, kind: .waterLevel))
    }

    private func jsonValue(_ text: String) throws -> JSONValue {
        guard let v = JSONParser.parse(Data(text.utf8)).value else { throw CocoaError(.coderReadCorrupt) }
        return v
    }
}
