import Foundation
import PantauCore
import XCTest
import PantauFeeds

/// The city-day simulator: deterministic, in time order, realistic enough for the demo, and
/// valid feed format throughout.
final class CitySimulatorTests: XCTestCase {
    static let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!

    /// Seed 1, 24 hours from 2026-11-23 00:00 WIB, generated once for the whole suite.
    static let day: [FeedEvent] = events(seed: 1, hours: 24)

    static func events(seed: UInt64, hours: Double, start: Instant = start) -> [FeedEvent] {
        var out: [FeedEvent] = []
        out.reserveCapacity(30_000)
        CitySimulator(seed: seed, start: start, hours: hours).run { out.append($0) }
        return out
    }

    static func at(_ text: String) -> Instant { RFC3339.parse(text)! }

    // MARK: - Determinism and order

    func testSameSeedGivesTheSameEvents() {
        let again = Self.events(seed: 1, hours: 24)
        XCTAssertEqual(again.count, Self.day.count)
        XCTAssertEqual(again.map(FeedEventEncoder.line(for:)), Self.day.map(FeedEventEncoder.line(for:)))
    }

    func testDifferentSeedGivesDifferentEvents() {
        let other = Self.events(seed: 2, hours: 24)
        XCTAssertNotEqual(other.map(FeedEventEncoder.line(for:)), Self.day.map(FeedEventEncoder.line(for:)))
    }

    func testEventsAreInTimeOrderWithinTheRunAndFromTheSimulator() {
        let end = Self.start.adding(seconds: 24 * 3600)
        var previous = Self.start
        for e in Self.day {
            XCTAssertGreaterThanOrEqual(e.time, previous)
            XCTAssertLessThan(e.time, end)
            XCTAssertEqual(e.time.millis % 1000, 0, "timestamps are whole seconds")
            XCTAssertEqual(e.source, "simulator")
            previous = e.time
        }
    }

    func testADayHasTensOfThousandsOfEventsOfEveryKind() {
        XCTAssertGreaterThanOrEqual(Self.day.count, 25_000)
        XCTAssertLessThanOrEqual(Self.day.count, 60_000)
        var kinds: [String: Int] = [:]
        for e in Self.day { kinds[e.payload.kindName, default: 0] += 1 }
        XCTAssertEqual(Set(kinds.keys), ["traffic", "sensor", "incident", "ticket"])
    }

    func testALongerRunStartsWithTheSameDayAndAdvancesTheDate() {
        let longer = Self.events(seed: 1, hours: 30)
        let firstDay = longer.prefix { $0.time < Self.start.adding(seconds: 24 * 3600) }
        XCTAssertEqual(firstDay.map(FeedEventEncoder.line(for:)), Self.day.map(FeedEventEncoder.line(for:)))
        let next = longer.dropFirst(firstDay.count)
        XCTAssertFalse(next.isEmpty)
        XCTAssertTrue(next.allSatisfy { CivilTime($0.time).dateText == "2026-11-24" })
        let newIDs = next.compactMap { e -> String? in
            if case .incident(let i) = e.payload, i.category != nil { return i.id }
            return nil
        }
        XCTAssertTrue(newIDs.allSatisfy { $0.hasPrefix("INC-20261124-") }, "\(newIDs)")
    }

    func testStartingMidDayStillBringsTheStorm() {
        let noon = Self.at("2026-11-23T12:00:00+07:00")
        let events = Self.events(seed: 5, hours: 12, start: noon)
        XCTAssertGreaterThanOrEqual(events.first?.time ?? noon, noon)
        XCTAssertGreaterThan(maxValue(events, station: "pa-sepuluh"), 380)
    }

    // MARK: - The city

    func testAllThirteenKecamatanAppear() {
        var seen = Set<String>()
        for e in Self.day {
            switch e.payload {
            case .traffic(let t): t.place.district.map { _ = seen.insert($0) }
            case .incident(let i): i.place.district.map { _ = seen.insert($0) }
            case .sensor(let s): s.place.district.map { _ = seen.insert($0) }
            case .ticket(let t): t.place.district.map { _ = seen.insert($0) }
            case .action, .alarm: XCTFail("the simulator writes no actions or alarms")
            }
        }
        XCTAssertEqual(seen, Set(Kecamatan.all.map(\.name)))
    }

