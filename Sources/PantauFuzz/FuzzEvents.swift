import PantauCore

/// Feed events chosen by fuzz bytes: a few ids, so later events update, re-route, reopen and
/// resolve what earlier ones made; times that mostly move on and sometimes go back or jump;
/// numbers and texts from ordinary to hostile (see `FuzzInput`).
enum FuzzEvents {
    static let start = Instant(millis: 1_795_420_800_000)  // 2026-11-23 00:00 WIB
    static let districts = ["Ciledug", "Periuk", "Karang Tengah", "Cipondoh", "Larangan", "Karawaci", "Nowhere"]
    static let agencies = ["BPBD", "Dinas PUPR", "DLH", "Damkar", "Dinkes", ""]
    static let roads = ["Jl. Daan Mogot", "Tol Jakarta–Tangerang", "Jl. K.H. Hasyim Ashari"]
    static let sensors = ["water_level", "rainfall", "ispu", "pm25", "pm10", "temperature", "humidity", "noise", "ozone"]

    /// Up to `limit` events from `input`.
    static func make(_ input: inout FuzzInput, limit: Int) -> [FeedEvent] {
        var events: [FeedEvent] = []
        var time = start
        while !input.isEmpty, events.count < limit {
            time = nextTime(after: time, &input)
            events.append(FeedEvent(time: time, source: input.chance(oneIn: 8) ? "other" : "fuzz", payload: payload(&input)))
        }
        return events
    }

    private static func nextTime(after time: Instant, _ input: inout FuzzInput) -> Instant {
        switch input.int(in: 0...15) {
        case 0: return Instant(millis: time.millis - Int64(input.int(in: 0...86_400)) * 1000)
        case 1: return Instant(millis: time.millis + Int64(input.int(in: 0...65535)) * 60_000)
        default: return Instant(millis: time.millis + Int64(input.int(in: 0...600)) * 1000)
        }
    }

    private static func payload(_ input: inout FuzzInput) -> FeedPayload {
        switch input.int(in: 0...3) {
        case 0:
            var t = TrafficUpdate(segment: input.string(["seg-1", "seg-2", "seg-3"]), road: input.string(roads))
            t.place = place(&input)
            if !input.chance(oneIn: 4) { t.speedKmh = number(&input, typical: 0...120) }
            if !input.chance(oneIn: 4) { t.freeFlowKmh = number(&input, typical: 0...120) }
            if !input.chance(oneIn: 4) { t.jamLevel = input.chance(oneIn: 8) ? input.pick([-1, 6, Int.max, Int.min]) : input.int(in: 0...5) }
            if !input.chance(oneIn: 4) { t.delaySeconds = number(&input, typical: 0...7200) }
            if !input.chance(oneIn: 4) { t.lengthMeters = number(&input, typical: 0...20000) }
            return .traffic(t)
        case 1:
            var i = IncidentUpdate(id: input.string(["INC-1", "INC-2", "INC-3", "INC-4"]))
            if !input.chance(oneIn: 3) { i.category = input.pick(IncidentCategory.allCases) }
            if !input.chance(oneIn: 3) { i.severity = input.chance(oneIn: 8) ? input.pick([0, -1, 6, Int.max, Int.min]) : input.int(in: 1...5) }
            if !input.chance(oneIn: 3) { i.status = input.pick(IncidentStatus.allCases) }
            if !input.chance(oneIn: 3) { i.title = input.string(["Banjir di Periuk", "Pohon tumbang", ""]) }
            i.place = place(&input)
            if input.chance(oneIn: 2) { i.unit = input.string(["Damkar 3", "Ambulans 2"]) }
            if input.chance(oneIn: 2) { i.agency = input.string(agencies) }
            if input.chance(oneIn: 3) { i.channel = input.string(["112", "LAKSA"]) }
            if input.chance(oneIn: 3) { i.note = input.string(["on the way", ""]) }
            return .incident(i)
        case 2:
            var s = SensorReading(station: input.string(["st-1", "st-2", "st-3"]), sensor: SensorKind(name: input.string(sensors)),
                                  value: number(&input, typical: -10...600))
            if input.chance(oneIn: 2) { s.unit = input.string(["cm", "mm/h", "µg/m³"]) }
            if input.chance(oneIn: 2) { s.name = input.string(["Kali Angke Ciledug", "SPKU Cibodas"]) }
            s.place = place(&input)
            return .sensor(s)
        default:
            var t = TicketUpdate(id: input.string(["T-1", "T-2", "T-3", "T-4"]))
            if !input.chance(oneIn: 3) { t.category = input.string(["Jalan rusak", "Sampah"]) }
            if !input.chance(oneIn: 3) { t.title = input.string(["Lubang besar", ""]) }
            if !input.chance(oneIn: 3) { t.agency = input.string(agencies) }
            if input.chance(oneIn: 3) { t.channel = input.string(["LAKSA", "web"]) }
            if !input.chance(oneIn: 3) { t.created = Instant(millis: start.millis + Int64(input.int(in: -4000...60000)) * 60_000) }
            if !input.chance(oneIn: 3) { t.slaHours = number(&input, typical: 0...240) }
            if !input.chance(oneIn: 3) { t.status = input.pick(TicketStatus.allCases) }
            t.place = place(&input)
            if input.chance(oneIn: 3) { t.note = input.string(["Diteruskan"]) }
            return .ticket(t)
        }
    }

    private static func place(_ input: inout FuzzInput) -> Place {
        var p = Place()
        if input.chance(oneIn: 2) { p.district = input.string(districts) }
        if input.chance(oneIn: 3) { p.address = input.string(["Jl. Kisamaun"]) }
        if input.chance(oneIn: 2) {
            p.location = GeoPoint(lat: number(&input, typical: -6.30 ... -6.10), lon: number(&input, typical: 106.55...106.75))
        }
        return p
    }

    private static func number(_ input: inout FuzzInput, typical: ClosedRange<Double>) -> Double {
        input.double(typical: typical)
    }
}
