import Foundation
import PantauCore

extension SimulationEngine {
    /// What the run inherits from before its start, emitted in its first minutes: a few
    /// incidents still being handled from the previous shift, and a backlog of complaint
    /// tickets reported in the past days (`created` before the start), some already overdue.
    mutating func carryOver() {
        var r = SimRandom(seed: seed, SimTag.backlog)
        let hour = Double(SimClock.hourMillis)

        // Incidents from the previous shift, numbered on the previous day.
        let previous = SimClock.dateStamp(firstDay - 1)
        var number = r.int(85...120)
        let kinds: [IncidentCategory] = [.infrastructure, .infrastructure, .infrastructure, .crime, .fallenTree]
        let statuses: [IncidentStatus] = [.acknowledged, .dispatched, .onScene, .onScene]
        for k in 0..<r.int(3...5) {
            let saved = arrivals
            arrivals = r
            var d = everydayIncident(r.pick(kinds), at: startMillis + Int64(k * 45 + r.int(5...40)) * 1000)
            r = arrivals
            arrivals = saved
            d.initialStatus = r.pick(statuses)
            d.allowsSeverityChange = false
            d.resolveAtMillis = startMillis + Int64(r.uniform(0.5, 7) * hour)
            let id = "INC-\(previous)-\(SimClock.fourDigits(number))"
            number += r.int(1...4)
            var lr = SimRandom(seed: seed, SimTag.backlog, UInt64(k))
            let resolved = IncidentLifecycle.schedule(d, id: id, &lr, into: &queue)
            openUntil.append(resolved)
            if let s = d.segment {
                disruptions.append(Disruption(segment: s, from: d.millis, until: resolved, factor: d.segmentFactor))
            }
        }

        // The complaint backlog, reported over the past ten days.
        let dayStart = SimClock.startOfDay(firstDay)
        let cats = TicketCategory.all
        var backlog: [TicketDraft] = []
        for _ in 0..<r.int(36...54) {
            let c = r.weightedIndex(cats.map(\.weight))
            // Round-the-clock offices rarely leave a complaint for days; the others may.
            let age = cats[c].isEmergency ? 1 + 29 * r.unit() : 1 + 239 * pow(r.unit(), 1.6)
            let created = dayStart - Int64(age * hour / 1000) * 1000
            let d = r.weightedIndex(SimDistrict.all.map(\.weight))
            let at = startMillis + Int64(r.int(5...600)) * 1000
            var draft = Self.ticketDraft(category: c, district: d, at: at, created: created, &r)
            draft.initialStatus = age > 24
                ? [.inProgress, .verified, .open][r.weightedIndex([0.5, 0.35, 0.15])]
                : [.verified, .open][r.int(0...1)]
            backlog.append(draft)
        }
        backlog.sort { $0.created < $1.created }
        var counters: [Int: Int] = [:]
        for (k, var draft) in backlog.enumerated() {
            let day = SimClock.day(of: draft.created)
            let n = (counters[day] ?? r.int(40...200)) + r.int(1...5)
            counters[day] = n
            draft.fixedID = "LAKSA-\(SimClock.dateStamp(day))-\(SimClock.fourDigits(n))"
            var lr = SimRandom(seed: seed, SimTag.backlog, 1_000 + UInt64(k))
            TicketLifecycle.schedule(draft, id: draft.fixedID!, runStart: startMillis, &lr, into: &queue)
        }
    }
}