    func testRoadNetworkIsFortyToFiftySegmentsOnTheMainRoads() {
        var segments: [String: TrafficUpdate] = [:]
        for e in Self.day { if case .traffic(let t) = e.payload { segments[t.segment] = t } }
        XCTAssertTrue((40...50).contains(segments.count), "\(segments.count) segments")
        let roads = Set(segments.values.map(\.road))
        for road in ["Jl. Daan Mogot", "Jl. M.H. Thamrin", "Jl. Jenderal Sudirman", "Jl. Gatot Subroto",
                     "Jl. Imam Bonjol", "Jl. Perintis Kemerdekaan", "Jl. K.H. Hasyim Ashari",
                     "Jl. H.O.S. Cokroaminoto", "Jl. Raden Saleh", "Jl. Benteng Betawi",
                     "Jl. Marsekal Suryadarma", "Jl. Husein Sastranegara", "Jl. Raya Serang",
                     "Jl. Ki Samaun", "Jl. Veteran", "Tol Jakarta–Tangerang"] {
            XCTAssertTrue(roads.contains(road), road)
        }
        let idPattern = try! NSRegularExpression(pattern: "^[a-z]+(-[a-z]+)*-[0-9]{2}$")
        for (id, t) in segments {
            XCTAssertEqual(idPattern.numberOfMatches(in: id, range: NSRange(id.startIndex..., in: id)), 1, id)
            XCTAssertNotNil(t.place.district.flatMap(Kecamatan.named), id)
            XCTAssertTrue(insideCity(t.place.location), id)
            XCTAssertGreaterThan(t.freeFlowKmh ?? 0, 0)
            XCTAssertGreaterThan(t.lengthMeters ?? 0, 0)
        }
    }

    func testEverySegmentReportsEveryFiveMinutes() {
        var counts: [String: Int] = [:]
        var stations: [String: Int] = [:]
        for e in Self.day {
            switch e.payload {
            case .traffic(let t): counts[t.segment, default: 0] += 1
            case .sensor(let s): stations["\(s.station)/\(s.sensor.name)", default: 0] += 1
            default: break
            }
        }
        XCTAssertTrue(counts.values.allSatisfy { $0 == 288 })
        XCTAssertTrue(stations.values.allSatisfy { $0 == 288 }, "\(stations)")
    }

