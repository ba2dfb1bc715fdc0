import XCTest
@testable import PantauCore

/// The hand-written readers of the records a checkpoint is mostly made of (``CompactRecord``)
/// and the state's decoding on several threads read exactly what the `Decodable` path reads.
final class CompactRecordTests: XCTestCase, StateEventFactory {
    /// Every change a timeline can hold.
    let changes: [TimelineEntry.Change] = [
        .created, .status("dispatched"), .severity(5), .unit("BPBD-1"), .note("Air 40 cm"), .acknowledged,
        .dispatched("DMK-01"), .unitStatus("DMK-01", .onScene), .disposition("handled"), .mergedInto("INC-2"),
        .mergedFrom("INC-3"), .routed("DLH"),
    ]

    var timeline: BoundedTimeline {
        var t = BoundedTimeline()
        for (k, change) in changes.enumerated() {
            t.append(TimelineEntry(time: at(Double(k)), change: change, by: "siti", from: "INC-7"))
        }
        t.append(TimelineEntry(time: at(99), change: .note("no author, no origin")))
        return t
    }

    var action: ActionRecord { ActionRecord(actionID: "a-1", verb: .acknowledge, by: "siti", time: at(3), summary: "acknowledged") }

    /// A ticket with every field set.
    var fullTicket: Ticket {
        var t = Ticket(id: "T-1", category: "Jalan rusak", title: "Lubang", agency: "Dinas PUPR", status: .inProgress, created: at(0), updatedAt: at(5))
        t.channel = "app"
        t.district = "Ciledug"
        t.address = "Jl. HOS Cokroaminoto"
        t.location = GeoPoint(lat: -6.229_812_345_678_901, lon: 106.712_345_678_901_2)
        t.slaHours = 48.5
        t.timeline = timeline
        t.version = 7
        t.lastAction = action
        t.verifiedBy = "budi"
        t.disposition = "fixed"
        return t
    }

    /// An incident with every field set.
    var fullIncident: Incident {
        var i = Incident(id: "INC-1", category: .fallenTree, severity: 4, title: "Pohon tumbang", status: .onScene, reportedAt: at(0), sequence: 12)
        i.district = "Cipondoh"
        i.address = "Jl. KH Hasyim Ashari"
        i.location = GeoPoint(lat: -6.19, lon: 106.68)
        i.unit = "DMK-01"
        i.agency = "Damkar"
        i.channel = "call"
        i.source = "cad"
        i.expires = at(600)
        i.closedByExpiry = true
        i.updatedAt = at(9)
        i.statusChangedAt = at(8)
        i.timeline = timeline
        i.version = 3
        i.lastAction = action
        i.acknowledgedAt = at(1)
        i.acknowledgedBy = "siti"
        i.dispatchedAt = at(2)
        i.onSceneAt = at(4)
        i.resolvedAt = at(10)
        i.units = ["DMK-01", "BPBD-2"]
        i.disposition = "handled"
        i.duplicateOf = "INC-0"
        i.duplicates = ["INC-5", "INC-6"]
        i.alarmID = "alarm-1"
        i.callerName = "Bu Siti"
        i.callerPhone = "081234567789"
        return i
    }

    /// Nothing in a fixture is nil, so a field a reader does not ask for is in the bytes.
    func assertNoNil(_ value: Any, _ name: String) {
        for child in Mirror(reflecting: value).children {
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional, mirror.children.isEmpty {
                XCTFail("\(name).\(child.label ?? "?") is nil in the fixture: set it, so its reader is tested")
            }
        }
    }

