import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI

// `pantau-bench rewind [FILE]`: rewinding a session over a journal of 1M entries spread over
// 24 h (the events of FILE, default /tmp/pantau-bench-1m.ndjson, entry i applied at
// 00:00 + i × 24 h / N; a checkpoint every 10,000 entries, as the session writes them):
//
//  1. jumps anywhere in the 24 h (moments scattered by the golden-ratio sequence), each timed from the jump to its first
//     rendered 200x60 frame (`Session.rewind(to:)` then `Session.frame`);
//  2. ±1 min steps (`[` `]`), from random moments, the same way;
//  3. the parts of a jump, at 50 moments: reading and decoding the checkpoint, folding the
//     entries after it; and decoding the whole day's checkpoint alone.

func rewindBench(_ args: [String]) throws {
    let path = args.first ?? "/tmp/pantau-bench-1m.ndjson"
    if !FileManager.default.fileExists(atPath: path) { try generate(path) }
    var lines: [String] = []
    try String(contentsOfFile: path, encoding: .utf8).enumerateLines { line, _ in lines.append(line) }
    let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!
    let spacing = 86_400_000.0 / Double(lines.count)
    func at(_ i: Int) -> Instant { Instant(millis: start.millis + Int64(Double(i) * spacing)) }

    let journal = try SQLiteJournal.temporary()
    defer { journal.close() }
    let decoder = FeedLineDecoder()
    var state = CityState()
    let t0 = now()
    var written = 0
    while written < lines.count {
        let upper = min(lines.count, written + 10_000)
        let times = (written..<upper).map(at)
        _ = try journal.appendLines(Array(lines[written..<upper]), at: times, recordedAt: start)
        for (i, line) in lines[written..<upper].enumerated() {
            if case .event(let e) = decoder.decode(line) {
                state.sweep(asOf: times[i])
                state.apply(e)
            }
        }
        written = upper
        try journal.saveCheckpoint(JournalCheckpoint(sequence: Int64(written), state: state, at: times.last))
    }
    print(String(format: "rewind: journal of %d entries over 24 h, %d checkpoints, written in %.0f s (%.0f MB)",
                 lines.count, lines.count / 10_000, now() - t0, Double(journal.fileSize) / 1e6))

    let layout = try ShippedLayouts.named("command-center")!
    let session = Session(layout: layout, journal: journal)
    try session.restore(from: journal)
    let end = at(lines.count - 1)
    session.update(.tick(now: end, wall: end))
    session.update(.resize(width: 200, height: 60))
    let status = DashboardStatus(mode: .live)
    _ = session.frame(status: status)

    // Moments scattered over the day by the golden-ratio sequence: deterministic, no two close.
    var n = 0.0
    func randomMoment() -> Instant {
        n += 1
        let fraction = (n * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1)
        return Instant(millis: start.millis + Int64(fraction * 86_000_000))
    }
    var frames: [Double] = []
    func timed(_ body: () -> Void) -> Double {
        let t = now()
        body()
        let f = now()
        _ = session.frame(status: status)
        frames.append(now() - f)
        return now() - t
    }
    // The first rewind also reads the journal's timeline (entries per minute, alarms) once.
    let first = timed { _ = session.rewind(to: randomMoment()) }
    print(String(format: "rewind: first jump (reads the timeline once) %.0f ms", first * 1000))
    var jumps: [Double] = []
    for _ in 0..<200 { jumps.append(timed { _ = session.rewind(to: randomMoment()) }) }
    print("rewind: random jumps in 24 h to the first 200x60 frame: " + rewindPercentiles(jumps)
          + "; of which the frame " + rewindPercentiles(frames.suffix(200)))
    var steps: [Double] = []
    for n in 0..<50 {
        _ = session.rewind(to: randomMoment())
        for _ in 0..<4 { steps.append(timed { _ = session.step(by: n % 2 == 0 ? 60 : -60) }) }
    }
    print("rewind: ±1 min steps to the first 200x60 frame: " + rewindPercentiles(steps)
          + "; of which the frame " + rewindPercentiles(frames.suffix(200)))
    try rewindParts(journal: journal, state: state, moment: randomMoment)
}