    func testTrafficFieldsAreConsistent() throws {
        var checked = 0
        for e in Self.day {
            guard case .traffic(let t) = e.payload else { continue }
            // Every simulated traffic update carries every field: none may slip past the checks.
            let speed = try XCTUnwrap(t.speedKmh, t.segment), free = try XCTUnwrap(t.freeFlowKmh, t.segment)
            let jam = try XCTUnwrap(t.jamLevel, t.segment), delay = try XCTUnwrap(t.delaySeconds, t.segment)
            let length = try XCTUnwrap(t.lengthMeters, t.segment)
            checked += 1
            XCTAssertTrue((0...5).contains(jam))
            XCTAssertGreaterThan(speed, 0)
            XCTAssertLessThanOrEqual(speed, free)
            let expected = length * 3.6 / speed - length * 3.6 / free
            XCTAssertEqual(delay, expected, accuracy: 1)
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testMorningRushIsWorseThanThreeInTheMorning() {
        let night = averageJam(from: "03:00", to: "04:00")
        let morning = averageJam(from: "07:00", to: "09:00")
        let evening = averageJam(from: "17:00", to: "19:00")
        let midday = averageJam(from: "11:00", to: "13:00")
        XCTAssertLessThan(night, 0.5)
        XCTAssertGreaterThan(morning, 2)
        XCTAssertGreaterThan(morning, midday + 1)
        XCTAssertGreaterThan(evening, midday + 1)
    }

    func testStormRaisesRainRiversAndFloodIncidents() {
        XCTAssertGreaterThan(maxValue(Self.day, sensor: .rainfall), 20)
        let sepuluh = readings(Self.day, station: "pa-sepuluh")
        XCTAssertTrue(sepuluh.prefix(12).allSatisfy { (200...270).contains($0.value) }, "normal at midnight")
        let peak = sepuluh.max { $0.value < $1.value }!
        XCTAssertGreaterThan(peak.value, GaugeThresholds.pintuAirSepuluh.waspada)
        XCTAssertGreaterThan(peak.value, GaugeThresholds.pintuAirSepuluh.siaga)
        XCTAssertTrue((17...23).contains(CivilTime(peak.time).hour), "peaks in the evening")
        XCTAssertLessThan(sepuluh.last!.value, peak.value - 50, "recedes in the night")
        for station in ["kali-cirarab-periuk", "kali-angke-ciledug"] {
            XCTAssertGreaterThan(maxValue(Self.day, station: station), GaugeThresholds.defaults[station]!.siaga, station)
        }
        let floods = Self.day.compactMap { e -> (Instant, IncidentUpdate)? in
            if case .incident(let i) = e.payload, i.category == .flood { return (e.time, i) }
            return nil
        }
        XCTAssertGreaterThanOrEqual(floods.count, 5)
        XCTAssertTrue(floods.allSatisfy { (3...5).contains($0.1.severity ?? 0) })
        XCTAssertTrue(floods.allSatisfy { CivilTime($0.0).hour >= 14 })
        let floodDistricts = Set(floods.compactMap { $0.1.place.district })
        XCTAssertFalse(floodDistricts.isDisjoint(with: ["Periuk", "Ciledug", "Larangan", "Karang Tengah", "Cipondoh"]))
    }

    func testTheStormWorksForOtherSeedsToo() {
        for seed: UInt64 in [2, 3, 4] {
            let events = Self.events(seed: seed, hours: 24)
            let peak = maxValue(events, station: "pa-sepuluh")
            XCTAssertGreaterThan(peak, 380, "seed \(seed)")
            XCTAssertLessThan(peak, 480, "seed \(seed)")
            XCTAssertTrue(events.contains { e in
                if case .incident(let i) = e.payload { return i.category == .flood }
                return false
            }, "seed \(seed)")
        }
    }

    func testAirQualityIsMostlySedangAndSometimesTidakSehat() {
        var categories: [ISPUCategory: Int] = [:]
        for e in Self.day {
            guard case .sensor(let s) = e.payload else { continue }
            switch s.sensor {
            case .ispu: categories[ISPUCategory(ispu: s.value), default: 0] += 1
            case .pm25: categories[ISPUCategory(ispu: ISPUCategory.ispu(fromPM25: s.value)), default: 0] += 1
            default: break
            }
        }
        let total = categories.values.reduce(0, +)
        XCTAssertGreaterThan(Double(categories[.sedang] ?? 0) / Double(total), 0.6)
        XCTAssertGreaterThan(categories[.tidakSehat] ?? 0, 0)
        XCTAssertEqual(categories[.sangatTidakSehat] ?? 0, 0)
    }

    // MARK: - Incidents

    func testIncidentLifecyclesAreValid() {
        var status: [String: IncidentStatus] = [:]
        var created = 0
        var resolved = 0
        for e in Self.day {
            guard case .incident(let i) = e.payload else { continue }
            if let old = status[i.id] {
                XCTAssertNil(i.category, "category only on first sight")
                if let new = i.status {
                    XCTAssertTrue(old.canMove(to: new), "\(i.id): \(old) → \(new)")
                    XCTAssertNotEqual(old, new, "\(i.id) repeats \(new)")
                    status[i.id] = new
                    if new == .resolved { resolved += 1 }
                }
            } else {
                XCTAssertNotNil(i.category, i.id)
                XCTAssertNotNil(i.severity, i.id)
                XCTAssertNotNil(i.title, i.id)
                XCTAssertNotNil(i.status, i.id)
                XCTAssertNotNil(i.channel, i.id)
                status[i.id] = i.status
                created += 1
            }
        }
        XCTAssertTrue((60...150).contains(created), "\(created) incidents")
        XCTAssertGreaterThan(resolved, created / 2)
    }

    func testIncidentsCoverEveryCategoryWithUnitsNotesAndSeverityChanges() {
        var categories = Set<IncidentCategory>()
        var units = Set<String>()
        var agencies = Set<String>()
        var notes = 0
        var severityChanges = 0
        for e in Self.day {
            guard case .incident(let i) = e.payload else { continue }
            if let c = i.category { categories.insert(c) }
            if let u = i.unit { units.insert(u) }
            if let a = i.agency { agencies.insert(a) }
            if i.note != nil { notes += 1 }
            if i.category == nil, i.severity != nil { severityChanges += 1 }
            if i.status == .dispatched { XCTAssertTrue(i.unit != nil, i.id) }
        }
        for c: IncidentCategory in [.fire, .accident, .medical, .crime, .publicOrder, .infrastructure, .fallenTree, .other, .flood] {
            XCTAssertTrue(categories.contains(c), c.rawValue)
        }
        XCTAssertTrue(agencies.isSuperset(of: ["Damkar", "BPBD", "Dinkes"]), "\(agencies)")
        XCTAssertTrue(units.contains { $0.hasPrefix("BPBD Unit") || $0 == "TRC BPBD" })
        XCTAssertTrue(units.contains { $0.hasPrefix("Damkar ") })
        XCTAssertGreaterThan(notes, 20)
        XCTAssertGreaterThan(severityChanges, 0)
    }

    func testTheOpenIncidentListIsNeverEmpty() {
        var open: [String: Bool] = [:]
        var checked = 0
        var nextCheck = Self.start.adding(seconds: 600)
        for e in Self.day {
            while e.time >= nextCheck {
                XCTAssertTrue(open.values.contains(true), "no open incident at \(nextCheck)")
                nextCheck = nextCheck.adding(seconds: 600)
                checked += 1
            }
            if case .incident(let i) = e.payload, let s = i.status { open[i.id] = s.isOpen }
        }
        XCTAssertGreaterThan(checked, 140)
    }

    // MARK: - Tickets

    func testTicketsFlowThroughTheirLifecycleAndSomeAreOverdueAtNoon() throws {
        let noon = Self.at("2026-11-23T12:00:00+07:00")
        var tickets: [String: Ticket] = [:]
        var overdueAtNoon: Int?
        let forward: [TicketStatus: Set<TicketStatus>] = [
            .open: [.verified, .inProgress, .resolved, .rejected],
            .verified: [.inProgress, .resolved, .rejected],
            .inProgress: [.resolved],
            .resolved: [.closed],
        ]
        for e in Self.day {
            if overdueAtNoon == nil, e.time > noon {
                overdueAtNoon = tickets.values.filter { $0.isOverdue(at: noon) }.count
            }
            guard case .ticket(let t) = e.payload else { continue }
            if var old = tickets[t.id] {
                if let s = t.status {
                    XCTAssertTrue(forward[old.status]?.contains(s) ?? false, "\(t.id): \(old.status) → \(s)")
                    old.status = s
                }
                tickets[t.id] = old
            } else {
                let category = try XCTUnwrap(t.category)
                let agency = try XCTUnwrap(t.agency)
                var ticket = Ticket(id: t.id, category: category, title: t.title ?? "", agency: agency,
                                    status: t.status ?? .open, created: t.created ?? e.time, updatedAt: e.time)
                ticket.slaHours = t.slaHours
                XCTAssertNotNil(t.channel)
                XCTAssertTrue((24...168).contains(t.slaHours ?? 0), t.id)
                tickets[t.id] = ticket
            }
        }
        XCTAssertTrue((150...360).contains(tickets.count), "\(tickets.count) tickets")
        XCTAssertGreaterThan(overdueAtNoon ?? 0, 0)
        let agencies = Set(tickets.values.map(\.agency))
        XCTAssertTrue(agencies.isSubset(of: ["Dinas PUPR", "Dinas Perhubungan", "DLH", "Dinas Perkim", "BPBD", "Damkar",
                                             "Satpol PP", "Dinkes", "Disdukcapil", "Diskominfo", "PDAM", "PLN"]))
        XCTAssertGreaterThanOrEqual(agencies.count, 10)
        let statuses = Set(tickets.values.map(\.status))
        XCTAssertTrue(statuses.isSuperset(of: [.open, .verified, .inProgress, .resolved, .rejected]), "\(statuses)")
    }

    func testStormComplaintsAreRoutedToTheRightOffices() {
        var routes: [String: String] = [:]
        for e in Self.day {
            if case .ticket(let t) = e.payload, let c = t.category, let a = t.agency { routes[c] = a }
        }
        XCTAssertEqual(routes["Drainase tersumbat"], "Dinas PUPR")
        XCTAssertEqual(routes["Banjir"], "BPBD")
        XCTAssertEqual(routes["Lampu jalan mati"], "Dinas Perkim")
        if let trees = routes["Pohon tumbang"] { XCTAssertEqual(trees, "Damkar") }
    }

    // MARK: - Feed format

    func testIdsFollowTheFeedFormat() {
        let incident = try! NSRegularExpression(pattern: "^INC-[0-9]{8}-[0-9]{4}$")
        let ticket = try! NSRegularExpression(pattern: "^LAKSA-[0-9]{8}-[0-9]{4}$")
        func matches(_ re: NSRegularExpression, _ s: String) -> Bool {
            re.numberOfMatches(in: s, range: NSRange(s.startIndex..., in: s)) == 1
        }
        var gauges = Set<String>()
        let channels: Set<String> = ["112", "app", "cctv", "sensor", "social", "radio"]
        for e in Self.day {
            switch e.payload {
            case .incident(let i):
                XCTAssertTrue(matches(incident, i.id), i.id)
                if let c = i.channel { XCTAssertTrue(channels.contains(c), c) }
                if let s = i.severity { XCTAssertTrue((1...5).contains(s)) }
                if let p = i.place.location { XCTAssertTrue(insideCity(p), i.id) }
            case .ticket(let t):
                XCTAssertTrue(matches(ticket, t.id), t.id)
                if let c = t.channel { XCTAssertTrue(["app", "whatsapp", "call_center", "social"].contains(c), c) }
                if let p = t.place.location { XCTAssertTrue(insideCity(p), t.id) }
            case .sensor(let s):
                if s.sensor == .waterLevel { gauges.insert(s.station) }
                XCTAssertNotNil(s.name)
                XCTAssertNotNil(s.unit)
                XCTAssertNotNil(s.place.district)
                XCTAssertTrue(insideCity(s.place.location), s.station)
            case .traffic:
                break
            case .action, .alarm:
                XCTFail("the simulator writes no actions or alarms")
            }
        }
        XCTAssertEqual(gauges, Set(GaugeThresholds.defaults.keys))
    }

    func testEventsRoundTripThroughTheFeedFormat() throws {
        let decoder = FeedLineDecoder()
        var firstOfKind: [String: [String]] = [:]
        for e in Self.day {
            let line = FeedEventEncoder.line(for: e)
            guard case .event(let back) = decoder.decode(line) else {
                XCTFail("skipped: \(line)")
                return
            }
            XCTAssertEqual(back.time, e.time)
            XCTAssertEqual(back.payload.kindName, e.payload.kindName)
            XCTAssertEqual(FeedEventEncoder.line(for: back), line)
            if (firstOfKind[e.payload.kindName]?.count ?? 0) < 3 { firstOfKind[e.payload.kindName, default: []].append(line) }
        }
        let required: [String: [String]] = [
            "traffic": ["segment", "road", "district", "speed_kmh", "free_flow_kmh", "jam_level", "delay_s", "length_m", "lat", "lon"],
            "sensor": ["station", "sensor", "value", "unit", "name", "district", "lat", "lon"],
            "incident": ["id", "category", "severity", "title", "status", "channel"],
            "ticket": ["id", "category", "title", "agency", "channel", "sla_h", "status", "district"],
        ]
        for (kind, lines) in firstOfKind {
            for line in lines {
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                XCTAssertEqual(object["v"] as? Int, 1)
                XCTAssertEqual(object["kind"] as? String, kind)
                XCTAssertEqual(object["src"] as? String, "simulator")
                XCTAssertNotNil(RFC3339.parse(try XCTUnwrap(object["ts"] as? String)))
                XCTAssertTrue((object["ts"] as? String)?.hasSuffix("+07:00") ?? false)
                for key in required[kind] ?? [] { XCTAssertNotNil(object[key], "\(kind) lacks \(key): \(line)") }
            }
        }
        XCTAssertEqual(Set(firstOfKind.keys), ["traffic", "sensor", "incident", "ticket"])
    }

    // MARK: - Helpers

    private func insideCity(_ p: GeoPoint?) -> Bool {
        guard let p else { return false }
        return (-6.26 ... -6.10).contains(p.lat) && (106.55...106.76).contains(p.lon)
    }

    private func averageJam(from: String, to: String) -> Double {
        let a = Self.at("2026-11-23T\(from):00+07:00")
        let b = Self.at("2026-11-23T\(to):00+07:00")
        var sum = 0
        var n = 0
        for e in Self.day where e.time >= a && e.time < b {
            if case .traffic(let t) = e.payload { sum += t.jamLevel ?? 0; n += 1 }
        }
        return n == 0 ? 0 : Double(sum) / Double(n)
    }

    private func readings(_ events: [FeedEvent], station: String) -> [(time: Instant, value: Double)] {
        events.compactMap { e in
            if case .sensor(let s) = e.payload, s.station == station { return (e.time, s.value) }
            return nil
        }
    }

    private func maxValue(_ events: [FeedEvent], station: String) -> Double {
        readings(events, station: station).map(\.value).max() ?? 0
    }

    private func maxValue(_ events: [FeedEvent], sensor: SensorKind) -> Double {
        events.compactMap { e -> Double? in
            if case .sensor(let s) = e.payload, s.sensor == sensor { return s.value }
            return nil
        }.max() ?? 0
    }
}
