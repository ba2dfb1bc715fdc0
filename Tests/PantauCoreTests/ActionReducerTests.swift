@testable import PantauCore
import XCTest

/// Actions applied by the store: each verb accepted and rejected with its reason, idempotency,
/// compare-and-set on the version the actor saw, units moving with incidents, merges.
final class ActionReducerTests: XCTestCase, StateEventFactory {
    static let roster = [
        UnitDefinition(id: "DMK-01", name: "Damkar Pos Cipondoh 1", agency: "Damkar", kind: "fire_engine",
                       station: "Pos Cipondoh", location: GeoPoint(lat: -6.19, lon: 106.68)),
        UnitDefinition(id: "DMK-02", name: "Damkar Pos Ciledug 1", agency: "Damkar", kind: "fire_engine",
                       station: "Pos Ciledug", location: GeoPoint(lat: -6.23, lon: 106.71)),
        UnitDefinition(id: "BPBD-01", name: "BPBD Unit 1", agency: "BPBD", kind: "rescue",
                       station: "Kantor BPBD", location: GeoPoint(lat: -6.181, lon: 106.671)),
        UnitDefinition(id: "AMB-01", name: "Ambulans Puskesmas Cipondoh", agency: "Dinkes", kind: "ambulance"),
    ]

    /// Incident INC-7 (fire, severity 3, new, Damkar) and INC-8 (flood) from a feed at 08:00, and the roster.
    func cityWithIncidents() -> CityState {
        var s = CityState()
        s.registerUnits(Self.roster)
        s.apply(incident("INC-7", 0) {
            $0.category = .fire; $0.severity = 3; $0.status = .new; $0.agency = "Damkar"; $0.title = "Kebakaran gudang"
            $0.place.location = GeoPoint(lat: -6.18, lon: 106.67)
        })
        s.apply(incident("INC-8", 1) { $0.category = .flood; $0.severity = 4; $0.status = .acknowledged })
        return s
    }

    @discardableResult
    func apply(_ s: inout CityState, _ e: FeedEvent, file: StaticString = #filePath, line: UInt = #line) -> ActionOutcome? {
        s.apply(e)
        guard case .action(let a) = e.payload else { return nil }
        return s.actionOutcomes[a.actionID]
    }

    func assertRejected(_ s: inout CityState, _ e: FeedEvent, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        let versions = s.incidents.mapValues(\.version)
        let outcome = apply(&s, e)
        XCTAssertEqual(outcome, .rejected(reason: reason), file: file, line: line)
        XCTAssertEqual(s.incidents.mapValues(\.version), versions, "a rejected action changes no record", file: file, line: line)
    }

    func testTheRoleIsCheckedFirstAndSaysWhichRoleItNeeds() {
        var s = cityWithIncidents()
        assertRejected(&s, action("a1", .dispatch, "INC-7", 2, by: "siti", role: .operator) { $0.unit = "DMK-01" },
                       "dispatch needs the supervisor role")
        assertRejected(&s, action("a2", .note, "INC-7", 2, by: "wall", role: .viewer) { $0.note = "x" },
                       "note needs the operator role")
        assertRejected(&s, action("a3", .acknowledge, "INC-404", 2, role: .viewer), "acknowledge needs the operator role")
        XCTAssertEqual(s.units["DMK-01"]?.status, .available)
        XCTAssertEqual(apply(&s, action("a4", .acknowledge, "INC-7", 2, by: "siti", role: .operator)), .accepted)
    }

    func testTheTargetMustExistAndACreatedOneMustNot() {
        var s = cityWithIncidents()
        s.apply(ticket("LAKSA-1", 0) { $0.agency = "Dinas PUPR" })
        assertRejected(&s, action("a1", .acknowledge, "INC-404", 2), "no incident INC-404")
        assertRejected(&s, action("a2", .ticketVerify, "LAKSA-404", 2), "no ticket LAKSA-404")
        assertRejected(&s, action("a3", .unitStatus, "DMK-99", 2) { $0.unitStatus = .enRoute }, "no unit DMK-99")
        assertRejected(&s, action("a4", .create, "INC-7", 2) { $0.category = .fire }, "INC-7 already exists")
        assertRejected(&s, action("a5", .dispatch, "INC-7", 2) { $0.unit = "DMK-99" }, "no unit DMK-99")
        assertRejected(&s, action("a6", .dispatch, "INC-7", 2), "dispatch needs a unit")
    }

