import Foundation
import PantauCore

extension SimulationEngine {
    private static let windowHours = Double(windowMillis) / Double(SimClock.hourMillis)
    private static let windowDays = Double(windowMillis) / Double(SimClock.dayMillis)
    private static let totalFloodWeight = SimDistrict.all.reduce(0) { $0 + $1.floodWeight }
    private static let riversideSpots: [(String, [String])] = [
        ("Tangerang", ["Kampung Kalipasir", "bantaran Cisadane Sukasari"]),
        ("Neglasari", ["bantaran Cisadane Karang Sari", "Kampung Kedaung Baru"]),
        ("Karawaci", ["bantaran Cisadane Koang Jaya", "Kampung Gerendeng"]),
    ]

    /// Draws this window's new incidents and tickets into `creations`: the everyday ones at
    /// their rates for the hour, and those the storm brings (floods, the Cisadane overflowing,
    /// fallen trees, outages, the BMKG warning, complaints in its wake).
    mutating func generateArrivals(windowStart ws: Int64) {
        let day = SimClock.day(of: ws)
        if day != arrivalsDay {
            arrivals = SimRandom(seed: seed, SimTag.arrivals, UInt64(bitPattern: Int64(day)))
            arrivalsDay = day
        }
        let p = plan(day)
        let mid = ws + Self.windowMillis / 2
        let hour = SimClock.hourOfDay(mid)
        let spells = self.spells((day - 2)...(day + 1))
        let avgRain = rainNow.reduce(0, +) / Double(max(1, rainNow.count))

        // Everyday incidents.
        for rate in IncidentRate.everyday {
            var lambda = rate.perDay * p.incidentFactor * rate.profile.value(at: hour) * Self.windowDays
            if rate.category == .accident {
                lambda *= (1 + min(1, avgRain / 25) * 0.6) * (p.isWeekend ? 0.85 : 1)
            }
            for _ in 0..<arrivals.poisson(lambda) {
                creations.append(.incident(everydayIncident(rate.category, at: offset(ws))))
            }
        }

        // Floods where the drains and small rivers overflow.
        for d in hazardNow.indices where hazardNow[d] > 0.15 {
            let lambda = 0.2 * SimDistrict.all[d].floodWeight * pow(hazardNow[d] - 0.15, 1.3) * Self.windowHours
            for _ in 0..<arrivals.poisson(lambda) {
                creations.append(.incident(floodIncident(d, at: offset(ws), spells: spells)))
            }
        }

        // The Cisadane spilling into riverside kampung when Pintu Air Sepuluh runs high.
        let sepuluh = cleanLevel(gauge: 0, at: mid, spells: spells)
        if sepuluh > 390 {
            for _ in 0..<arrivals.poisson(1.5 * (sepuluh - 390) / 60 * Self.windowHours) {
                creations.append(.incident(riverOverflow(at: offset(ws), level: sepuluh)))
            }
        }

        // The storm front: trees down, power and traffic lights out.
        var front = 0.0
        for s in spells where s.strength >= 0.2 {
            let x = Double(mid - s.onsetMillis) / Double(SimClock.hourMillis) / s.timeScale
            if x > 0, x < 1.6 { front += s.strength * RainSpell.profile(x) }
        }
        if front > 0 {
            for _ in 0..<arrivals.poisson(5 * front * Self.windowHours) {
                creations.append(.incident(everydayIncident(.fallenTree, at: offset(ws))))
            }
            for _ in 0..<arrivals.poisson(1.5 * front * Self.windowHours) {
                creations.append(.incident(everydayIncident(.infrastructure, at: offset(ws)) {
                    $0.responder == .pln || $0.responder == .trafficLights
                }))
            }
        }

        // BMKG's early warning, about half an hour before the storm.
        if let storm = p.spells.first, p.stormStrength >= 0.35 {
            let warn = storm.onsetMillis - Int64(35 * 60_000)
            if warn >= ws, warn < ws + Self.windowMillis, warn >= startMillis {
                var d = IncidentDraft(
                    millis: warn, category: .weather, severity: 3, title: IncidentTemplate.weatherWarning.title,
                    district: nil, address: "Seluruh wilayah Kota Tangerang", location: nil,
                    channel: "radio", responder: .bpbd, workMinutes: 0)
                d.resolveAtMillis = storm.onsetMillis + Int64(3.5 * storm.timeScale * Double(SimClock.hourMillis))
                d.allowsSeverityChange = false
                creations.append(.incident(d))
            }
        }

        // Ongoing works: the command center always has something long-running on its board.
        openUntil.removeAll { $0 <= ws }
        if openUntil.filter({ $0 > ws + SimClock.hourMillis }).count < 2 {
            var d = everydayIncident(.infrastructure, at: offset(ws)) { [.pdam, .pupr, .pln].contains($0.responder) }
            d.resolveAtMillis = ws + Int64(arrivals.uniform(8, 30) * Double(SimClock.hourMillis))
            creations.append(.incident(d))
        }

        // Complaint tickets, everyday and in the storm's wake.
        let ticketShape = SimDailyProfile.tickets.value(at: hour)
        let everyday = 210 * p.ticketFactor * ticketShape * (p.isWeekend ? 0.75 : 1) * Self.windowDays
        for _ in 0..<arrivals.poisson(everyday) {
            creations.append(.ticket(ticket(at: offset(ws), stormWeights: nil)))
        }
        var wake = Array(repeating: 0.0, count: hazardNow.count)
        var wakeTotal = 0.0
        for d in wake.indices {
            var h = 0.0
            for s in spells {
                let x = (s.hoursSinceArrival(district: d, at: mid) - 0.5) / 5
                h += s.strength * s.districtFactor[d] * SimMath.hydrograph(x)
            }
            wake[d] = SimDistrict.all[d].floodWeight * h
            wakeTotal += wake[d]
        }
        if wakeTotal > 0.01 {
            let lambda = 4.5 * wakeTotal / Self.totalFloodWeight * ticketShape * Self.windowHours
            for _ in 0..<arrivals.poisson(lambda) {
                creations.append(.ticket(ticket(at: offset(ws), stormWeights: wake)))
            }
        }
    }

