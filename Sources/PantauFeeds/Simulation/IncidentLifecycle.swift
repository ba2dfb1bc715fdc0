import PantauCore

/// Turns an incident draft into its whole lifecycle of feed events (new → acknowledged →
/// dispatched → on_scene → resolved → closed, with notes, the odd severity change or
/// re-opening, and a few that run long), each carrying only the fields that changed, and
/// schedules them.
enum IncidentLifecycle {
    private static let minute = 60_000.0

    /// Schedules every step of the incident into `queue`; returns when it is (last) resolved.
    static func schedule(_ d: IncidentDraft, id: String, _ r: inout SimRandom,
                         into queue: inout PendingEventQueue) -> Int64 {
        let district = d.district.map { SimDistrict.all[$0] } ?? SimDistrict.all[0]
        let responder = d.responder.unit(in: district, &r)
        let notes = IncidentTemplate.notes(for: d.category)
        let severity = d.severity

        func push(_ time: Double, _ u: IncidentUpdate) {
            // Whole seconds, as the feed's timestamps carry.
            let millis = Int64((time / 1000).rounded(.down)) * 1000
            queue.push(FeedEvent(time: Instant(millis: millis), source: CitySimulator.sourceName,
                                 payload: .incident(u)))
        }
        func step(_ s: IncidentStatus?, note: String? = nil) -> IncidentUpdate {
            var u = IncidentUpdate(id: id)
            u.status = s
            u.note = note
            return u
        }
        func maybe(_ p: Double, _ pool: [String]) -> String? {
            guard !pool.isEmpty, r.chance(p) else { return nil }
            return r.pick(pool)
        }

        var first = IncidentUpdate(id: id)
        first.category = d.category
        first.severity = severity
        first.title = d.title
        first.status = d.initialStatus
        first.place = Place(district: d.district.map { SimDistrict.all[$0].name }, address: d.address, location: d.location)
        first.channel = d.channel

        var t = Double(d.millis)
        if d.initialStatus == .new {
            push(t, first)
            t += (severity >= 5 ? r.uniform(0.5, 2) : r.uniform(1, 5)) * minute
            push(t, step(.acknowledged))
            let minor = severity <= 2 && [.medical, .publicOrder, .other].contains(d.category)
            if minor, r.chance(0.1) {
                t += r.uniform(3, 15) * minute
                push(t, step(.resolved, note: r.pick(["Ditangani melalui telepon", "Laporan tidak terbukti di lokasi"])))
                push(t + r.uniform(5, 30) * minute, step(.closed))
                return Int64(t)
            }
            t += (severity >= 4 ? r.uniform(0.5, 4) : r.uniform(1.5, 12)) * minute
            var dispatched = step(.dispatched, note: maybe(0.45, notes.dispatch))
            dispatched.unit = responder.unit
            dispatched.agency = responder.agency
            push(t, dispatched)
            t += r.uniform(6, 22) * minute
            push(t, step(.onScene, note: maybe(0.3, notes.scene)))
        } else {
            // Carried over from the previous shift: first seen already under way.
            if d.initialStatus >= .dispatched {
                first.unit = responder.unit
                first.agency = responder.agency
            }
            first.note = "Lanjutan dari shift sebelumnya"
            push(t, first)
            if d.initialStatus == .acknowledged {
                t += r.uniform(5, 30) * minute
                var dispatched = step(.dispatched)
                dispatched.unit = responder.unit
                dispatched.agency = responder.agency
                push(t, dispatched)
            }
            if d.initialStatus < .onScene {
                t += r.uniform(6, 22) * minute
                push(t, step(.onScene))
            }
        }

        let onScene = t
        var resolved: Double
        var longStay = false
        if let fixed = d.resolveAtMillis {
            resolved = max(Double(fixed), onScene + r.uniform(10, 30) * minute)
        } else {
            longStay = r.chance(longStayChance(d.category))
            let work = longStay ? r.uniform(8, 30) * 60 : r.logNormal(median: d.workMinutes, sigma: 0.45)
            resolved = onScene + max(5, work) * minute
        }
        let span = resolved - onScene

        if d.allowsSeverityChange {
            let at = onScene + min(r.uniform(2, 20) * minute, span * 0.5)
            if severity < 5, r.chance(0.12) {
                var u = step(nil, note: escalationNote(d.category))
                u.severity = severity + 1
                push(at, u)
            } else if severity > 1, r.chance(0.05) {
                var u = step(nil, note: "Situasi terkendali, prioritas diturunkan")
                u.severity = severity - 1
                push(at, u)
            }
        }
        if longStay {
            push(onScene + min(60 * minute, span * 0.3), step(nil, note: longStayNote(d.category)))
        } else if span > 20 * minute, let note = maybe(0.35, notes.progress) {
            push(onScene + span * r.uniform(0.35, 0.7), step(nil, note: note))
        }
        push(resolved, step(.resolved, note: maybe(0.6, notes.resolve)))

        if d.category == .fire || d.category == .flood, r.chance(0.04) {
            // Re-opened: the fire flares up again, the water comes back.
            var tt = resolved + r.uniform(20, 90) * minute
            let why = d.category == .fire ? "Api kembali menyala, unit dikirim ulang" : "Air kembali naik, tim dikirim ulang"
            push(tt, step(.acknowledged, note: why))
            tt += r.uniform(2, 5) * minute
            var again = step(.dispatched)
            again.unit = responder.unit
            push(tt, again)
            tt += r.uniform(8, 15) * minute
            push(tt, step(.onScene))
            tt += r.uniform(20, 90) * minute
            push(tt, step(.resolved, note: r.pick(notes.resolve)))
            resolved = tt
        }
        push(resolved + r.uniform(10, 60) * minute,
             step(.closed, note: r.chance(0.25) ? "Laporan kejadian selesai dibuat" : nil))
        return Int64(resolved)
    }

    private static func longStayChance(_ c: IncidentCategory) -> Double {
        switch c {
        case .infrastructure: return 0.25
        case .crime: return 0.08
        case .fallenTree, .other: return 0.04
        case .fire, .accident, .publicOrder: return 0.02
        case .medical, .flood, .weather, .earthquake: return 0
        }
    }

    private static func escalationNote(_ c: IncidentCategory) -> String {
        switch c {
        case .fire: return "Api membesar, unit tambahan diminta"
        case .accident: return "Korban lebih dari satu, ambulans tambahan diminta"
        case .flood: return "Air terus naik"
        case .medical: return "Kondisi pasien memburuk"
        case .crime, .publicOrder: return "Massa bertambah, bantuan personel diminta"
        default: return "Situasi memburuk, dinaikkan prioritasnya"
        }
    }

    private static func longStayNote(_ c: IncidentCategory) -> String {
        switch c {
        case .infrastructure: return "Perbaikan butuh waktu lebih lama, menunggu material"
        case .crime: return "Penyelidikan berlanjut"
        default: return "Penanganan berlanjut"
        }
    }
}