    func testAcknowledgeOnlyANewIncident() throws {
        var s = cityWithIncidents()
        XCTAssertEqual(apply(&s, action("a1", .acknowledge, "INC-7", 5, by: "siti", role: .operator)), .accepted)
        let inc = try XCTUnwrap(s.incidents["INC-7"])
        XCTAssertEqual(inc.status, .acknowledged)
        XCTAssertEqual(inc.acknowledgedBy, "siti")
        XCTAssertEqual(inc.acknowledgedAt, at(5))
        XCTAssertEqual(inc.version, 1)
        XCTAssertEqual(inc.lastAction?.text, "siti acknowledged at 08:05")
        XCTAssertEqual(inc.timeline.entries.suffix(2).map(\.text), ["status → acknowledged · siti", "acknowledged · siti"])
        assertRejected(&s, action("a2", .acknowledge, "INC-7", 6, by: "rudi", role: .operator),
                       "already acknowledged by siti at 08:05")
        assertRejected(&s, action("a3", .acknowledge, "INC-8", 6), "INC-8 is already acknowledged")
        XCTAssertEqual(apply(&s, action("a4", .close, "INC-8", 7)), .accepted)
        assertRejected(&s, action("a5", .acknowledge, "INC-8", 8), "INC-8 is closed")
    }

    func testAnActionAppliedTwiceChangesNothingTheSecondTime() {
        var s = cityWithIncidents()
        let ack = action("once", .acknowledge, "INC-7", 5, by: "siti", role: .operator)
        s.apply(ack)
        let count = s.eventCount, version = s.version, clock = s.clock
        let timeline = s.incidents["INC-7"]!.timeline
        // The same id later (a redelivery, a journal replayed over a checkpoint holding it).
        s.apply(action("once", .acknowledge, "INC-7", 50, by: "siti", role: .operator))
        XCTAssertEqual(s.eventCount, count)
        XCTAssertEqual(s.version, version)
        XCTAssertEqual(s.clock, clock)
        XCTAssertEqual(s.incidents["INC-7"]!.timeline, timeline)
        XCTAssertEqual(s.incidents["INC-7"]!.version, 1)
        XCTAssertEqual(s.actionOutcomes["once"], .accepted)
        // A rejected one too: its outcome stays, and a retry needs a new id.
        s.apply(action("no", .dispatch, "INC-7", 6, role: .operator) { $0.unit = "DMK-01" })
        let afterReject = s.eventCount
        s.apply(action("no", .dispatch, "INC-7", 7) { $0.unit = "DMK-01" })
        XCTAssertEqual(s.eventCount, afterReject)
        XCTAssertEqual(s.actionOutcomes["no"], .rejected(reason: "dispatch needs the supervisor role"))
        XCTAssertEqual(s.units["DMK-01"]?.status, .available)
    }

    func testDecidingVerbsCompareTheVersionTheActorSaw() {
        var s = cityWithIncidents()
        XCTAssertEqual(apply(&s, action("a1", .dispatch, "INC-7", 42, by: "budi", seen: 0) { $0.unit = "DMK-02" }), .accepted)
        // Siti looked before the dispatch.
        assertRejected(&s, action("a2", .escalate, "INC-7", 43, by: "siti", seen: 0),
                       "INC-7 changed since you looked: budi dispatched DMK-02 at 08:42")
        assertRejected(&s, action("a3", .resolve, "INC-7", 43, by: "siti", seen: 0) { $0.disposition = "handled" },
                       "INC-7 changed since you looked: budi dispatched DMK-02 at 08:42")
        // A note and an acknowledgement do not compare.
        XCTAssertEqual(apply(&s, action("a4", .note, "INC-7", 44, by: "siti", role: .operator, seen: 0) { $0.note = "Air habis" }), .accepted)
        // With the version she now sees, or none, it goes through.
        assertRejected(&s, action("a5", .escalate, "INC-7", 45, by: "siti", seen: 1),
                       "INC-7 changed since you looked: siti added a note at 08:44")
        XCTAssertEqual(apply(&s, action("a6", .escalate, "INC-7", 45, by: "siti", seen: 2)), .accepted)
        XCTAssertEqual(apply(&s, action("a7", .escalate, "INC-7", 46, by: "siti")), .accepted)
        XCTAssertEqual(s.incidents["INC-7"]?.severity, 5)
        XCTAssertEqual(s.incidents["INC-7"]?.version, 4)
        // Feed updates do not move the version.
        s.apply(incident("INC-7", 47) { $0.note = "Update dari lapangan" })
        XCTAssertEqual(s.incidents["INC-7"]?.version, 4)
    }