/// Where a jump's time goes: the checkpoint (read and decoded), the fold after it.
private func rewindParts(journal: SQLiteJournal, state: CityState, moment: () -> Instant) throws {
    var reads: [Double] = []
    var folds: [Double] = []
    for _ in 0..<50 {
        let time = moment()
        var t = now()
        guard let checkpoint = try journal.latestCheckpoint(asOf: time) else { continue }
        reads.append(now() - t)
        t = now()
        var folded = JournalFold.start(from: checkpoint, base: CityState())
        try JournalFold.fold(&folded, from: journal, through: time)
        folds.append(now() - t)
    }
    print("rewind: parts of a jump: read and decode the checkpoint " + rewindPercentiles(reads)
          + "; fold the entries after it " + rewindPercentiles(folds))
    let encoding = try state.canonicalEncoding()
    var decodes: [Double] = []
    for _ in 0..<10 {
        let t = now()
        _ = try CityState(canonicalEncoding: encoding)
        decodes.append(now() - t)
    }
    print(String(format: "rewind: the whole day's checkpoint (%.1f MB) decodes in ", Double(encoding.count) / 1e6) + rewindPercentiles(decodes))
}

/// `pantau-bench checkpoint [FILE] [N]`: the end-of-day state of FILE's events spread over 24 h
/// (as `rewind` builds it), encoded as a checkpoint; what its bytes are made of (field by field),
/// then N decodes of it (default 20) on one thread and on as many as the decoder uses: the part
/// of a jump that decodes a checkpoint, alone, to profile (`perf record -g .build/release/pantau-bench checkpoint`).
func checkpointBench(_ args: [String]) throws {
    let path = args.first ?? "/tmp/pantau-bench-1m.ndjson"
    let count = args.count > 1 ? Int(args[1]) ?? 20 : 20
    if !FileManager.default.fileExists(atPath: path) { try generate(path) }
    var lines: [String] = []
    try String(contentsOfFile: path, encoding: .utf8).enumerateLines { line, _ in lines.append(line) }
    let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!
    let spacing = 86_400_000.0 / Double(lines.count)
    let decoder = FeedLineDecoder()
    var state = CityState()
    for (i, line) in lines.enumerated() {
        if case .event(let e) = decoder.decode(line) {
            state.sweep(asOf: Instant(millis: start.millis + Int64(Double(i) * spacing)))
            state.apply(e)
        }
    }
    lines = []
    let encoding = try state.canonicalEncoding()
    print(String(format: "checkpoint: %.2f MB", Double(encoding.count) / 1e6))
    for (name, size) in try CityState.codedFieldSizes(in: encoding).sorted(by: { $0.bytes > $1.bytes }) where size > 1000 {
        print(String(format: "  %-20@ %8.0f KB", name as NSString, Double(size) / 1e3))
    }
    // One thread and as many as the decoder uses, interleaved (the host's load changes).
    let lanes = [1, min(4, ProcessInfo.processInfo.activeProcessorCount)]
    var decodes: [[Double]] = [[], []]
    var cpu: [[Double]] = [[], []]
    for _ in 0..<count {
        for (k, n) in lanes.enumerated() {
            let t = now()
            let c = processCPUTime()
            let decoded = try CityState(canonicalEncoding: encoding, lanes: n)
            decodes[k].append(now() - t)
            cpu[k].append(processCPUTime() - c)
            precondition(decoded.eventCount == state.eventCount)
        }
    }
    for (k, n) in lanes.enumerated() {
        print("checkpoint: on \(n) thread\(n == 1 ? "" : "s") decodes in " + rewindPercentiles(decodes[k])
              + "; CPU time (all threads) " + rewindPercentiles(cpu[k]))
    }
}

/// The CPU time this process has used, in seconds (every thread's).
private func processCPUTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

private func rewindPercentiles(_ times: [Double]) -> String {
    let t = times.sorted()
    return String(format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d)", t[t.count / 2] * 1000,
                  t[min(t.count - 1, t.count * 99 / 100)] * 1000, t.last! * 1000, t.count)
}
