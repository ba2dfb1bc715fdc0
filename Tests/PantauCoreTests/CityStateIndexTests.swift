@testable import PantauCore
import PantauTestSupport
import XCTest

/// The state's indexes (open incidents in dispatch order and by severity, open tickets per
/// office, finished records awaiting the sweep) kept as events change records, checked
/// against the same indexes worked out from scratch from the records themselves.
final class CityStateIndexTests: XCTestCase, StateEventFactory {
    /// Every index equals its recomputation from the records.
    func assertIndexesMatchTheRecords(_ s: CityState, _ context: @autoclosure () -> String = "",
                                      file: StaticString = #filePath, line: UInt = #line) {
        let open = s.incidents.values.filter(\.status.isOpen)
        XCTAssertEqual(s.openIncidentIDs, Set(open.map(\.id)), "open ids: \(context())", file: file, line: line)
        XCTAssertEqual(s.dispatchOrder.elements, open.map(DispatchKey.init).sorted(), "dispatch order: \(context())",
                       file: file, line: line)
        XCTAssertEqual(s.openIncidents(limit: 1000).map(\.id), open.sorted(by: CityState.dispatchOrder).map(\.id),
                       "openIncidents: \(context())", file: file, line: line)
        var bySeverity = [Int](repeating: 0, count: 6)
        for i in open { bySeverity[min(5, max(1, i.severity))] += 1 }
        XCTAssertEqual(s.openCountsBySeverity, bySeverity, "counts by severity: \(context())", file: file, line: line)

        var byAgency: [String: [String: OpenTicket]] = [:]
        for t in s.tickets.values where t.status.isOpen { byAgency[t.agency, default: [:]][t.id] = OpenTicket(t) }
        XCTAssertEqual(s.openTicketsByAgency.filter { !$0.value.isEmpty }, byAgency, "open tickets by office: \(context())",
                       file: file, line: line)
        XCTAssertTrue(s.agencies.isSuperset(of: s.tickets.values.map(\.agency)), "agencies: \(context())", file: file, line: line)
        XCTAssertEqual(s.ticketTotals(at: s.clock!).open, byAgency.values.reduce(0) { $0 + $1.count }, context(), file: file, line: line)

        XCTAssertEqual(Set(s.finishedIncidents.keys), Set(s.incidents.values.filter { !$0.status.isOpen }.map(\.id)),
                       "finished incidents: \(context())", file: file, line: line)
        XCTAssertEqual(Set(s.finishedTickets.keys), Set(s.tickets.values.filter { !$0.status.isOpen }.map(\.id)),
                       "finished tickets: \(context())", file: file, line: line)
    }

    func testASeverityChangeMovesTheIncidentInTheOrderAndTheCounts() {
        var s = CityState()
        s.apply(incident("A", 0) { $0.severity = 3 })
        s.apply(incident("B", 1) { $0.severity = 5 })
        s.apply(incident("C", 2) { $0.severity = 1 })
        XCTAssertEqual(s.openIncidents(limit: 5).map(\.id), ["B", "A", "C"])
        s.apply(incident("A", 3) { $0.severity = 5 })
        XCTAssertEqual(s.openIncidents(limit: 5).map(\.id), ["A", "B", "C"], "A is as severe and older")
        XCTAssertEqual(s.openIncidentCountsBySeverity(), [0, 1, 0, 0, 0, 2])
        assertIndexesMatchTheRecords(s)
        // Out of range severities count at the nearest end, as they are shown.
        s.apply(incident("C", 4) { $0.severity = 9 })
        s.apply(incident("B", 5) { $0.severity = 0 })
        assertIndexesMatchTheRecords(s)
        XCTAssertEqual(s.openIncidentCountsBySeverity(), [0, 1, 0, 0, 0, 2])
    }

    func testCloseChangeWhileClosedAndReopen() {
        var s = CityState()
        s.apply(incident("A", 0) { $0.severity = 2 })
        s.apply(incident("B", 1) { $0.severity = 4 })
        s.apply(incident("B", 2) { $0.status = .closed })
        assertIndexesMatchTheRecords(s)
        XCTAssertEqual(s.openIncidents(limit: 5).map(\.id), ["A"])
        // Changed while closed, then re-opened: it comes back with its new severity.
        s.apply(incident("B", 3) { $0.severity = 1 })
        assertIndexesMatchTheRecords(s)
        s.apply(incident("B", 4) { $0.status = .acknowledged })
        assertIndexesMatchTheRecords(s)
        XCTAssertEqual(s.openIncidents(limit: 5).map(\.id), ["A", "B"])
        XCTAssertEqual(s.openIncidentCountsBySeverity(), [0, 1, 1, 0, 0, 0])
        // A refused backward move changes nothing.
        s.apply(incident("B", 5) { $0.status = .onScene })
        s.apply(incident("B", 6) { $0.status = .new })
        XCTAssertEqual(s.refusedTransitions, 1)
        assertIndexesMatchTheRecords(s)
    }

