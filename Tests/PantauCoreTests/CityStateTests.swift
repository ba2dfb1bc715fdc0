import PantauCore
import PantauTestSupport
import XCTest

final class CityStateTests: XCTestCase, StateEventFactory {
    func testIncidentsAreCreatedThenMergedWithATimeline() throws {
        var s = CityState()
        s.apply(incident("A", 0) { $0.category = .flood; $0.severity = 3; $0.title = "Genangan"; $0.status = .new; $0.place.district = "Periuk" })
        s.apply(incident("A", 5) { $0.status = .dispatched; $0.unit = "BPBD Unit 2"; $0.note = "Perahu karet dikirim" })
        s.apply(incident("A", 9) { $0.severity = 4 })
        let a = try XCTUnwrap(s.incidents["A"])
        XCTAssertEqual(a.category, .flood)
        XCTAssertEqual(a.title, "Genangan", "fields an update leaves out stay")
        XCTAssertEqual(a.district, "Periuk")
        XCTAssertEqual(a.status, .dispatched)
        XCTAssertEqual(a.severity, 4)
        XCTAssertEqual(a.unit, "BPBD Unit 2")
        XCTAssertEqual(a.timeline.entries.map(\.text),
                       ["reported", "status → dispatched", "unit → BPBD Unit 2", "note: Perahu karet dikirim", "severity → 4"])
        XCTAssertEqual(a.timeline.entries[1].time, at(5))
        XCTAssertEqual(s.clock, at(9))
        XCTAssertEqual(s.openIncidentIDs, ["A"])
    }

    func testSeverityOutOfRangeIsKeptWithinOneToFive() throws {
        // Found by the render fuzzer: a severity of -1 reached the incidents pane, which draws
        // `severity` marks (String(repeating:count:) trapped on a negative count).
        var s = CityState()
        s.apply(incident("A", 0) { $0.severity = -1 })
        s.apply(incident("B", 0) { $0.severity = Int.max })
        XCTAssertEqual(try XCTUnwrap(s.incidents["A"]).severity, 1)
        XCTAssertEqual(try XCTUnwrap(s.incidents["B"]).severity, 5)
        s.apply(incident("A", 1) { $0.severity = 9 })
        s.apply(incident("B", 1) { $0.severity = Int.min })
        XCTAssertEqual(try XCTUnwrap(s.incidents["A"]).severity, 5)
        XCTAssertEqual(try XCTUnwrap(s.incidents["B"]).severity, 1)
    }

    func testStatusMayOnlyGoBackToAcknowledged() throws {
        var s = CityState()
        s.apply(incident("A", 0) { $0.status = .onScene })
        s.apply(incident("A", 1) { $0.status = .new })
        XCTAssertEqual(s.incidents["A"]?.status, .onScene)
        XCTAssertEqual(s.refusedTransitions, 1)
        s.apply(incident("A", 2) { $0.status = .resolved })
        XCTAssertFalse(s.openIncidentIDs.contains("A"))
        s.apply(incident("A", 3) { $0.status = .acknowledged })
        XCTAssertEqual(s.incidents["A"]?.status, .acknowledged, "re-opened")
        XCTAssertTrue(s.openIncidentIDs.contains("A"))
    }

    func testTheSameRecordTwiceDoesNotAddTwice() {
        var s = CityState()
        let e = incident("A", 1) { $0.status = .acknowledged; $0.note = "cek lokasi" }
        s.apply(incident("A", 0) { $0.status = .new })
        s.apply(e)
        s.apply(e)
        XCTAssertEqual(s.incidents["A"]?.timeline.entries.count, 3)
    }

    func testOpenIncidentsBySeverityThenAge() {
        var s = CityState()
        s.apply(incident("old-minor", 0) { $0.severity = 2 })
        s.apply(incident("new-major", 5) { $0.severity = 5 })
        s.apply(incident("old-major", 1) { $0.severity = 5 })
        s.apply(incident("closed", 2) { $0.severity = 5; $0.status = .closed })
        XCTAssertEqual(s.openIncidents(limit: 10).map(\.id), ["old-major", "new-major", "old-minor"])
        XCTAssertEqual(s.openIncidents(limit: 1).map(\.id), ["old-major"])
        XCTAssertEqual(s.openIncidentCountsBySeverity()[5], 2)
    }

    func testTrafficReplacesStateAndRanksWorstFirst() {
        var s = CityState()
        for (i, jam) in [1, 4, 2, 4].enumerated() {
            var u = TrafficUpdate(segment: "s\(i)", road: "Road \(i)")
            u.jamLevel = jam
            u.delaySeconds = Double(i * 10)
            s.apply(FeedEvent(time: at(0), payload: .traffic(u)))
        }
        XCTAssertEqual(s.worstSegments(limit: 3).map(\.id), ["s3", "s1", "s2"])
        var u = TrafficUpdate(segment: "s3", road: "Road 3")
        u.jamLevel = 0
        s.apply(FeedEvent(time: at(5), payload: .traffic(u)))
        XCTAssertEqual(s.segments["s3"]?.jamLevel, 0)
        XCTAssertEqual(s.segments["s3"]?.delaySeconds, 30, "fields left out stay")
        XCTAssertEqual(s.worstSegments(limit: 1).map(\.id), ["s1"])
    }

