import Foundation
import PantauCore

/// What one WIB day holds, drawn from the seed and the day number: whether and when the
/// afternoon storm comes and how strong, showers, and the day's mood for traffic, air,
/// incidents and complaints.
///
/// The first day of a run always gets the full storm (starting 15:00 ± 45 min) that the demo
/// shows; later days vary (dry days, weaker storms). Days before the run are dry, so it
/// starts with rivers at their normal levels.
struct DayPlan: Sendable {
    let day: Int
    let weekday: Int
    let dateStamp: String
    /// The storm first, then showers; empty on a dry day.
    let spells: [RainSpell]
    /// The storm's strength (0 when there is none).
    let stormStrength: Double
    let trafficFactor: Double
    let airFactor: Double
    let incidentFactor: Double
    let ticketFactor: Double

    var isWeekend: Bool { weekday >= 5 }

    init(seed: UInt64, day: Int, firstDay: Int) {
        let isFirstDay = day == firstDay
        var r = SimRandom(seed: seed, SimTag.dayPlan, UInt64(bitPattern: Int64(day)))
        self.day = day
        weekday = SimClock.weekday(day)
        dateStamp = SimClock.dateStamp(day)
        trafficFactor = r.uniform(0.94, 1.06)
        airFactor = r.uniform(0.85, 1.15)
        incidentFactor = r.uniform(0.88, 1.12)
        ticketFactor = r.uniform(0.88, 1.12)

        let dayStart = SimClock.startOfDay(day)
        let districts = Kecamatan.all
        var spells: [RainSpell] = []

        // The afternoon storm.
        var strength = 0.0
        var stormHour = 15.0
        let beforeRun = day < firstDay
        if beforeRun {
            strength = 0
        } else if isFirstDay {
            strength = r.uniform(0.96, 1.05)
            stormHour = 15 + r.uniform(-0.75, 0.75)
        } else if r.chance(0.7) {
            strength = 0.25 + 0.83 * pow(r.unit(), 0.8)
            stormHour = r.uniform(13.5, 17.5)
        }
        if strength > 0 {
            var factors = districts.map { _ in r.uniform(0.72, 1.15) }
            if isFirstDay {
                for (name, range) in [("Periuk", 1.02...1.18), ("Ciledug", 1.02...1.18),
                                      ("Larangan", 0.95...1.12), ("Karang Tengah", 0.95...1.12),
                                      ("Cipondoh", 0.95...1.12)] {
                    factors[SimDistrict.index(name)] = r.uniform(range.lowerBound, range.upperBound)
                }
            }
            let upstream = isFirstDay ? r.uniform(0.96, 1.04) : r.uniform(0.7, 1.2)
            spells.append(RainSpell(
                onsetMillis: dayStart + Int64((stormHour * 60).rounded()) * SimClock.minuteMillis,
                peakMMPerHour: 38 * pow(strength, 0.6) * r.uniform(0.92, 1.08),
                timeScale: r.uniform(0.9, 1.1), strength: strength,
                districtFactor: factors,
                arrivalDelayHours: DayPlan.arrivalDelays(angle: r.uniform(0, 2 * .pi), spread: r.uniform(0.25, 0.55)),
                upstreamFactor: upstream))
        }
        stormStrength = strength

        // Light showers at other hours.
        let showers = beforeRun ? 0 : isFirstDay ? (r.chance(0.3) ? 1 : 0) : r.int(0...2)
        for _ in 0..<showers {
            var hour = r.uniform(0, 24)
            if strength > 0, abs(hour - stormHour) < 4 { hour = (hour + 8).truncatingRemainder(dividingBy: 24) }
            if isFirstDay { hour = r.uniform(1, 10) }
            let s = r.uniform(0.02, 0.08)
            spells.append(RainSpell(
                onsetMillis: dayStart + Int64((hour * 60).rounded()) * SimClock.minuteMillis,
                peakMMPerHour: r.uniform(1.5, 7), timeScale: r.uniform(0.35, 0.7), strength: s,
                districtFactor: districts.map { _ in r.chance(0.35) ? r.uniform(0.05, 0.3) : r.uniform(0.6, 1.1) },
                arrivalDelayHours: DayPlan.arrivalDelays(angle: r.uniform(0, 2 * .pi), spread: r.uniform(0.2, 0.5)),
                upstreamFactor: r.uniform(0.3, 1.0)))
        }
        self.spells = spells
    }

    /// Arrival delays of a rain cell moving across the city towards `angle` (radians,
    /// 0 = east): districts further along get it up to `spread` hours later.
    static func arrivalDelays(angle: Double, spread: Double) -> [Double] {
        let proj = Kecamatan.all.map { k in
            (k.centre.lon - 106.66) * cos(angle) + (k.centre.lat + 6.19) * sin(angle)
        }
        let lo = proj.min() ?? 0
        let hi = proj.max() ?? 1
        return proj.map { hi > lo ? spread * ($0 - lo) / (hi - lo) : 0 }
    }
}