    func testAUnitGoesOutAndComesBackWithItsIncident() throws {
        var s = cityWithIncidents()
        XCTAssertEqual(apply(&s, action("d1", .dispatch, "INC-7", 3) { $0.unit = "DMK-01" }), .accepted)
        var inc = try XCTUnwrap(s.incidents["INC-7"])
        XCTAssertEqual(inc.status, .dispatched)
        XCTAssertEqual(inc.units, ["DMK-01"])
        XCTAssertEqual(inc.dispatchedAt, at(3))
        XCTAssertEqual(inc.acknowledgedAt, at(3), "dispatching a new incident acknowledges it too")
        XCTAssertEqual(s.units["DMK-01"], UnitState(definition: Self.roster[0], status: .dispatched, incidentID: "INC-7", since: at(3)))
        assertRejected(&s, action("d2", .dispatch, "INC-8", 4) { $0.unit = "DMK-01" }, "DMK-01 is on INC-7")
        assertRejected(&s, action("d3", .dispatch, "INC-7", 4) { $0.unit = "DMK-01" }, "DMK-01 is already on INC-7")
        assertRejected(&s, action("u0", .unitStatus, "DMK-01", 4) { $0.unitStatus = .dispatched },
                       "a unit is dispatched to an incident with dispatch")
        assertRejected(&s, action("u1", .unitStatus, "DMK-02", 4) { $0.unitStatus = .enRoute }, "DMK-02 is not on an incident")
        XCTAssertEqual(apply(&s, action("u2", .unitStatus, "DMK-01", 5, by: "siti", role: .operator) { $0.unitStatus = .enRoute }), .accepted)
        XCTAssertEqual(s.incidents["INC-7"]?.status, .dispatched)
        assertRejected(&s, action("u3", .unitStatus, "DMK-01", 6) { $0.unitStatus = .enRoute }, "DMK-01 is already en_route")
        XCTAssertEqual(apply(&s, action("u4", .unitStatus, "DMK-01", 12, by: "siti", role: .operator) { $0.unitStatus = .onScene }), .accepted)
        inc = try XCTUnwrap(s.incidents["INC-7"])
        XCTAssertEqual(inc.status, .onScene)
        XCTAssertEqual(inc.onSceneAt, at(12))
        XCTAssertEqual(inc.version, 3, "the unit's moves are changes to its incident")
        XCTAssertEqual(s.units["DMK-01"]?.since, at(12))
        XCTAssertEqual(inc.timeline.entries.suffix(2).map(\.text), ["DMK-01 → on_scene · siti", "status → on_scene · siti"])
        // A second unit, then one goes out of service: it leaves the incident.
        XCTAssertEqual(apply(&s, action("d4", .dispatch, "INC-7", 13) { $0.unit = "BPBD-01" }), .accepted)
        XCTAssertEqual(s.incidents["INC-7"]?.units, ["DMK-01", "BPBD-01"])
        XCTAssertEqual(s.incidents["INC-7"]?.status, .onScene, "a later dispatch does not move it back")
        XCTAssertEqual(apply(&s, action("u5", .unitStatus, "BPBD-01", 14) { $0.unitStatus = .outOfService }), .accepted)
        XCTAssertEqual(s.incidents["INC-7"]?.units, ["DMK-01"])
        XCTAssertNil(s.units["BPBD-01"]?.incidentID)
        assertRejected(&s, action("d5", .dispatch, "INC-8", 15) { $0.unit = "BPBD-01" }, "BPBD-01 is out of service")
        XCTAssertEqual(s.units(withStatus: .onScene).map(\.id), ["DMK-01"])
        XCTAssertEqual(s.units(withStatus: .available).map(\.id), ["AMB-01", "DMK-02"])
        // Resolving frees the rest.
        XCTAssertEqual(apply(&s, action("r1", .resolve, "INC-7", 30) { $0.disposition = "handled" }), .accepted)
        XCTAssertEqual(s.units["DMK-01"]?.status, .available)
        XCTAssertNil(s.units["DMK-01"]?.incidentID)
        XCTAssertEqual(s.incidents["INC-7"]?.units, [])
        assertRejected(&s, action("d6", .dispatch, "INC-7", 31) { $0.unit = "DMK-01" }, "INC-7 is resolved")
    }