    /// `value` read by its own reader and by its `Decodable` init gives the same bytes again.
    func assertReadsAlike<T: Codable & CompactRecord>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try CompactEncoder.encode(value)
        let bytes = CompactBytes([UInt8](data))
        let fast = try T(compactAt: 0, in: bytes)
        let slow = try CompactDecoder.decode(T.self, from: data)
        XCTAssertEqual(try CompactEncoder.encode(fast), data, "\(T.self) by its reader", file: file, line: line)
        XCTAssertEqual(try CompactEncoder.encode(slow), data, "\(T.self) by Decodable", file: file, line: line)
    }

    func testEveryRecordReadsAsDecodableReadsIt() throws {
        assertNoNil(fullTicket, "Ticket")
        assertNoNil(fullIncident, "Incident")
        try assertReadsAlike(fullTicket)
        try assertReadsAlike(fullIncident)
        try assertReadsAlike(timeline)
        for change in changes { try assertReadsAlike(change) }
        try assertReadsAlike(GeoPoint(lat: -6.2, lon: 106.6))
        let open = OpenTicket(fullTicket)
        assertNoNil(open, "OpenTicket")
        try assertReadsAlike(open)
        try assertReadsAlike(["DLH": ["T-1": open], "PUPR": [:]])
        // The fewest fields: every optional absent.
        try assertReadsAlike(Ticket(id: "T-2", category: "x", title: "", agency: "DLH", status: .open, created: at(0), updatedAt: at(0)))
        try assertReadsAlike(Incident(id: "INC-2", category: .fire, severity: 1, title: "", status: .new, reportedAt: at(0), sequence: 0))
    }

    func testAFieldNoReaderAsksForFailsTheReadRatherThanBeingDropped() throws {
        let data = try CompactEncoder.encode(["lat": -6.2, "lon": 106.6, "zone": 7.0])
        XCTAssertNoThrow(try CompactDecoder.decode(GeoPoint.self, from: data), "Decodable ignores the field")
        XCTAssertThrowsError(try GeoPoint(compactAt: 0, in: CompactBytes([UInt8](data)))) { error in
            XCTAssertTrue("\(error)".contains("unexpected field zone"), "\(error)")
        }
        let early = try CompactEncoder.encode(["aaa": 1.0, "lat": -6.2, "lon": 106.6])
        XCTAssertThrowsError(try GeoPoint(compactAt: 0, in: CompactBytes([UInt8](early))))
        let missing = try CompactEncoder.encode(["lat": -6.2])
        XCTAssertThrowsError(try GeoPoint(compactAt: 0, in: CompactBytes([UInt8](missing))))
    }

    /// Found by the checkpoint fuzzer: a dictionary key that is not UTF-8 was repaired into a
    /// key by the readers, while `Decodable` (which looks each key up by its repaired name)
    /// refused it. Both refuse it now.
    func testADictionaryKeyThatIsNotUTF8IsRefusedBothWays() throws {
        var bytes = [UInt8](try CompactEncoder.encode(["DLH": ["T-1": OpenTicket(fullTicket)]]))
        let key = Array("T-1".utf8)
        let at = try XCTUnwrap((0..<bytes.count - key.count).first { Array(bytes[$0..<$0 + key.count]) == key })
        bytes[at + 1] = 0xE9 // a Latin-1 é where a '-' was
        XCTAssertThrowsError(try CompactDecoder.decode([String: [String: OpenTicket]].self, from: Data(bytes)))
        XCTAssertThrowsError(try [String: [String: OpenTicket]](compactAt: 0, in: CompactBytes(bytes))) { error in
            XCTAssertTrue("\(error)".contains("not UTF-8"), "\(error)")
        }
        var state = CityState()
        state.apply(ticket("T-1", 0) { $0.agency = "DLH" })
        var encoded = [UInt8](try state.canonicalEncoding())
        let first = try XCTUnwrap((0..<encoded.count - key.count).first { Array(encoded[$0..<$0 + key.count]) == key })
        encoded[first + 1] = 0xE9
        XCTAssertThrowsError(try CompactDecoder.decode(CityState.self, from: Data(encoded)))
        XCTAssertThrowsError(try CityState(canonicalEncoding: Data(encoded), lanes: 2))
    }

    func testABadCaseOrStatusIsRefused() throws {
        let badCase = try CompactEncoder.encode(["flooded": [String: String]()])
        XCTAssertThrowsError(try TimelineEntry.Change(compactAt: 0, in: CompactBytes([UInt8](badCase))))
        let twoCases = try CompactEncoder.encode(["created": [String: String](), "acknowledged": [:]])
        XCTAssertThrowsError(try TimelineEntry.Change(compactAt: 0, in: CompactBytes([UInt8](twoCases))))
        let badStatus = try CompactEncoder.encode(["unitStatus": ["_0": "DMK-01", "_1": "asleep"]])
        XCTAssertThrowsError(try TimelineEntry.Change(compactAt: 0, in: CompactBytes([UInt8](badStatus))))
    }

    /// A state big enough for its tickets and incidents to be read in several pieces, on one
    /// thread and on four, reads as the `Decodable` path reads it.
    func testAStateReadOnSeveralThreadsIsTheStateReadOnOne() throws {
        var state = CityState()
        for k in 0..<3000 {
            state.apply(ticket("T-\(k)", Double(k) / 10) { $0.agency = ["DLH", "PUPR", "Dishub"][k % 3]; $0.title = "Keluhan nomor \(k)"; $0.slaHours = 24 })
            state.apply(incident("INC-\(k)", Double(k) / 10) { $0.category = .flood; $0.severity = 1 + k % 5; $0.title = "Genangan \(k)"; $0.note = "catatan \(k)" })
        }
        let data = try state.canonicalEncoding()
        let sizes = Dictionary(uniqueKeysWithValues: try CityState.codedFieldSizes(in: data).map { ($0.name, $0.bytes) })
        XCTAssertGreaterThan(sizes["tickets"] ?? 0, 3 * CompactParallelDecoding.pieceBytes, "the tickets are read in several pieces")
        XCTAssertGreaterThan(sizes["incidents"] ?? 0, 3 * CompactParallelDecoding.pieceBytes, "the incidents are read in several pieces")
        let slow = try CompactDecoder.decode(CityState.self, from: data)
        XCTAssertEqual(try slow.canonicalEncoding(), data)
        for lanes in [1, 2, 4] {
            let fast = try CityState(canonicalEncoding: data, lanes: lanes)
            XCTAssertEqual(try fast.canonicalEncoding(), data, "\(lanes) threads")
            XCTAssertEqual(fast.tickets.count, 3000)
            XCTAssertEqual(fast.openIncidentIDs, state.openIncidentIDs)
        }
    }

    func testDamagedBytesAreAnErrorOnEveryThread() throws {
        var state = CityState()
        for k in 0..<2000 { state.apply(ticket("T-\(k)", Double(k)) { $0.title = "Keluhan \(k)" }) }
        var bytes = [UInt8](try state.canonicalEncoding())
        // A tag no encoding has, on a title deep in the tickets (its tag, its length, its text).
        let title = Array("Keluhan 1000".utf8)
        let at = try XCTUnwrap((0..<bytes.count - title.count).first { Array(bytes[$0..<$0 + title.count]) == title })
        XCTAssertEqual(bytes[at - 2], CompactTag.string.rawValue)
        bytes[at - 2] = 0xEE
        XCTAssertThrowsError(try CityState(canonicalEncoding: Data(bytes), lanes: 4)) { error in
            XCTAssertTrue("\(error)".contains("bad tag"), "\(error)")
        }
        XCTAssertThrowsError(try CityState(canonicalEncoding: Data(bytes.prefix(bytes.count / 2)), lanes: 4))
    }
}
