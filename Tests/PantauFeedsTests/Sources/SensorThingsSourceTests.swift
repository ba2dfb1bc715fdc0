import Foundation
import PantauCore
@testable import PantauFeeds
import PantauTestSupport
import XCTest

/// An `mqtt` source in the `sensorthings` format: its `datastreams:` and `sensorthings_url:`
/// in the sources file, and bare Observations through a real Mosquitto broker with their
/// Datastream fetched from a loopback HTTP server.
final class SensorThingsSourceTests: XCTestCase {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try SourcesFile.parse(yaml, file: "s.yaml")
            return []
        } catch let e as SourcesFileError {
            return e.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    private func entry(_ extra: String) -> String {
        """
        sources:
          - name: sta
            type: mqtt
            host: 127.0.0.1
            topics: ["v1.1/+/Observations"]
            format: sensorthings
        \(extra)
        """
    }

    func testDatastreamsAndTheServerComeFromTheSourcesFile() throws {
        let sources = try SourcesFile.parse(entry("""
            sensorthings_url: http://127.0.0.1:8080/FROST-Server/v1.1
            datastreams:
              "3f65a9c2e1": {station: pa-sepuluh, name: Pintu Air Sepuluh, sensor: water_level, unit: m, district: Tangerang,
                             waspada: 300, siaga: 380, awas: 450}
              42: {station: arg-ciledug, sensor: rainfall, lat: -6.236, lon: 106.706}
        """), file: "s.yaml")
        let mqtt = try XCTUnwrap(sources.first as? MQTTSource)
        let directory = try XCTUnwrap(mqtt.datastreams)
        XCTAssertEqual(directory.baseURL?.absoluteString, "http://127.0.0.1:8080/FROST-Server/v1.1")
        XCTAssertEqual(directory.info(for: "'3f65a9c2e1'"),
                       DatastreamInfo(station: "pa-sepuluh", name: "Pintu Air Sepuluh", kind: .waterLevel, unit: "m",
                                      district: "Tangerang", thresholds: GaugeThresholds(waspada: 300, siaga: 380, awas: 450)))
        XCTAssertEqual(directory.info(for: "42")?.location, GeoPoint(lat: -6.236, lon: 106.706))
        XCTAssertEqual(directory.fetches, 0)
        let plain = try SourcesFile.parse(entry(""), file: "s.yaml")
        XCTAssertNil((plain.first as? MQTTSource)?.datastreams, "neither key: no directory")
    }

    func testMistakesInDatastreamsAreRefusedAtTheirPlace() {
        XCTAssertEqual(problems(entry("    sensorthings_url: ftp://x/v1.1")),
                       ["s.yaml:7:23: `sensorthings_url` must be an http or https URL, not `ftp://x/v1.1`"])
        XCTAssertEqual(problems(entry("    datastreams:\n      7: {station: a, sensor: discharge}")),
                       ["s.yaml:8:31: `sensor` must be one of water_level, rainfall, ispu, pm25, pm10, temperature, humidity, noise, not `discharge`"])
        XCTAssertEqual(problems(entry("    datastreams:\n      7: {sensor: rainfall}")), ["s.yaml:8:10: Datastream `7` needs `station`"])
        XCTAssertEqual(problems(entry("    datastreams:\n      7: {station: a, sensor: water_level, waspada: 300, siaga: 200, awas: 400}")),
                       ["s.yaml:8:53: `waspada`, `siaga` and `awas` (cm) must be given together, rising"])
        XCTAssertEqual(problems(entry("    datastreams:\n      7: {station: a, sensor: rainfall, colour: red}")).first?.hasPrefix("s.yaml:8:41: unknown key `colour`"),
                       true)
        XCTAssertEqual(problems(entry("    datastreams: [1, 2]")),
                       ["s.yaml:7:18: `datastreams` must map Datastream ids to {station: …, sensor: …}"])
    }

    func testBareObservationsThroughARealBrokerWithMetadataFromTheServer() throws {
        for name in ["mosquitto", "mosquitto_pub"] where MosquittoBroker.binary(name) == nil {
            throw XCTSkip("\(name) not installed (Debian: apt-get install mosquitto mosquitto-clients)")
        }
        if case .failure(let f) = MosquittoLibrary.shared { throw XCTSkip(f.reason) }
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let datastream = """
        {"@iot.id": "3f65a9c2e1", "name": "3f65a9c2e1", "description": "Tinggi muka air Pintu Air Sepuluh",
         "unitOfMeasurement": {"name": "metre", "symbol": "m"}, "ObservedProperty": {"name": "Tinggi Muka Air"},
         "properties": {"waspada": 3.0, "siaga": 3.8, "awas": 4.5},
         "Thing": {"@iot.id": "pa-sepuluh", "name": "Pintu Air Sepuluh",
                   "Locations": [{"location": {"type": "Point", "coordinates": [106.631, -6.163]}}]}}
        """
        server.handler = { req in
            req.path.contains("Datastreams('3f65a9c2e1')") ? .init(body: Data(datastream.utf8)) : .init(status: 404)
        }
        let broker = try MosquittoBroker(config: ["allow_anonymous true"])
        defer { broker.stop() }
        try broker.start()
        let source = MQTTSource(name: "sta", host: "127.0.0.1", port: Int(broker.port), topics: ["v1.1/+/Observations"],
                                format: "sensorthings", datastreams: DatastreamDirectory(baseURL: server.url("/v1.1")))
        let h = SourceHarness(source)
        defer { h.sources.stop() }
        XCTAssertTrue(waitUntil { h.health.state == .live }, "not live: \(h.health.state)")
        try broker.publish(topic: "v1.1/Datastreams('3f65a9c2e1')/Observations",
                           message: #"{"phenomenonTime": "2026-11-23T08:40:00Z", "result": 3.9}"#)
        try broker.publish(topic: "v1.1/Datastreams(99)/Observations",
                           message: #"{"phenomenonTime": "2026-11-23T08:40:00Z", "result": 1.0}"#)
        try broker.publish(topic: "v1.1/Datastreams('3f65a9c2e1')/Observations",
                           message: #"{"phenomenonTime": "2026-11-23T08:45:00Z", "result": 4.6}"#)
        XCTAssertTrue(h.waitForEvents(2), "got \(stations(h.events)); health \(h.health.state), skipped \(h.health.skipped)")
        XCTAssertTrue(waitUntil { h.health.skipped >= 1 }, "the unknown Datastream 99 is counted")
        let readings = h.events.compactMap { e -> SensorReading? in if case .sensor(let r) = e.payload { return r } else { return nil } }
        XCTAssertEqual(readings.map(\.station), ["pa-sepuluh", "pa-sepuluh"])
        XCTAssertEqual(readings.map(\.value), [390, 460], "m → cm")
        XCTAssertEqual(readings.first?.sensor, .waterLevel)
        XCTAssertEqual(readings.first?.place.district, "Neglasari")
        XCTAssertEqual(readings.first?.thresholds, GaugeThresholds(waspada: 300, siaga: 380, awas: 450))
        XCTAssertEqual(server.requests.filter { $0.path.contains("3f65a9c2e1") }.count, 1, "fetched once for both")
        var state = CityState()
        state.apply(h.events)
        let station = try XCTUnwrap(state.stations["pa-sepuluh"])
        XCTAssertEqual(BandRules.standard.band(of: station)?.label, "Siaga 1 Awas", "460 cm against the fed 450 cm awas")
    }
}