    func testEscalateAndDeescalateStayWithinOneToFive() {
        var s = cityWithIncidents()
        XCTAssertEqual(apply(&s, action("e1", .escalate, "INC-7", 2)), .accepted)
        XCTAssertEqual(s.incidents["INC-7"]?.severity, 4)
        XCTAssertEqual(s.openIncidentCountsBySeverity(), [0, 0, 0, 0, 2, 0])
        XCTAssertEqual(apply(&s, action("e2", .escalate, "INC-7", 3) { $0.severity = 5 }), .accepted)
        assertRejected(&s, action("e3", .escalate, "INC-7", 4), "INC-7 is already at severity 5")
        assertRejected(&s, action("e4", .deescalate, "INC-7", 4) { $0.severity = 5 }, "deescalate needs a severity below 5")
        XCTAssertEqual(apply(&s, action("e5", .deescalate, "INC-7", 5) { $0.severity = 1 }), .accepted)
        assertRejected(&s, action("e6", .deescalate, "INC-7", 6), "INC-7 is already at severity 1")
        assertRejected(&s, action("e7", .escalate, "INC-7", 6) { $0.severity = 1 }, "escalate needs a severity above 1")
        XCTAssertEqual(s.openIncidents(limit: 5).map(\.id), ["INC-8", "INC-7"])
        XCTAssertEqual(s.incidents["INC-7"]?.timeline.entries.suffix(3).map(\.text),
                       ["severity → 4 · budi", "severity → 5 · budi", "severity → 1 · budi"])
    }

    func testNoteResolveCloseAndReopen() throws {
        var s = cityWithIncidents()
        assertRejected(&s, action("n0", .note, "INC-7", 2) { $0.note = "  " }, "note needs text")
        XCTAssertEqual(apply(&s, action("n1", .note, "INC-7", 2, by: "siti", role: .operator) { $0.note = "Warga: api dari lantai 2 — 🔥" }), .accepted)
        XCTAssertEqual(s.incidents["INC-7"]?.notes.last?.text, "note: Warga: api dari lantai 2 — 🔥 · siti")
        assertRejected(&s, action("r0", .resolve, "INC-7", 3), "resolve needs a disposition")
        XCTAssertEqual(apply(&s, action("r1", .resolve, "INC-7", 4) { $0.disposition = "false_alarm"; $0.note = "Asap bakar sampah" }), .accepted)
        var inc = try XCTUnwrap(s.incidents["INC-7"])
        XCTAssertEqual(inc.status, .resolved)
        XCTAssertEqual(inc.disposition, "false_alarm")
        XCTAssertEqual(inc.resolvedAt, at(4))
        XCTAssertEqual(inc.timeline.entries.suffix(3).map(\.text),
                       ["disposition: false_alarm · budi", "status → resolved · budi", "note: Asap bakar sampah · budi"])
        assertRejected(&s, action("r2", .resolve, "INC-7", 5) { $0.disposition = "handled" }, "INC-7 is resolved")
        XCTAssertFalse(s.openIncidentIDs.contains("INC-7"))
        XCTAssertEqual(apply(&s, action("c1", .close, "INC-7", 6)), .accepted)
        assertRejected(&s, action("c2", .close, "INC-7", 7), "INC-7 is already closed")
        XCTAssertEqual(s.incidents["INC-7"]?.resolvedAt, at(4), "when it first finished")
        assertRejected(&s, action("o0", .reopen, "INC-8", 7), "INC-8 is open (acknowledged)")
        XCTAssertEqual(apply(&s, action("o1", .reopen, "INC-7", 8)), .accepted)
        inc = try XCTUnwrap(s.incidents["INC-7"])
        XCTAssertEqual(inc.status, .acknowledged)
        XCTAssertNil(inc.resolvedAt)
        XCTAssertNil(inc.disposition)
        XCTAssertTrue(s.openIncidentIDs.contains("INC-7"))
        XCTAssertNil(s.finishedIncidents["INC-7"])
        // Closing an open incident outright is allowed (no disposition needed).
        XCTAssertEqual(apply(&s, action("c3", .close, "INC-8", 9)), .accepted)
        XCTAssertEqual(s.incidents["INC-8"]?.status, .closed)
    }