    /// A random whole second in the window starting at `ws`.
    private mutating func offset(_ ws: Int64) -> Int64 {
        ws + Int64(arrivals.int(0...Int(Self.windowMillis / 1000) - 1)) * 1000
    }

    /// An everyday incident of category `c` (optionally only from templates passing `only`).
    mutating func everydayIncident(_ c: IncidentCategory, at t: Int64,
                                   only: ((IncidentTemplate) -> Bool)? = nil) -> IncidentDraft {
        var templates = IncidentTemplate.everyday[c] ?? []
        if let only { templates = templates.filter(only) }
        let tpl = templates[arrivals.weightedIndex(templates.map(\.weight))]
        var severity = arrivals.int(tpl.severity)
        let d: Int
        let location: GeoPoint
        let address: String
        var street: String?
        var road: String?
        var segment: Int?
        if tpl.onRoad {
            let tollWeight = c == .fallenTree ? 0 : 1.4
            let weights = segments.indices.map { i in segmentPressure[i] * (segments[i].isToll ? tollWeight : 1) }
            let i = arrivals.weightedIndex(weights)
            let seg = segments[i]
            segment = i
            d = segmentDistrict[i]
            location = SimDistrict.jitter(seg.location, &arrivals, maxMeters: 250)
            if seg.isToll {
                address = "Tol Jakarta–Tangerang KM \(arrivals.int(17...27)) arah \(arrivals.chance(0.5) ? "Jakarta" : "Merak")"
                if c == .accident, arrivals.chance(0.15) { severity = min(5, severity + 1) }
            } else {
                address = "\(seg.road) No. \(arrivals.int(1...250))"
            }
            road = seg.road
        } else {
            d = arrivals.weightedIndex(SimDistrict.all.map(\.weight))
            let district = SimDistrict.all[d]
            location = district.jitteredPoint(&arrivals)
            (street, address) = district.streetAddress(&arrivals)
        }
        let title = tpl.title(in: SimDistrict.all[d], street: street, road: road, depth: 0, &arrivals)
        var draft = IncidentDraft(
            millis: t, category: c, severity: severity, title: title, district: d, address: address,
            location: location, channel: channel(for: c), responder: tpl.responder, workMinutes: tpl.workMinutes)
        if let segment {
            draft.segment = segment
            draft.segmentFactor = c == .fallenTree ? 0.45 : [0.85, 0.72, 0.55, 0.4, 0.28][min(4, max(0, severity - 1))]
        }
        return draft
    }

