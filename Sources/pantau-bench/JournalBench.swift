import Foundation
import PantauCore
import PantauFeeds
import PantauJournal

// `pantau-bench journal [FILE]`: the journal's two figures, on the 1M-event feed (FILE, default
// /tmp/pantau-bench-1m.ndjson, generated if missing), in temporary journals:
//
//  1. appending feed events as the live loop does, one durable (fsync'd) transaction per turn,
//     in batches of 100 and of 1,000: events/s and the p99 time of a batch;
//  2. restoring: a journal of all the feed's events with a checkpoint of the state folded
//     through 99 % of them, reopened; the time to a restored CityState (open, read and decode
//     the checkpoint, read, decode and fold the entries after it), and its parts.

func journalBench(_ args: [String]) throws {
    let path = args.first ?? "/tmp/pantau-bench-1m.ndjson"
    if !FileManager.default.fileExists(atPath: path) { try generate(path) }
    var lines: [String] = []
    try String(contentsOfFile: path, encoding: .utf8).enumerateLines { line, _ in lines.append(line) }
    print("journal: \(lines.count) events from \(path)")
    try journalAppendBench(lines: Array(lines.prefix(100_000)))
    try journalRestoreBench(lines: lines)
}

private func wallInstant() -> Instant { Instant(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded())) }

private func journalAppendBench(lines: [String]) throws {
    for batchSize in [100, 1_000] {
        let journal = try SQLiteJournal.temporary()
        defer { journal.close() }
        var times: [Double] = []
        let t0 = now()
        var i = 0
        while i < lines.count {
            let batch = Array(lines[i..<min(lines.count, i + batchSize)])
            let t = now()
            _ = try journal.appendLines(batch, recordedAt: wallInstant())
            times.append(now() - t)
            i += batchSize
        }
        let elapsed = now() - t0
        times.sort()
        print(String(format: "journal append, batches of %d: %d events in %.2f s, %.0f events/s; per batch median %.2f ms, p99 %.2f ms, max %.2f ms (%d batches, each fsync'd)",
                     batchSize, lines.count, elapsed, Double(lines.count) / elapsed, times[times.count / 2] * 1000,
                     times[times.count * 99 / 100] * 1000, times.last! * 1000, times.count))
    }
}

private func journalRestoreBench(lines: [String]) throws {
    let journal = try SQLiteJournal.temporary()
    defer { journal.close() }
    let checkpointAt = lines.count * 99 / 100
    let decoder = FeedLineDecoder()
    var state = CityState()
    var t = now()
    var written = 0
    while written < lines.count {
        let batch = Array(lines[written..<min(lines.count, written + 10_000, written < checkpointAt ? checkpointAt : lines.count)])
        _ = try journal.appendLines(batch, recordedAt: wallInstant())
        if written < checkpointAt {
            for line in batch { if case .event(let e) = decoder.decode(line) { state.applyPlayed(e) } }
        }
        written += batch.count
        if written == checkpointAt {
            let e = now()
            let encoded = try state.canonicalEncoding()
            let encodeTime = now() - e
            try journal.saveCheckpoint(JournalCheckpoint(sequence: Int64(checkpointAt), state: state))
            let saveTime = now() - e - encodeTime
            print(String(format: "journal checkpoint at entry %d: %.1f MB, encoded in %.3f s, then saved (encoded again, hashed, written, fsync'd) in %.3f s",
                         checkpointAt, Double(encoded.count) / 1e6, encodeTime, saveTime))
        }
    }
    print(String(format: "journal written: %d entries, %.0f MB on disk, in %.1f s (folding included)",
                 lines.count, Double(journal.fileSize) / 1e6, now() - t))
    let expected = try StateFingerprint(foldAll(lines))
    for run in 1...3 {
        t = now()
        let cpu = cpuSeconds()
        let reopened = try SQLiteJournal(path: journal.path)
        let opened = now()
        guard let checkpoint = try reopened.latestCheckpoint(atOrBefore: nil) else { throw FeedReadError("no checkpoint") }
        let restoredCheckpoint = now()
        var restored = checkpoint.state
        var after = checkpoint.sequence
        var folded = 0
        while true {
            let page = try reopened.entries(after: after, limit: 10_000)
            guard let last = page.last else { break }
            for entry in page { if case .event(let e) = decoder.decode(entry.line) { restored.applyPlayed(e) } }
            folded += page.count
            after = last.sequence
        }
        let done = now()
        let cpuUsed = cpuSeconds() - cpu
        reopened.close()
        let same = try StateFingerprint(restored) == expected
        print(String(format: "journal restore %d: %.3f s to a restored state, %.3f s CPU (open %.3f s, checkpoint read+decode %.3f s, %d entries after it folded %.3f s); state %@ the full fold",
                     run, done - t, cpuUsed, opened - t, restoredCheckpoint - opened, folded, done - restoredCheckpoint,
                     same ? "equals" : "DIFFERS FROM"))
    }
    t = now()
    let report = try JournalVerifier.verify(journal, checkpoints: journal.checkpointSummaries())
    print(String(format: "journal verify: %lld entries, %@, in %.2f s", report.entries, report.problem?.description ?? "chain intact", now() - t))
}

private func foldAll(_ lines: [String]) -> CityState {
    let decoder = FeedLineDecoder()
    var state = CityState()
    for line in lines { if case .event(let e) = decoder.decode(line) { state.applyPlayed(e) } }
    return state
}