    func testATicketReroutedToAnotherOfficeLeavesTheFirstQueue() {
        var s = CityState()
        s.apply(ticket("T1", 0) { $0.agency = "Dinas PUPR"; $0.slaHours = 1; $0.status = .open })
        s.apply(ticket("T2", 1) { $0.agency = "Dinas PUPR"; $0.slaHours = 48 })
        s.apply(ticket("T1", 2) { $0.agency = "BPBD" })
        assertIndexesMatchTheRecords(s)
        XCTAssertEqual(s.openTickets(agency: "Dinas PUPR", limit: 5, at: s.clock!).map(\.id), ["T2"])
        XCTAssertEqual(s.openTickets(agency: "BPBD", limit: 5, at: s.clock!).map(\.id), ["T1"])
        XCTAssertEqual(s.agencyQueues(at: s.clock!).first { $0.agency == "Dinas PUPR" }?.open, 1)
        // Re-routed while resolved, then re-opened: it opens in the new office only.
        s.apply(ticket("T2", 3) { $0.status = .resolved })
        s.apply(ticket("T2", 4) { $0.agency = "DLH" })
        assertIndexesMatchTheRecords(s)
        s.apply(ticket("T2", 5) { $0.status = .open })
        assertIndexesMatchTheRecords(s)
        XCTAssertEqual(s.openTickets(agency: "DLH", limit: 5, at: s.clock!).map(\.id), ["T2"])
        XCTAssertEqual(s.openTickets(agency: "Dinas PUPR", limit: 5, at: s.clock!).map(\.id), [])
        XCTAssertEqual(s.agencyQueues(at: s.clock!).first { $0.agency == "Dinas PUPR" }?.open, 0, "a drained queue still shows")
        // Re-routed and finished in one update.
        s.apply(ticket("T1", 6) { $0.agency = "Dinkes"; $0.status = .rejected })
        assertIndexesMatchTheRecords(s)
        XCTAssertEqual(s.ticketTotals(at: s.clock!).open, 1)
    }

    func testEvictionLetsGoOfFinishedRecordsOnly() {
        var s = CityState()
        s.retentionSeconds = 3600
        s.apply(incident("done", 0) { $0.severity = 3 })
        s.apply(incident("done", 1) { $0.status = .resolved })
        s.apply(incident("open", 1) { $0.severity = 3 })
        s.apply(ticket("T-done", 1) { $0.agency = "DLH"; $0.status = .closed })
        s.apply(ticket("T-open", 1) { $0.agency = "DLH" })
        // Replayed events let go of what finished more than the retention before them.
        s.applyPlayed(incident("later", 3 * 60) { $0.severity = 2 })
        XCTAssertNil(s.incidents["done"])
        XCTAssertNil(s.tickets["T-done"])
        XCTAssertNotNil(s.incidents["open"])
        XCTAssertNotNil(s.tickets["T-open"])
        XCTAssertEqual(s.evictedCount, 2)
        assertIndexesMatchTheRecords(s)
        // An update for an evicted incident starts it again, as a new record.
        s.apply(incident("done", 3 * 60 + 1) { $0.note = "dibuka lagi" })
        XCTAssertEqual(s.incidents["done"]?.status, .new)
        assertIndexesMatchTheRecords(s)
    }

    func testOutOfOrderTimestampsNeverMoveTheClockOrARecordBack() {
        var s = CityState()
        s.apply(incident("A", 10) { $0.severity = 3 })
        s.apply(incident("A", 5) { $0.status = .dispatched; $0.unit = "BPBD Unit 1" })
        XCTAssertEqual(s.clock, at(10), "an earlier event does not turn the clock back")
        XCTAssertEqual(s.startedAt, at(10))
        XCTAssertEqual(s.incidents["A"]?.updatedAt, at(10), "nor a record's last change")
        XCTAssertEqual(s.incidents["A"]?.status, .dispatched, "its content still counts")
        s.apply(ticket("T", 20) { $0.agency = "DLH" })
        s.apply(ticket("T", 15) { $0.status = .resolved })
        XCTAssertEqual(s.tickets["T"]?.updatedAt, at(20))
        XCTAssertEqual(s.clock, at(20))
        assertIndexesMatchTheRecords(s)
        // A late event far in the past does not make anything look due for eviction.
        s.retentionSeconds = 3600
        s.applyPlayed(incident("B", -24 * 60) { $0.status = .closed })
        XCTAssertNotNil(s.incidents["B"], "finished 'a day ago' by its own time, but just now by the clock")
        XCTAssertEqual(s.clock, at(20))
        assertIndexesMatchTheRecords(s)
    }