    func testSensorHistoryIsBounded() {
        var s = CityState()
        for i in 0..<200 {
            var r = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: Double(i))
            r.name = "Pintu Air Sepuluh"
            s.apply(FeedEvent(time: at(Double(i)), payload: .sensor(r)))
        }
        let st = s.stations["pa-sepuluh"]!
        XCTAssertEqual(st.value, 199)
        XCTAssertEqual(st.history.count, ReadingHistory.capacity)
        XCTAssertEqual(st.history.recent.last, 199)
        XCTAssertEqual(st.history.recent.first, Double(200 - ReadingHistory.capacity))
        XCTAssertEqual(st.unit, "cm", "the kind's unit when none is sent")
    }

    func testTicketQueuesPerAgencyWithOverdueCounts() {
        var s = CityState()
        func ticket(_ id: String, _ agency: String, _ minutes: Double, sla: Double?, status: TicketStatus? = nil) {
            var u = TicketUpdate(id: id)
            u.agency = agency
            u.slaHours = sla
            u.status = status
            s.apply(FeedEvent(time: at(minutes), payload: .ticket(u)))
        }
        ticket("T1", "Dinas PUPR", 0, sla: 1)
        ticket("T2", "Dinas PUPR", 10, sla: 72)
        ticket("T3", "DLH", 20, sla: 1)
        ticket("T3", "DLH", 30, sla: nil, status: .resolved)
        ticket("T4", "BPBD", 200, sla: 24)
        let now = at(200)
        let queues = s.agencyQueues(at: now)
        XCTAssertEqual(queues.first?.agency, "Dinas PUPR")
        XCTAssertEqual(queues.first?.open, 2)
        XCTAssertEqual(queues.first?.overdue, 1)
        XCTAssertEqual(queues.first(where: { $0.agency == "DLH" })?.open, 0, "a drained queue still shows")
        XCTAssertEqual(s.openTickets(agency: "Dinas PUPR", limit: 5, at: now).map(\.id), ["T1", "T2"])
        XCTAssertEqual(s.ticketTotals(at: now).overdue, 1)
    }

    /// A state with one Dinas PUPR ticket, T1, created at minute 0 with a 2 h SLA.
    func stateWithATwoHourTicket() -> CityState {
        var s = CityState()
        var u = TicketUpdate(id: "T1")
        u.agency = "Dinas PUPR"
        u.slaHours = 2
        s.apply(FeedEvent(time: at(0), payload: .ticket(u)))
        return s
    }

    func testOverdueGrowsWithNowAndNotWithEvents() {
        let s = stateWithATwoHourTicket()
        // No event after it: the ticket becomes overdue because now moves past its SLA.
        XCTAssertEqual(s.ticketTotals(at: at(119)).overdue, 0)
        XCTAssertEqual(s.ticketTotals(at: at(121)).overdue, 1)
        XCTAssertEqual(s.agencyQueues(at: at(121)).first?.overdue, 1)
    }

    func testAnEventStampedAheadDoesNotMakeATicketOverdue() {
        var s = stateWithATwoHourTicket()
        // A reading from a gauge whose clock runs five hours ahead.
        s.apply(FeedEvent(time: at(5 * 60 + 10), source: "gauge", payload: .sensor(SensorReading(station: "g", sensor: .waterLevel, value: 100))))
        XCTAssertEqual(s.clock, at(5 * 60 + 10), "the latest event time is kept as such")
        let now = at(10)
        XCTAssertEqual(s.ticketTotals(at: now).overdue, 0, "overdue is measured from now, not from the newest event")
        XCTAssertEqual(s.agencyQueues(at: now).first?.overdue, 0)
        XCTAssertEqual(s.openTickets(agency: "Dinas PUPR", limit: 5, at: now).map(\.id), ["T1"])
    }

    func testNearbyIsWithinRadiusNearestFirst() {
        var s = CityState()
        let centre = GeoPoint(lat: -6.167, lon: 106.594)
        for (id, dLat) in [("far", 0.05), ("near", 0.002), ("mid", 0.01)] {
            var r = SensorReading(station: id, sensor: .rainfall, value: 1)
            r.place.location = GeoPoint(lat: centre.lat + dLat, lon: centre.lon)
            s.apply(FeedEvent(time: at(0), payload: .sensor(r)))
        }
        let items = s.nearby(centre)
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items.map { if case .station(let st) = $0.thing { return st.stationID } else { return "" } }, ["near", "mid"])
        XCTAssertEqual(items[0].meters, 222, accuracy: 2)
    }

    func testFinishedRecordsAreLetGoAfterRetention() {
        var s = CityState()
        s.applyPlayed(incident("done", 0) { $0.status = .closed })
        s.applyPlayed(incident("open", 0) { $0.status = .new })
        s.applyPlayed(incident("later", 26 * 60) { $0.status = .new })
        s.applyPlayed(incident("later", 28 * 60) { $0.status = .acknowledged })
        XCTAssertNil(s.incidents["done"])
        XCTAssertNotNil(s.incidents["open"])
        XCTAssertEqual(s.evictedCount, 1)
    }

    func testAnEventStampedAheadDoesNotLetFinishedRecordsGo() {
        var s = CityState()
        s.apply(incident("done", 0) { $0.status = .closed })
        // Twenty hours later (live, now is the wall clock) a reading stamped five hours ahead arrives.
        s.apply(FeedEvent(time: at(25 * 60), source: "gauge", payload: .sensor(SensorReading(station: "g", sensor: .rainfall, value: 1))))
        s.sweep(asOf: at(20 * 60))
        XCTAssertNotNil(s.incidents["done"], "kept: finished 20 h before now")
        s.sweep(asOf: at(26 * 60))
        XCTAssertNil(s.incidents["done"], "let go: finished more than 24 h before now")
        XCTAssertEqual(s.evictedCount, 1)
    }

    func testAnUpdatePastRetentionStartsAfreshWhetherOrNotASweepRan() {
        // Replaying to T (sweeps along the way) and rebuilding at T (no sweep yet) agree.
        var swept = CityState(), unswept = CityState()
        let closed = incident("A", 0) { $0.status = .closed; $0.title = "Pohon tumbang" }
        let again = incident("A", 30 * 60) { $0.status = .new }
        swept.apply(closed)
        swept.sweep(asOf: at(29 * 60))
        swept.apply(again)
        unswept.apply(closed)
        unswept.apply(again)
        for s in [swept, unswept] {
            XCTAssertEqual(s.incidents["A"]?.status, .new)
            XCTAssertEqual(s.incidents["A"]?.reportedAt, at(30 * 60))
            XCTAssertEqual(s.incidents["A"]?.title, "A", "nothing of the old record is kept")
            XCTAssertEqual(s.incidentSequence, 2)
            XCTAssertEqual(s.evictedCount, 1)
        }
    }

    func testSmallestMatchesAFullSort() {
        let seed = SeededRandom.seed(default: 0x5EED_0002)
        var rng = SeededRandom(seed: seed)
        let values = (0..<1000).map { _ in Int.random(in: 0..<100, using: &rng) }
        XCTAssertEqual(values.smallest(25, by: <), Array(values.sorted().prefix(25)), SeededRandom.describe(seed))
        XCTAssertEqual([3, 1, 2].smallest(10, by: <), [1, 2, 3])
        XCTAssertEqual([3, 1].smallest(0, by: <), [])
    }

    /// Each source's last event is kept, among a few sources (looked up one by one) and many.
    func testSourceActivityIsKeptPerSourceAmongAFewAndMany() {
        var state = CityState()
        let names = ["bmkg", "waze", "lapor", "bpbd", "pln", "pdam"]
        for round in 0..<2 {
            for (k, name) in names.enumerated() {
                let reading = SensorReading(station: "g\(k)", sensor: .waterLevel, value: 100)
                state.apply(FeedEvent(time: at(Double(round * 60 + k)), source: name, payload: .sensor(reading)))
            }
        }
        XCTAssertEqual(state.sourceActivity.keys.sorted(), names.sorted())
        for (k, name) in names.enumerated() {
            XCTAssertEqual(state.sourceActivity[name]?.lastAt, at(Double(60 + k)), name)
            XCTAssertEqual(state.sourceActivity[name]?.gaps.count, 1, name)
        }
    }

    /// What consoles and rules make (actions, alarms) is not a source's activity: a feed that
    /// went silent is not kept alive by the alarms about it.
    func testActionsAndAlarmsAreNotASourcesActivity() {
        var state = CityState()
        var act = action("a1", .create, "INC-9", 1) { $0.category = .fire; $0.severity = 4; $0.title = "Kebakaran" }
        act.source = "console-1"
        state.apply(act)
        state.apply(FeedEvent(time: at(2), source: "rules", payload: .alarm(AlarmEvent(
            id: "alarm-1", rule: "feed-silent", transition: .raised, severity: 3, subject: "waze",
            title: "No data from waze", value: nil, level: nil))))
        state.apply(FeedEvent(time: at(3), source: "waze", payload: .traffic(TrafficUpdate(segment: "s1", road: "Jl. Daan Mogot"))))
        XCTAssertEqual(state.sourceActivity.keys.sorted(), ["waze"])
    }
}