    func testAMergedDuplicateClosesIntoThePrimaryWithItsTimeline() throws {
        var s = cityWithIncidents()
        s.apply(incident("INC-9", 3) { $0.category = .fire; $0.severity = 3; $0.title = "Asap di gudang" })
        XCTAssertEqual(apply(&s, action("d1", .dispatch, "INC-9", 4) { $0.unit = "DMK-02" }), .accepted)
        XCTAssertEqual(apply(&s, action("n1", .note, "INC-7", 5, by: "siti", role: .operator) { $0.note = "Penelepon kedua" }), .accepted)
        assertRejected(&s, action("m0", .merge, "INC-9", 6), "merge needs the incident it duplicates")
        assertRejected(&s, action("m1", .merge, "INC-9", 6) { $0.duplicateOf = "INC-9" }, "INC-9 cannot duplicate itself")
        assertRejected(&s, action("m2", .merge, "INC-9", 6) { $0.duplicateOf = "INC-404" }, "no incident INC-404")
        XCTAssertEqual(apply(&s, action("m3", .merge, "INC-9", 7, seen: 1) { $0.duplicateOf = "INC-7" }), .accepted)
        let dup = try XCTUnwrap(s.incidents["INC-9"])
        XCTAssertEqual(dup.status, .closed)
        XCTAssertEqual(dup.disposition, "duplicate")
        XCTAssertEqual(dup.duplicateOf, "INC-7")
        XCTAssertEqual(dup.units, [])
        XCTAssertEqual(s.units["DMK-02"]?.status, .available)
        let primary = try XCTUnwrap(s.incidents["INC-7"])
        XCTAssertEqual(primary.duplicates, ["INC-9"])
        XCTAssertEqual(primary.version, 2)
        XCTAssertEqual(primary.lastAction?.text, "budi merged INC-9 into INC-7 at 08:07")
        XCTAssertEqual(primary.timeline.entries.map(\.text), [
            "reported",
            "[INC-9] reported",
            "[INC-9] dispatched DMK-02 · budi",
            "[INC-9] status → dispatched · budi",
            "note: Penelepon kedua · siti",
            "INC-9 merged in as a duplicate · budi",
        ], "in time order, the duplicate's marked")
        XCTAssertEqual(primary.timeline.entries.map(\.time), primary.timeline.entries.map(\.time).sorted())
        assertRejected(&s, action("m4", .merge, "INC-9", 8) { $0.duplicateOf = "INC-8" }, "INC-9 was merged into INC-7")
        assertRejected(&s, action("m5", .merge, "INC-8", 8) { $0.duplicateOf = "INC-9" }, "INC-9 was merged into INC-7")
        assertRejected(&s, action("o1", .reopen, "INC-9", 8), "INC-9 was merged into INC-7")
    }

    func testAMergeKeepsTheTimelineBounded() {
        var s = cityWithIncidents()
        for n in 0..<100 {
            s.apply(action("a\(n)", .note, n % 2 == 0 ? "INC-7" : "INC-8", 2 + Double(n)) { $0.note = "catatan \(n)" })
        }
        XCTAssertEqual(apply(&s, action("m", .merge, "INC-8", 200) { $0.duplicateOf = "INC-7" }), .accepted)
        let timeline = s.incidents["INC-7"]!.timeline
        XCTAssertEqual(timeline.entries.count, BoundedTimeline.capacity)
        XCTAssertEqual(timeline.entries.first?.text, "reported")
        XCTAssertEqual(timeline.entries.last?.text, "INC-8 merged in as a duplicate · budi")
        XCTAssertEqual(timeline.entries.dropLast().last?.text, "[INC-8] note: catatan 99 · budi")
        XCTAssertEqual(timeline.dropped + timeline.entries.count, (1 + 50 + 1) + (1 + 50),
                       "its own (reported, 50 notes, merged in) and the duplicate's as it was (reported, 50 notes)")
    }