    /// Seeded random histories (severity changes, re-opens, re-routes, evictions, late events):
    /// after every event the indexes equal their recomputation.
    func testRandomHistoriesKeepTheIndexesRight() {
        let seed = SeededRandom.seed(default: 0x5EED_0003)
        var rng = SeededRandom(seed: seed)
        var s = CityState()
        s.retentionSeconds = 2 * 3600
        var minute = 0.0
        let offices = ["Dinas PUPR", "DLH", "BPBD", "Dinkes"]
        for n in 0..<800 {
            minute += Double(Int.random(in: 0...20, using: &rng))
            // One event in ten comes late, up to three hours behind.
            let time = Int.random(in: 0..<10, using: &rng) == 0 ? minute - Double(Int.random(in: 0...180, using: &rng)) : minute
            let id = Int.random(in: 0..<40, using: &rng)
            if Bool.random(using: &rng) {
                s.applyPlayed(incident("I\(id)", time) { u in
                    if Bool.random(using: &rng) { u.severity = Int.random(in: 0...6, using: &rng) }
                    if Bool.random(using: &rng) { u.status = IncidentStatus.allCases.randomElement(using: &rng) }
                })
            } else {
                s.applyPlayed(ticket("T\(id)", time) { u in
                    if Bool.random(using: &rng) { u.agency = offices.randomElement(using: &rng) }
                    if Bool.random(using: &rng) { u.status = TicketStatus.allCases.randomElement(using: &rng) }
                    if Bool.random(using: &rng) { u.slaHours = Double(Int.random(in: 1...72, using: &rng)) }
                })
            }
            assertIndexesMatchTheRecords(s, "event \(n), \(SeededRandom.describe(seed))")
            if (testRun?.totalFailureCount ?? 0) > 0 { break }
        }
        XCTAssertGreaterThan(s.evictedCount, 0, "the histories reached the sweep: \(SeededRandom.describe(seed))")
        XCTAssertGreaterThan(s.refusedTransitions, 0, SeededRandom.describe(seed))
    }

    /// Units and incidents agree: a unit on an incident is in its `units`, and back.
    func assertUnitsMatchTheIncidents(_ s: CityState, _ context: @autoclosure () -> String = "",
                                      file: StaticString = #filePath, line: UInt = #line) {
        for u in s.units.values {
            if let id = u.incidentID {
                XCTAssertTrue(s.incidents[id]?.units.contains(u.id) ?? false, "\(u.id) on \(id): \(context())", file: file, line: line)
                XCTAssertTrue([.dispatched, .enRoute, .onScene].contains(u.status), "\(u.id): \(context())", file: file, line: line)
            } else {
                XCTAssertTrue([.available, .outOfService].contains(u.status), "\(u.id) \(u.status): \(context())", file: file, line: line)
            }
        }
        for inc in s.incidents.values {
            for u in inc.units {
                XCTAssertEqual(s.units[u]?.incidentID, inc.id, "\(inc.id) holds \(u): \(context())", file: file, line: line)
            }
            if !inc.status.isOpen { XCTAssertEqual(inc.units, [], "finished \(inc.id): \(context())", file: file, line: line) }
        }
    }

    /// What two states built from the same events must agree on, as text.
    func summary(_ s: CityState) -> String {
        var lines: [String] = []
        for inc in s.incidents.values.sorted(by: { $0.id < $1.id }) {
            lines.append("\(inc.id) \(inc.status) sev\(inc.severity) v\(inc.version) \(inc.units) \(inc.disposition ?? "-") "
                + "\(inc.duplicateOf ?? "-") \(inc.duplicates) \(String(describing: inc.acknowledgedAt)) "
                + "\(String(describing: inc.resolvedAt)) " + inc.timeline.entries.map(\.text).joined(separator: "|"))
        }
        for t in s.tickets.values.sorted(by: { $0.id < $1.id }) {
            lines.append("\(t.id) \(t.status) \(t.agency) v\(t.version) " + t.timeline.entries.map(\.text).joined(separator: "|"))
        }
        for u in s.units.values.sorted(by: { $0.id < $1.id }) {
            lines.append("\(u.id) \(u.status) \(u.incidentID ?? "-") \(String(describing: u.since))")
        }
        for (id, o) in s.actionOutcomes.sorted(by: { $0.key < $1.key }) { lines.append("\(id) \(o)") }
        lines.append("events \(s.eventCount) refused \(s.refusedTransitions) evicted \(s.evictedCount)")
        return lines.joined(separator: "\n")
    }

