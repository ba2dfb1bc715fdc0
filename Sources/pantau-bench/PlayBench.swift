import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauSession
import PantauUI

// `pantau-bench play [FILE] [--rules-only]`: the applying thread of `pantau snapshot --at end`
// alone. The events of FILE (default /tmp/pantau-real-1m.ndjson, made with `generate
// --realistic` if missing) are read and scheduled once into memory; then a session with the
// shipped desk, layout and rules plays them in the reader's batches of 4,096, lending each
// batch as the snapshot does (so the rules evaluate at the first event and each hour of feed
// time). Best of 3, with the time the hourly rule evaluations took of it (the same session
// without rules for the difference; `--rules-only` skips that run). `--alarms OUT` writes what
// the rules did in the first run (each raise as it came, then the alarms kept and the last
// clear of each episode key), to check that a change to the evaluator changed no alarm.

func playBench(_ args: [String]) throws {
    let alarmsOut = args.firstIndex(of: "--alarms").flatMap { args.count > $0 + 1 ? args[$0 + 1] : nil }
    let path = args.enumerated().first { !$0.element.hasPrefix("--") && ($0.offset == 0 || args[$0.offset - 1] != "--alarms") }?.element
        ?? "/tmp/pantau-real-1m.ndjson"
    if !FileManager.default.fileExists(atPath: path) { try generate(path, realistic: true) }
    let reader = ScheduledReader(ParallelFeedReader(try FeedReader(path: path)))
    var batches: [[ScheduledEvent]] = [[]]
    while let e = try reader.next() {
        if batches[batches.count - 1].count == 4096 { batches.append([]) }
        batches[batches.count - 1].append(e)
    }
    let count = batches.reduce(0) { $0 + $1.count }
    let layout = try ShippedLayouts.named("command-center")!
    let desk = DeskConfig.shipped
    print("play: \(count) events of \(path) in \(batches.count) batches, command-center layout, shipped desk")

    func run(rules: Bool, record: Bool = false) -> (seconds: Double, alarms: Int) {
        var state = CityState()
        state.registerUnits(desk.units)
        let session = Session(state: state, layout: layout)
        session.dashboard.take(desk)
        if rules { session.rules = RuleEvaluator(rules: RulesFile.shipped.withTargets(desk.targets).rules) }
        session.recordsActivity = layout.panes.contains { $0.type == .log }
        var alarms = 0
        var raised: [RaisedAlarm] = []
        let t0 = now()
        for i in batches.indices {
            let effects = session.play(lending: &batches[i])
            alarms += effects.raisedAlarms.count
            if record { raised += effects.raisedAlarms }
        }
        let seconds = now() - t0
        if record, let alarmsOut { writeAlarms(raised, session.state, to: alarmsOut) }
        return (seconds, alarms)
    }

    var with = Double.infinity, without = Double.infinity, alarms = 0
    for round in 0..<3 {
        let r = run(rules: true, record: round == 0)
        with = min(with, r.seconds)
        alarms = r.alarms
        if !args.contains("--rules-only") { without = min(without, run(rules: false).seconds) }
    }
    let n = Double(count)
    print(String(format: "play with rules:   %.3f s (%.0f ns/event), %d alarms raised", with, with / n * 1e9, alarms))
    if without.isFinite {
        print(String(format: "play without:      %.3f s (%.0f ns/event)", without, without / n * 1e9))
        print(String(format: "rules (hourly):    %.3f s", with - without))
    }
}

/// What the rules did, as text: each raise as it came, the alarms kept, and the last clear of
/// each episode key.
private func writeAlarms(_ raised: [RaisedAlarm], _ state: CityState, to path: String) {
    var text = ""
    for r in raised { text += "raised \(r.alarm.id) \(r.time.millis) \(r.alarm.title)\n" }
    for a in state.alarms.values.sorted(by: { $0.id < $1.id }) {
        text += "kept \(a.id) \(a.raisedAt.millis) \(a.clearedAt.map { String($0.millis) } ?? "-")\n"
    }
    for (key, at) in state.lastAlarmClears.sorted(by: { $0.key < $1.key }) { text += "cleared \(key) \(at.millis)\n" }
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        print("play: alarms written to \(path)")
    } catch {
        print("play: cannot write \(path): \(error)")
    }
}