    func testCreateFromACallKeepsTheCallerOnTheRecord() throws {
        var s = cityWithIncidents()
        assertRejected(&s, action("c0", .create, "INC-C-1", 10, by: "wall", role: .viewer), "create needs the operator role")
        XCTAssertNil(s.incidents["INC-C-1"])
        XCTAssertEqual(apply(&s, action("c1", .create, "INC-C-1", 10, by: "siti", role: .operator) {
            $0.category = .fire; $0.severity = 4; $0.title = "Kebakaran rumah"; $0.district = "Cipondoh"
            $0.address = "Jl. Melati No. 12 RT 03/RW 05"; $0.callerName = "Bu Siti Aminah"; $0.callerPhone = "081234567789"
        }), .accepted)
        let inc = try XCTUnwrap(s.incidents["INC-C-1"])
        XCTAssertEqual(inc.status, .new)
        XCTAssertEqual(inc.category, .fire)
        XCTAssertEqual(inc.severity, 4)
        XCTAssertEqual(inc.channel, "112")
        XCTAssertEqual(inc.district, "Cipondoh")
        XCTAssertEqual(inc.callerName, "Bu Siti Aminah")
        XCTAssertEqual(inc.callerPhone, "081234567789")
        XCTAssertEqual(inc.version, 1)
        XCTAssertEqual(inc.reportedAt, at(10))
        XCTAssertEqual(inc.timeline.entries.map(\.text), ["reported · siti"])
        XCTAssertEqual(s.openIncidents(limit: 5).map(\.id), ["INC-8", "INC-C-1", "INC-7"])
        XCTAssertEqual(s.incidentSequence, 3)
        // Untitled, uncategorised: still a record people can act on.
        XCTAssertEqual(apply(&s, action("c2", .create, "INC-C-2", 11, by: "siti", role: .operator)), .accepted)
        XCTAssertEqual(s.incidents["INC-C-2"]?.title, "other call")
        XCTAssertEqual(s.incidents["INC-C-2"]?.severity, 3)
    }

    func testTicketVerbs() throws {
        var s = cityWithIncidents()
        s.apply(ticket("LAKSA-1", 0) { $0.agency = "Dinas PUPR"; $0.slaHours = 72; $0.status = .open })
        s.apply(ticket("LAKSA-2", 0) { $0.agency = "Dinas PUPR"; $0.status = .open })
        XCTAssertEqual(apply(&s, action("v1", .ticketVerify, "LAKSA-1", 1, by: "siti", role: .operator)), .accepted)
        XCTAssertEqual(s.tickets["LAKSA-1"]?.status, .verified)
        XCTAssertEqual(s.tickets["LAKSA-1"]?.verifiedBy, "siti")
        assertRejected(&s, action("v2", .ticketVerify, "LAKSA-1", 2, role: .operator), "LAKSA-1 is verified")
        assertRejected(&s, action("r0", .ticketRoute, "LAKSA-1", 2, role: .operator) { $0.agency = "DLH" },
                       "ticket_route needs the supervisor role")
        assertRejected(&s, action("r1", .ticketRoute, "LAKSA-1", 2) { $0.agency = "Dinas PUPR" }, "LAKSA-1 is already with Dinas PUPR")
        assertRejected(&s, action("r2", .ticketRoute, "LAKSA-1", 2, seen: 0) { $0.agency = "DLH" },
                       "LAKSA-1 changed since you looked: siti verified at 08:01")
        XCTAssertEqual(apply(&s, action("r3", .ticketRoute, "LAKSA-1", 3, seen: 1) { $0.agency = "DLH" }), .accepted)
        XCTAssertEqual(s.openTickets(agency: "DLH", limit: 5, at: at(3)).map(\.id), ["LAKSA-1"])
        XCTAssertEqual(s.openTickets(agency: "Dinas PUPR", limit: 5, at: at(3)).map(\.id), ["LAKSA-2"])
        XCTAssertEqual(s.tickets["LAKSA-1"]?.timeline.entries.last?.text, "routed to DLH · budi")
        assertRejected(&s, action("n0", .ticketNote, "LAKSA-1", 4, role: .operator), "ticket_note needs text")
        XCTAssertEqual(apply(&s, action("n1", .ticketNote, "LAKSA-1", 4, role: .operator) { $0.note = "Sudah dicek" }), .accepted)
        assertRejected(&s, action("s0", .ticketResolve, "LAKSA-1", 5), "ticket_resolve needs a disposition")
        XCTAssertEqual(apply(&s, action("s1", .ticketResolve, "LAKSA-1", 5) { $0.disposition = "handled" }), .accepted)
        XCTAssertEqual(s.tickets["LAKSA-1"]?.status, .resolved)
        XCTAssertEqual(s.tickets["LAKSA-1"]?.disposition, "handled")
        XCTAssertEqual(s.tickets["LAKSA-1"]?.version, 4)
        assertRejected(&s, action("s2", .ticketReject, "LAKSA-1", 6) { $0.note = "x" }, "LAKSA-1 is resolved")
        assertRejected(&s, action("j0", .ticketReject, "LAKSA-2", 6), "ticket_reject needs a reason")
        XCTAssertEqual(apply(&s, action("j1", .ticketReject, "LAKSA-2", 6) { $0.note = "Bukan wewenang kota" }), .accepted)
        XCTAssertEqual(s.tickets["LAKSA-2"]?.status, .rejected)
        XCTAssertEqual(s.tickets["LAKSA-2"]?.timeline.entries.suffix(2).map(\.text),
                       ["status → rejected · budi", "note: Bukan wewenang kota · budi"])
        XCTAssertEqual(s.ticketTotals(at: at(6)).open, 0)
        XCTAssertNotNil(s.finishedTickets["LAKSA-2"])
    }

