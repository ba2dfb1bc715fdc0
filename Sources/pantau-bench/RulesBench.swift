import Foundation
import PantauConfig
import PantauCore
import PantauFeeds

// `pantau-bench rules [--days N]`: what evaluating the shipped alert rules costs per event at
// 10,000 events/s, on simulated days (seed 1, default 7 days): the events applied one loop turn
// at a time, 1,000 events a turn (a frame every 100 ms), with the rules evaluated before each
// turn over what changed since the last, and in full once a second of feed (10,000 events, a
// tick). The same events are applied without rules for the baseline; best of 3 each.

func rulesBench(_ args: [String]) throws {
    let days = args.firstIndex(of: "--days").flatMap { args.count > $0 + 1 ? Int(args[$0 + 1]) : nil } ?? 7
    var events: [FeedEvent] = []
    let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!
    CitySimulator(seed: 1, start: start, hours: Double(days * 24)).run { events.append($0) }
    let evaluator = RuleEvaluator(rules: RulesFile.shipped.rules)
    print("rules: \(evaluator.rules.count) shipped rules, \(days) simulated days (seed 1), \(events.count) events")
    let turn = 1_000, tick = 10_000

    func run(rules: Bool) -> (seconds: Double, alarms: Int, ticks: Double) {
        var state = CityState()
        var changes = AlertChanges.all
        var alarms = 0
        var tickSeconds = 0.0
        let t0 = now()
        var i = 0
        while i < events.count {
            let batch = events[i..<min(events.count, i + turn)]
            if rules {
                let at = batch.first!.time
                let full = i % tick == 0
                let t = full ? now() : 0
                let due = evaluator.transitions(in: state, now: at, changes: full ? .all : changes)
                if full { tickSeconds += now() - t }
                changes = AlertChanges()
                for e in due { state.apply(e) }
                alarms += due.count
                for e in batch { changes.note(e) }
            }
            for e in batch { state.applyPlayed(e) }
            i += turn
        }
        return (now() - t0, alarms, tickSeconds)
    }

    var base = Double.infinity, with = Double.infinity, ticks = Double.infinity
    var alarms = 0
    for _ in 0..<3 {
        base = min(base, run(rules: false).seconds)
        let r = run(rules: true)
        with = min(with, r.seconds)
        ticks = min(ticks, r.ticks)
        alarms = r.alarms
    }
    let n = Double(events.count)
    let perEvent = (with - base) / n * 1e9
    print(String(format: "apply only:        %.0f ns/event (%.2f s)", base / n * 1e9, base))
    print(String(format: "apply + rules:     %.0f ns/event (%.2f s), %d alarm transitions", with / n * 1e9, with, alarms))
    print(String(format: "rules:             %.0f ns/event = %.2f %% of one core at 10,000 events/s", perEvent, perEvent * 10_000 / 1e9 * 100))
    print(String(format: "full evaluations:  %.3f ms each (one per 10,000 events, as a tick)", ticks / (n / Double(tick)) * 1000))
}
