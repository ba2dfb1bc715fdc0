import PantauCore

/// Turns a ticket draft into its lifecycle (open → verified → in_progress → resolved →
/// closed, or rejected at verification), taking hours to days and respecting office hours
/// for offices that do not work around the clock; schedules the events.
enum TicketLifecycle {
    private static let hour = Double(SimClock.hourMillis)

    /// Schedules every step of the ticket into `queue`.
    static func schedule(_ d: TicketDraft, id: String, runStart: Int64, _ r: inout SimRandom,
                         into queue: inout PendingEventQueue) {
        let cat = TicketCategory.all[d.category]
        let district = SimDistrict.all[d.district]
        let emergency = cat.isEmergency

        func push(_ time: Double, _ u: TicketUpdate) {
            // Whole seconds, as the feed's timestamps carry.
            let millis = Int64((time / 1000).rounded(.down)) * 1000
            queue.push(FeedEvent(time: Instant(millis: millis), source: CitySimulator.sourceName,
                                 payload: .ticket(u)))
        }
        func step(_ s: TicketStatus, note: String? = nil) -> TicketUpdate {
            var u = TicketUpdate(id: id)
            u.status = s
            u.note = note
            return u
        }
        func fill(_ pool: [String]) -> String {
            SimText.fill(r.pick(pool), district: district, agency: cat.agency, &r)
        }

        var first = TicketUpdate(id: id)
        first.category = cat.name
        first.title = d.title
        first.agency = cat.agency
        first.channel = d.channel
        if d.created != d.millis { first.created = Instant(millis: d.created) }
        first.slaHours = cat.slaHours
        first.status = d.initialStatus
        first.place = Place(district: district.name, address: d.address, location: d.location)
        push(Double(d.millis), first)

        var t = Double(d.millis)
        var stage = d.initialStatus
        if stage == .open {
            t = emergency ? t + r.uniform(0.1, 1) * hour
                          : officeTime(t + r.uniform(0.3, 2.5) * hour, from: 7.5, to: 21, &r)
            if r.chance(0.07) {
                push(t, step(.rejected, note: r.pick(TicketCategory.rejectReasons)))
                return
            }
            push(t, step(.verified, note: r.chance(0.5) ? "Laporan diverifikasi dan diteruskan ke \(cat.agency)" : nil))
            stage = .verified
        }
        if stage == .verified {
            t = emergency ? t + r.uniform(0.2, 2) * hour
                          : officeTime(t + r.uniform(1, 14) * hour, from: 8, to: 17, &r)
            push(t, step(.inProgress, note: r.chance(0.5) ? fill(cat.progressNotes) : nil))
        }

        let due = Double(d.created) + cat.slaHours * hour
        var resolved: Double
        if due < Double(runStart) {
            // Already overdue when the run starts: cleared some time in the coming hours or days.
            resolved = max(t + r.uniform(0.5, 3) * hour, Double(runStart) + r.logNormal(median: 10, sigma: 0.9) * hour)
        } else {
            let target = Double(d.created) + cat.slaHours * r.logNormal(median: 0.55, sigma: 0.65) * hour
            resolved = max(t + r.uniform(0.5, 3) * hour, target)
        }
        if !emergency { resolved = officeTime(resolved, from: 8, to: 17, &r) }
        push(resolved, step(.resolved, note: r.chance(0.7) ? fill(cat.doneNotes) : nil))
        let closing = r.chance(0.3) ? r.pick(["Pelapor mengonfirmasi penyelesaian", "Ditutup otomatis setelah 1x24 jam"]) : nil
        push(resolved + r.uniform(2, 30) * hour, step(.closed, note: closing))
    }

    /// `t` if it falls within office hours (`from` ..< `to`, WIB), else a moment in the first
    /// hour and a half of the next opening.
    private static func officeTime(_ t: Double, from: Double, to: Double, _ r: inout SimRandom) -> Double {
        let millis = Int64(t)
        let h = SimClock.hourOfDay(millis)
        if h >= from && h < to { return t }
        var day = SimClock.day(of: millis)
        if h >= to { day += 1 }
        return Double(SimClock.startOfDay(day)) + (from + r.uniform(0, 1.5)) * hour
    }
}