    func testFeedUpdatesKeepWorkingAndAFeedThatFinishesAnIncidentFreesItsUnits() {
        var s = cityWithIncidents()
        XCTAssertEqual(apply(&s, action("d1", .dispatch, "INC-7", 2) { $0.unit = "DMK-01" }), .accepted)
        s.apply(incident("INC-7", 3) { $0.status = .onScene; $0.unit = "Damkar Pos Cipondoh" })
        XCTAssertEqual(s.incidents["INC-7"]?.status, .onScene)
        XCTAssertEqual(s.incidents["INC-7"]?.onSceneAt, at(3), "a feed status stamps the response time too")
        XCTAssertEqual(s.units["DMK-01"]?.status, .dispatched, "the feed does not move roster units")
        s.apply(incident("INC-7", 9) { $0.status = .resolved })
        XCTAssertEqual(s.units["DMK-01"]?.status, .available)
        XCTAssertEqual(s.incidents["INC-7"]?.units, [])
        XCTAssertEqual(s.incidents["INC-7"]?.resolvedAt, at(9))
    }

    func testTheDispatchPickerOffersTheAgencysAvailableUnitsFirstNearestFirst() throws {
        var s = cityWithIncidents()
        XCTAssertEqual(s.dispatchCandidates(for: "INC-7").map(\.unit.id), ["DMK-01", "DMK-02", "BPBD-01", "AMB-01"],
                       "Damkar first, nearest first; then the nearest other; then one with no station place")
        XCTAssertEqual(apply(&s, action("d1", .dispatch, "INC-8", 2) { $0.unit = "DMK-01" }), .accepted)
        let candidates = s.dispatchCandidates(for: "INC-7")
        XCTAssertEqual(candidates.map(\.unit.id), ["DMK-02", "BPBD-01", "AMB-01", "DMK-01"], "a busy unit last")
        XCTAssertEqual(candidates.map(\.isAvailable), [true, true, true, false])
        XCTAssertEqual(try XCTUnwrap(candidates[0].distanceMeters), 7104, accuracy: 1)
        XCTAssertNil(candidates[2].distanceMeters)
        XCTAssertEqual(s.availableUnits(for: "INC-7").map(\.id), ["DMK-02", "BPBD-01", "AMB-01"])
        XCTAssertEqual(s.availableUnits(for: "INC-404").map(\.id), [])
        XCTAssertTrue(CityState.sameAgency("Dinas Perhubungan", "Dishub"))
        XCTAssertTrue(CityState.sameAgency("Dinas PUPR", "PUPR"))
        XCTAssertFalse(CityState.sameAgency("BPBD", "Damkar"))
        XCTAssertFalse(CityState.sameAgency(nil, "Damkar"))
        // Registering the roster again keeps where units are.
        s.registerUnits(Self.roster)
        XCTAssertEqual(s.units["DMK-01"]?.incidentID, "INC-8")
    }
}