    /// A flood in district `d`, resolved once its drains have emptied.
    private mutating func floodIncident(_ d: Int, at t: Int64, spells: [RainSpell]) -> IncidentDraft {
        let district = SimDistrict.all[d]
        let h = hazardNow[d]
        let depth = Int(SimMath.clamp((15 + 50 * min(1.2, h) * arrivals.uniform(0.6, 1.3)).rounded(), 15, 110))
        let templates = IncidentTemplate.floods
        let tpl = templates[arrivals.weightedIndex(templates.map(\.weight))]
        let severity = tpl.severity.count == 1 ? tpl.severity.lowerBound : (depth < 35 ? 3 : depth < 60 ? 4 : 5)
        let (street, address) = district.streetAddress(&arrivals)
        let title = tpl.title(in: district, street: street, road: nil, depth: depth, &arrivals)
        let channel = ["112", "app", "sensor"][arrivals.weightedIndex([0.5, 0.3, 0.2])]
        var draft = IncidentDraft(
            millis: t, category: .flood, severity: severity, title: title, district: d,
            address: address, location: district.jitteredPoint(&arrivals),
            channel: channel, responder: .bpbd, workMinutes: 0)
        var end = t
        let limit = t + 30 * SimClock.hourMillis
        while end < limit, HydrologyModel.floodHazard(district: d, at: end, spells: spells) >= 0.22 {
            end += 10 * SimClock.minuteMillis
        }
        draft.resolveAtMillis = end + Int64(arrivals.uniform(0.5, 3) * Double(SimClock.hourMillis))
        return draft
    }

    /// The Cisadane overflowing into a riverside kampung.
    private mutating func riverOverflow(at t: Int64, level: Double) -> IncidentDraft {
        let (name, spots) = Self.riversideSpots[arrivals.weightedIndex([0.4, 0.4, 0.2])]
        let d = SimDistrict.index(name)
        let district = SimDistrict.all[d]
        let title = "Air Cisadane meluap ke permukiman \(arrivals.pick(spots))"
        var draft = IncidentDraft(
            millis: t, category: .flood, severity: level > 440 ? 5 : 4, title: title, district: d,
            address: district.streetAddress(&arrivals).address, location: district.jitteredPoint(&arrivals, maxMeters: 800),
            channel: arrivals.chance(0.7) ? "112" : "app", responder: .bpbd, workMinutes: 0)
        let day = SimClock.day(of: t)
        let ahead = spells((day - 2)...(day + 2))
        var end = t
        let limit = t + 30 * SimClock.hourMillis
        while end < limit, cleanLevel(gauge: 0, at: end, spells: ahead) >= 360 {
            end += 10 * SimClock.minuteMillis
        }
        draft.resolveAtMillis = end + Int64(arrivals.uniform(0.5, 2) * Double(SimClock.hourMillis))
        return draft
    }