    /// Seeded random histories of feed updates and actions of every verb, by every role, some
    /// with stale versions, some delivered twice: after every event the indexes equal their
    /// recomputation and units agree with incidents; the same events give the same state.
    func testRandomHistoriesWithActionsKeepTheIndexesRightAndAreDeterministic() {
        let seed = SeededRandom.seed(default: 0x5EED_0009)
        var rng = SeededRandom(seed: seed)
        let roster = (0..<6).map { UnitDefinition(id: "U\($0)", name: "Unit \($0)", agency: $0 < 3 ? "Damkar" : "BPBD", kind: "crew") }
        var events: [FeedEvent] = []
        var minute = 0.0
        let offices = ["Dinas PUPR", "DLH", "BPBD"]
        for n in 0..<1500 {
            minute += Double(Int.random(in: 0...6, using: &rng))
            let id = Int.random(in: 0..<25, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                events.append(incident("I\(id)", minute) { u in
                    if Bool.random(using: &rng) { u.severity = Int.random(in: 1...5, using: &rng) }
                    if Bool.random(using: &rng) { u.status = IncidentStatus.allCases.randomElement(using: &rng) }
                })
            case 1:
                events.append(ticket("T\(id % 8)", minute) { u in
                    if Bool.random(using: &rng) { u.agency = offices.randomElement(using: &rng) }
                    if Bool.random(using: &rng) { u.status = TicketStatus.allCases.randomElement(using: &rng) }
                })
            case 2 where !events.isEmpty:
                // A redelivery of an earlier action (or event).
                events.append(events.randomElement(using: &rng)!)
            default:
                // Alarm verbs have their own tests (AlarmStateTests): here they would only be rejected.
                let verb = ActionVerb.allCases.filter { $0.targetKind != .alarm }.randomElement(using: &rng)!
                let target: String
                switch verb.targetKind {
                case .incident: target = "I\(id)"
                case .ticket: target = "T\(id % 8)"
                case .unit: target = "U\(id % 7)"
                case .alarm: target = "A\(id)"
                }
                let role = Int.random(in: 0..<8, using: &rng) == 0 ? Role.allCases.randomElement(using: &rng)! : .supervisor
                let seen = Bool.random(using: &rng) ? Int.random(in: 0...3, using: &rng) : nil
                events.append(action("A\(n)", verb, target, minute, by: "user\(id % 3)", role: role, seen: seen) { f in
                    f.unit = "U\(Int.random(in: 0..<7, using: &rng))"
                    f.unitStatus = UnitStatus.allCases.randomElement(using: &rng)
                    if Bool.random(using: &rng) { f.note = "catatan \(n)" }
                    if Bool.random(using: &rng) { f.disposition = "handled" }
                    f.duplicateOf = "I\(Int.random(in: 0..<25, using: &rng))"
                    if Bool.random(using: &rng) { f.agency = offices.randomElement(using: &rng) }
                    if Bool.random(using: &rng) { f.severity = Int.random(in: 1...5, using: &rng) }
                })
            }
        }
        func fold() -> CityState {
            var s = CityState()
            s.retentionSeconds = 6 * 3600
            s.registerUnits(roster)
            for (n, e) in events.enumerated() {
                s.applyPlayed(e)
                if n % 10 == 0 || n == events.count - 1 {
                    assertIndexesMatchTheRecords(s, "event \(n), \(SeededRandom.describe(seed))")
                    assertUnitsMatchTheIncidents(s, "event \(n), \(SeededRandom.describe(seed))")
                }
                if (testRun?.totalFailureCount ?? 0) > 0 { break }
            }
            return s
        }
        let first = fold(), second = fold()
        XCTAssertEqual(summary(first), summary(second), SeededRandom.describe(seed))
        let outcomes = first.actionOutcomes.values
        let accepted = outcomes.filter(\.isAccepted).count
        XCTAssertGreaterThan(accepted, 100, "enough actions went through to test something: \(SeededRandom.describe(seed))")
        XCTAssertGreaterThan(outcomes.count - accepted, 100, SeededRandom.describe(seed))
        XCTAssertTrue(outcomes.contains { $0.reason?.contains("changed since you looked") ?? false }, SeededRandom.describe(seed))
        XCTAssertTrue(first.incidents.values.contains { $0.duplicateOf != nil }, SeededRandom.describe(seed))
        XCTAssertTrue(first.units.values.contains { $0.incidentID != nil }, SeededRandom.describe(seed))
    }
}
