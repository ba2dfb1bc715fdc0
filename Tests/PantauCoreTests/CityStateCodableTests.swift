import XCTest
@testable import PantauCore

/// A checkpoint must restore exactly the state that was folded: every stored property written,
/// and the writing canonical (the same bytes for the same state in any process).
final class CityStateCodableTests: XCTestCase, StateEventFactory {
    /// A state with something in every field: open, expiring, finished and evicted incidents,
    /// tickets in two agencies (one finished), gauges with thresholds, a second kind from a
    /// station, traffic, a refused transition, a sweep.
    func populatedState() -> CityState {
        var s = CityState()
        s.retentionSeconds = 3600
        s.staleLimits = StaleLimits(traffic: 300, sensor: 900, bySource: ["bmkg": 7200])
        s.apply(incident("INC-1", 0) { $0.category = .flood; $0.severity = 4; $0.title = "Banjir Ciledug"; $0.place.district = "Ciledug"; $0.place.location = GeoPoint(lat: -6.23, lon: 106.71) })
        s.apply(incident("INC-1", 5) { $0.status = .dispatched; $0.unit = "BPBD-1"; $0.note = "Air 40 cm, warga mengungsi" })
        s.apply(incident("INC-1", 6) { $0.status = .new })
        s.apply(incident("INC-2", 1) { $0.category = .fire; $0.severity = 5; $0.title = "Kebakaran"; $0.expires = at(600) })
        s.apply(incident("INC-3", 2) { $0.category = .accident; $0.severity = 2; $0.status = .resolved })
        s.apply(incident("INC-4", 3) { $0.category = .weather; $0.severity = 3; $0.title = "Hujan lebat" })
        s.apply(ticket("T-1", 0) { $0.agency = "Dinas PUPR"; $0.category = "Jalan rusak"; $0.slaHours = 48; $0.title = "Lubang" })
        s.apply(ticket("T-2", 1) { $0.agency = "DLH"; $0.status = .resolved })
        s.apply(ticket("T-3", 2) { $0.agency = "DLH"; $0.note = "Sampah menumpuk" })
        var reading = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 312)
        reading.thresholds = GaugeThresholds(waspada: 300, siaga: 380, awas: 450)
        reading.name = "Pintu Air Sepuluh"
        for k in 0..<60 {
            reading.value = 300 + Double(k)
            s.apply(FeedEvent(time: at(Double(k)), source: "bmkg", payload: .sensor(reading)))
        }
        s.apply(FeedEvent(time: at(3), payload: .sensor(SensorReading(station: "pa-sepuluh", sensor: .rainfall, value: 12.5))))
        s.apply(FeedEvent(time: at(4), payload: .sensor(SensorReading(station: "x", sensor: .other("radiation"), value: 1))))
        var road = TrafficUpdate(segment: "seg-1", road: "Jl. Daan Mogot")
        road.jamLevel = 4
        road.speedKmh = 7.5
        s.apply(FeedEvent(time: at(4), source: "waze", payload: .traffic(road)))
        // Units and actions: accepted (with a caller), rejected, a unit on scene.
        s.registerUnits([UnitDefinition(id: "BPBD-2", name: "BPBD Tim 2", agency: "BPBD", kind: "rescue",
                                        station: "Pos Ciledug", location: GeoPoint(lat: -6.22, lon: 106.71)),
                         UnitDefinition(id: "DMK-01", name: "Damkar Pos 1", agency: "Damkar", kind: "fire_engine")])
        s.apply(action("a1", .create, "INC-9", 7) { $0.category = .fire; $0.severity = 4; $0.title = "Kebakaran ruko"; $0.callerName = "Bu Siti"; $0.callerPhone = "081234567789" })
        s.apply(action("a2", .acknowledge, "INC-9", 8, by: "siti", role: .operator))
        s.apply(action("a3", .dispatch, "INC-9", 9) { $0.unit = "DMK-01" })
        s.apply(action("a4", .dispatch, "INC-1", 9) { $0.unit = "DMK-01" })
        s.apply(action("a5", .unitStatus, "DMK-01", 10, by: "siti", role: .operator) { $0.unitStatus = .onScene })
        s.apply(action("a6", .note, "INC-9", 11) { $0.note = "Api padam" })
        s.sweep(asOf: at(300))
        // Alarms: one raised, acknowledged and cleared (finished), one active with a note and an incident.
        func alarm(_ id: String, _ subject: String, _ state: AlarmTransition, _ minutes: Double) -> FeedEvent {
            FeedEvent(time: at(minutes), source: "rules", payload: .alarm(AlarmEvent(
                id: id, rule: "water-siaga", transition: state, severity: 4, subject: subject,
                title: "\(subject) at Siaga 2", value: 390, level: "Siaga 2")))
        }
        s.apply(alarm("alarm-water-siaga-pa-sepuluh-1", "pa-sepuluh", .raised, 301))
        s.apply(action("a7", .acknowledgeAlarm, "alarm-water-siaga-pa-sepuluh-1", 302, by: "siti", role: .operator))
        s.apply(alarm("alarm-water-siaga-pa-sepuluh-1", "pa-sepuluh", .cleared, 303))
        s.apply(alarm("alarm-water-siaga-x-2", "x", .raised, 304))
        s.apply(action("a8", .noteAlarm, "alarm-water-siaga-x-2", 305, by: "siti", role: .operator) { $0.note = "Cek lokasi" })
        s.apply(action("a9", .incidentFromAlarm, "alarm-water-siaga-x-2", 306) { $0.incident = "INC-A-1" })
        return s
    }

    func testEveryStoredPropertyIsWrittenOrDeliberatelyNot() {
        let stored = Mirror(reflecting: CityState()).children.compactMap(\.label)
        let coded = CityState.codedFields.map(\.name)
        XCTAssertEqual(Set(coded).count, coded.count, "a field is written twice")
        let missing = Set(stored).subtracting(coded).subtracting(CityState.uncodedFields)
        XCTAssertEqual(missing, [], "stored properties of CityState missing from CityState.codedFields (CityState+Codable.swift): \(missing.sorted())")
        XCTAssertEqual(Set(coded).subtracting(stored), [], "coded fields that are not stored properties")
    }

    func testRoundTripIsExact() throws {
        let state = populatedState()
        XCTAssertGreaterThan(state.evictedCount, 0, "the fixture evicts a record")
        XCTAssertEqual(state.refusedTransitions, 1)
        XCTAssertEqual(state.units.count, 2)
        XCTAssertEqual(state.actionOutcomes.count, 9)
        XCTAssertTrue(state.actionOutcomes.values.contains { if case .rejected = $0 { return true } else { return false } }, "the fixture holds a rejected action")
        let data = try state.canonicalEncoding()
        let decoded = try CityState(canonicalEncoding: data)
        XCTAssertEqual(String(decoding: try decoded.canonicalEncoding(), as: UTF8.self), String(decoding: data, as: UTF8.self))
        // Beyond the encoding: the decoded state's fields read back as the original's.
        XCTAssertEqual(decoded.incidents["INC-1"]?.timeline, state.incidents["INC-1"]?.timeline)
        XCTAssertEqual(decoded.stations["pa-sepuluh"]?.history.recent, state.stations["pa-sepuluh"]?.history.recent)
        XCTAssertEqual(decoded.stations["x"]?.kind, .other("radiation"))
        XCTAssertEqual(decoded.dispatchOrder.elements, state.dispatchOrder.elements)
        XCTAssertEqual(decoded.expiryOrder.elements, state.expiryOrder.elements)
        XCTAssertEqual(decoded.openTicketsByAgency, state.openTicketsByAgency)
        XCTAssertEqual(decoded.staleLimits, state.staleLimits)
        XCTAssertEqual(decoded.sweptHour, state.sweptHour)
        XCTAssertNotEqual(decoded.version, state.version, "a decoded state starts its own lineage")
    }

    func testDecodedStateContinuesLikeTheOriginal() throws {
        var original = populatedState()
        var restored = try CityState(canonicalEncoding: original.canonicalEncoding())
        let more = [
            incident("INC-2", 700) { $0.note = "after expiry" },
            incident("INC-4", 20) { $0.status = .closed },
            incident("INC-5", 21) { $0.category = .medical; $0.severity = 5 },
            ticket("T-1", 22) { $0.agency = "DLH" },
        ]
        for e in more {
            original.apply(e)
            restored.apply(e)
        }
        original.sweep(asOf: at(2000))
        restored.sweep(asOf: at(2000))
        XCTAssertEqual(try restored.canonicalEncoding(), try original.canonicalEncoding())
    }

    /// Equal states give equal bytes whatever order their dictionaries and sets iterate in.
    func testCanonicalEncodingIgnoresIterationOrder() throws {
        let state = populatedState()
        var shuffled = state
        var seed = UInt64(ProcessInfo.processInfo.environment["PANTAU_TEST_SEED"].flatMap(UInt64.init) ?? 9)
        print("seed \(seed)")
        func rebuilt<V>(_ d: [String: V]) -> [String: V] {
            var out = [String: V](minimumCapacity: 4096)
            var pairs = Array(d)
            for i in pairs.indices.reversed() {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                pairs.swapAt(i, Int(seed >> 33) % (i + 1))
            }
            for (k, v) in pairs { out[k] = v }
            return out
        }
        shuffled.incidents = rebuilt(state.incidents)
        shuffled.tickets = rebuilt(state.tickets)
        shuffled.finishedTickets = rebuilt(state.finishedTickets)
        shuffled.openTicketsByAgency = rebuilt(state.openTicketsByAgency)
        var agencies = Set<String>(minimumCapacity: 4096)
        for a in state.agencies.reversed() { agencies.insert(a) }
        shuffled.agencies = agencies
        XCTAssertTrue(Array(shuffled.incidents.keys) != Array(state.incidents.keys)
                      || Array(shuffled.agencies) != Array(state.agencies), "the rebuilt collections iterate in another order")
        XCTAssertEqual(try shuffled.canonicalEncoding(), try state.canonicalEncoding())
    }

    /// Records must hold no `Set` and no dictionary keyed by other than String, Int or
    /// ``RecordKey`` (written as its id, a string key): their order would differ between
    /// processes, and so would a fingerprint.
    func testRecordsHoldNothingThatEncodesInIterationOrder() {
        let state = populatedState()
        var problems: [String] = []
        func walk(_ value: Any, path: String) {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .set { problems.append("\(path): a Set") }
            if mirror.displayStyle == .dictionary {
                for child in mirror.children {
                    let pair = Mirror(reflecting: child.value).children.map(\.value)
                    if let key = pair.first, !(key is String || key is Int || key is RecordKey) { problems.append("\(path): keyed by \(type(of: key))") }
                    if pair.count == 2 { walk(pair[1], path: path + "[]") }
                }
                return
            }
            for child in mirror.children { walk(child.value, path: path + "." + (child.label ?? "[]")) }
        }
        for child in Mirror(reflecting: state).children {
            guard let label = child.label, !CityState.uncodedFields.contains(label) else { continue }
            // CityState's own sets are written sorted.
            if Mirror(reflecting: child.value).displayStyle == .set { continue }
            walk(child.value, path: label)
        }
        XCTAssertEqual(problems, [])
    }

    func testACheckpointMissingAFieldDoesNotDecode() throws {
        // Through JSON, where a field is easy to take out (the conformance is the same).
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(populatedState())) as? [String: Any])
        XCTAssertNoThrow(try JSONDecoder().decode(CityState.self, from: JSONSerialization.data(withJSONObject: object)))
        object["agencies"] = nil
        XCTAssertThrowsError(try JSONDecoder().decode(CityState.self, from: JSONSerialization.data(withJSONObject: object)))
    }
}