    /// How an incident of category `c` reached the command center.
    private mutating func channel(for c: IncidentCategory) -> String {
        let table: ([String], [Double])
        switch c {
        case .fire: table = (["112", "social", "app"], [0.75, 0.15, 0.1])
        case .accident: table = (["112", "cctv", "social", "radio"], [0.5, 0.3, 0.1, 0.1])
        case .medical: table = (["112", "app"], [0.85, 0.15])
        case .crime: table = (["112", "app", "social"], [0.7, 0.1, 0.2])
        case .publicOrder: table = (["radio", "112", "app", "social"], [0.35, 0.3, 0.2, 0.15])
        case .infrastructure: table = (["app", "112", "cctv", "social"], [0.4, 0.3, 0.15, 0.15])
        case .fallenTree: table = (["112", "app", "cctv"], [0.6, 0.25, 0.15])
        case .flood: table = (["112", "app", "sensor"], [0.5, 0.3, 0.2])
        case .weather: table = (["radio"], [1])
        case .earthquake, .other: table = (["112", "app", "social"], [0.6, 0.3, 0.1])
        }
        return table.0[arrivals.weightedIndex(table.1)]
    }

    /// A complaint ticket; with `stormWeights` (per kecamatan) one that follows the storm.
    private mutating func ticket(at t: Int64, stormWeights: [Double]?) -> TicketDraft {
        let cats = TicketCategory.all
        let c = arrivals.weightedIndex(cats.map { stormWeights == nil ? $0.weight : $0.stormWeight })
        let d = arrivals.weightedIndex(stormWeights ?? SimDistrict.all.map(\.weight))
        return Self.ticketDraft(category: c, district: d, at: t, created: t, &arrivals)
    }

    /// A ticket draft of category `c` in district `d`.
    static func ticketDraft(category c: Int, district d: Int, at t: Int64, created: Int64,
                     _ r: inout SimRandom) -> TicketDraft {
        let cat = TicketCategory.all[c]
        let district = SimDistrict.all[d]
        let (street, address) = district.streetAddress(&r)
        let title = SimText.fill(r.pick(cat.titles), district: district, street: street, agency: cat.agency, &r)
        let channel = ["app", "whatsapp", "call_center", "social"][r.weightedIndex([0.45, 0.3, 0.12, 0.13])]
        return TicketDraft(millis: t, created: created, category: c, title: title, district: d,
                           address: address, location: district.jitteredPoint(&r), channel: channel)
    }

    /// Gives this window's creations ids in time order (`INC-YYYYMMDD-NNNN`,
    /// `LAKSA-YYYYMMDD-NNNN`, numbered per WIB day) and schedules their lifecycles.
    mutating func createAll() {
        guard !creations.isEmpty else { return }
        let ordered = creations.enumerated().sorted {
            $0.element.millis != $1.element.millis ? $0.element.millis < $1.element.millis : $0.offset < $1.offset
        }.map(\.element)
        creations.removeAll(keepingCapacity: true)
        for c in ordered {
            let day = SimClock.day(of: c.millis)
            switch c {
            case .incident(let d):
                if day != incidentDay { incidentDay = day; incidentCount = 0 }
                incidentCount += 1
                let id = d.fixedID ?? "INC-\(SimClock.dateStamp(day))-\(SimClock.fourDigits(incidentCount))"
                var r = SimRandom(seed: seed, SimTag.incident, UInt64(bitPattern: Int64(day)), UInt64(incidentCount))
                let resolved = IncidentLifecycle.schedule(d, id: id, &r, into: &queue)
                openUntil.append(resolved)
                if let s = d.segment {
                    disruptions.append(Disruption(segment: s, from: d.millis, until: resolved, factor: d.segmentFactor))
                }
                if let g = d.gauge {
                    gaugeAlerts[g].incidentID = id
                    gaugeAlerts[g].resolvesAt = resolved
                }
            case .ticket(let d):
                if day != ticketDay { ticketDay = day; ticketCount = 0 }
                ticketCount += 1
                let id = d.fixedID ?? "LAKSA-\(SimClock.dateStamp(day))-\(SimClock.fourDigits(ticketCount))"
                var r = SimRandom(seed: seed, SimTag.ticket, UInt64(bitPattern: Int64(day)), UInt64(ticketCount))
                TicketLifecycle.schedule(d, id: id, runStart: startMillis, &r, into: &queue)
            }
        }
    }
}
