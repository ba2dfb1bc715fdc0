import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI

// `pantau-bench desk [FILE]`: the three desk figures, on sessions with a SQLiteJournal in
// a temporary directory:
//
//  1. keystroke to action committed to screen: a supervisor's session over a simulated day
//     (seed 1), 1,000 actions by keys (a note typed then Enter, or `a`), each timed from the
//     committing key through the journal's fsync'd append, the apply and the rendered frame;
//  2. feed events at 10,000 events/s, 1,000 a loop turn (a frame every 100 ms): the frame's
//     render time and the whole turn's, with and without the journal's appends (same events);
//  3. restart: a journal of the 1M-event feed (FILE, default /tmp/pantau-bench-1m.ndjson) with
//     a checkpoint at 99 %, reopened: `Session.restore` and the first rendered frame.

func deskBench(_ args: [String]) throws {
    let layout = try ShippedLayouts.named("command-center")!
    var day: [FeedEvent] = []
    let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!
    CitySimulator(seed: 1, start: start, hours: 24).run { day.append($0) }
    print("desk: simulated day (seed 1), \(day.count) events")
    try keystrokeBench(day: day, layout: layout)
    try feedFrameBench(day: day, layout: layout)
    try restartBench(path: args.first ?? "/tmp/pantau-bench-1m.ndjson", layout: layout)
}

private func percentiles(_ times: [Double]) -> String {
    let t = times.sorted()
    return String(format: "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d)", t[t.count / 2] * 1000,
                  t[min(t.count - 1, t.count * 99 / 100)] * 1000, t.last! * 1000, t.count)
}

private func keystrokeBench(day: [FeedEvent], layout: Layout) throws {
    let journal = try SQLiteJournal.temporary()
    defer { journal.close() }
    let session = Session(layout: layout, identity: ConsoleIdentity(user: "bench", role: .supervisor, console: "bench"),
                          journal: journal)
    for i in stride(from: 0, to: day.count, by: 1_000) { session.update(.events(Array(day[i..<min(day.count, i + 1_000)]))) }
    session.checkpoint()
    let end = day.last!.time
    session.update(.tick(now: end, wall: end))
    session.update(.resize(width: 200, height: 60))
    session.update(.keys([.char("2")]))
    let status = DashboardStatus(mode: .live)
    _ = session.frame(status: status)
    var times: [Double] = []
    var committed = 0
    for n in 0..<1_000 {
        let key: Key
        if n % 2 == 0 {
            session.update(.keys([.char("i")] + "catatan \(n): warga melapor genangan".map(Key.char)))
            key = .enter
        } else {
            key = .char("a")
        }
        let t = now()
        let effects = session.update(.keys([key]))
        _ = session.frame(status: status)
        times.append(now() - t)
        if effects.submission != nil { committed += 1 }
    }
    print("desk keystroke to action committed to screen (journal append fsync'd, apply, 200x60 frame): "
          + percentiles(times) + ", \(committed) actions journaled")
}

private func feedFrameBench(day: [FeedEvent], layout: Layout) throws {
    for journaled in [false, true] {
        let journal = journaled ? try SQLiteJournal.temporary() : nil
        defer { journal?.close() }
        let session = Session(layout: layout, journal: journal)
        session.update(.resize(width: 200, height: 60))
        let status = DashboardStatus(mode: .live)
        var frames: [Double] = []
        var turns: [Double] = []
        let t0 = now()
        for i in stride(from: 0, to: day.count, by: 1_000) {
            let batch = Array(day[i..<min(day.count, i + 1_000)])
            let t = now()
            session.update(.events(batch))
            session.update(.tick(now: batch.last!.time, wall: batch.last!.time))
            let f = now()
            _ = session.frame(status: status)
            frames.append(now() - f)
            turns.append(now() - t)
        }
        let elapsed = now() - t0
        session.checkpoint()
        print(String(format: "desk feed, 1,000 events a turn, %@: %.0f events/s sustained; frame ",
                     journaled ? "journaled" : "no journal", Double(day.count) / elapsed)
              + percentiles(frames) + "; whole turn " + percentiles(turns))
    }
}

private func restartBench(path: String, layout: Layout) throws {
    if !FileManager.default.fileExists(atPath: path) { try generate(path) }
    var lines: [String] = []
    try String(contentsOfFile: path, encoding: .utf8).enumerateLines { line, _ in lines.append(line) }
    let journal = try SQLiteJournal.temporary()
    defer { journal.close() }
    let checkpointAt = lines.count * 99 / 100
    let decoder = FeedLineDecoder()
    var state = CityState()
    var written = 0
    let stamp = Instant(millis: 0)
    while written < lines.count {
        let batch = Array(lines[written..<min(lines.count, written + 10_000, written < checkpointAt ? checkpointAt : lines.count)])
        _ = try journal.appendLines(batch, recordedAt: stamp)
        if written < checkpointAt {
            for line in batch { if case .event(let e) = decoder.decode(line) { state.applyPlayed(e) } }
        }
        written += batch.count
        if written == checkpointAt { try journal.saveCheckpoint(JournalCheckpoint(sequence: Int64(checkpointAt), state: state)) }
    }
    for _ in 1...3 {
        let t = now()
        let reopened = try SQLiteJournal(path: journal.path)
        let session = Session(layout: layout, journal: reopened)
        let folded = try session.restore(from: reopened)
        session.update(.resize(width: 200, height: 60))
        if let last = session.state.clock { session.update(.tick(now: last, wall: last)) }
        _ = session.frame(status: DashboardStatus(mode: .live))
        let elapsed = now() - t
        reopened.close()
        print(String(format: "desk restart: %d entries, checkpoint at %d, %d folded after it; open, restore and first 200x60 frame in %.3f s",
                     lines.count, checkpointAt, folded, elapsed))
    }
}
