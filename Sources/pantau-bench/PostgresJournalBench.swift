import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauPostgres

// `pantau-bench pg-journal [URL]`: the shared journal's figures on a PostgreSQL server (URL, default
// $PANTAU_BENCH_POSTGRES_URL, e.g. the one `scripts/pg-test-server start` prints), each run in a
// scratch database made and dropped on it:
//
//  1. appending simulated feed events (seed 1, a day) in batches of 100 and of 1,000 by 1, 2, 4
//     and 8 writers at once (threads, a connection each, one locked transaction per batch):
//     events/s over all writers, and the p99 time of a batch;
//  2. reading the journal back by sequence, 10,000 entries a query: entries/s.

func postgresJournalBench(_ args: [String]) throws {
    guard let server = args.first ?? ProcessInfo.processInfo.environment["PANTAU_BENCH_POSTGRES_URL"] else {
        throw PostgresBenchError("pg-journal needs a server URL (or PANTAU_BENCH_POSTGRES_URL); scripts/pg-test-server start makes one")
    }
    let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!
    var lines: [String] = []
    CitySimulator(seed: 1, start: start, hours: 24).run { lines.append(FeedEventEncoder.line(for: $0)) }
    let perRun = min(lines.count, 40_000)
    print("pg-journal: \(perRun) simulated events per run on \(JournalAddress.redacted(server))")
    for batchSize in [100, 1_000] {
        for writers in [1, 2, 4, 8] {
            let database = try PostgresScratchDatabase(serverURL: server, prefix: "pantau_bench")
            defer { try? database.drop() }
            _ = try PostgresJournal(url: database.url)
            let run = try appendRun(url: database.url, lines: Array(lines.prefix(perRun)), batchSize: batchSize, writers: writers)
            print(String(format: "pg-journal append, batches of %4d, %d writer%@: %6.0f events/s; per batch median %6.2f ms, p99 %7.2f ms",
                         batchSize, writers, writers == 1 ? " " : "s", Double(perRun) / run.elapsed,
                         run.median * 1000, run.p99 * 1000))
            if batchSize == 1_000, writers == 1 { try readRun(url: database.url, count: perRun) }
        }
    }
}

/// `writers` threads share `lines` out in batches; returns the wall time and the batch times.
private func appendRun(url: String, lines: [String], batchSize: Int, writers: Int) throws -> (elapsed: Double, median: Double, p99: Double) {
    let batches = stride(from: 0, to: lines.count, by: batchSize).map { Array(lines[$0..<min(lines.count, $0 + batchSize)]) }
    let record = BatchTimes()
    let group = DispatchGroup()
    let t0 = now()
    for w in 0..<writers {
        group.enter()
        let mine = stride(from: w, to: batches.count, by: writers).map { batches[$0] }
        Thread {
            defer { group.leave() }
            do {
                let journal = try PostgresJournal(url: url)
                let recordedAt = Instant(millis: Int64(Date().timeIntervalSince1970 * 1000))
                for batch in mine {
                    let t = now()
                    _ = try journal.appendLines(batch, recordedAt: recordedAt)
                    record.add(now() - t)
                }
            } catch {
                record.fail("\(error)")
            }
        }.start()
    }
    group.wait()
    let elapsed = now() - t0
    if let failure = record.failure { throw PostgresBenchError("writer failed: \(failure)") }
    let times = record.sorted
    return (elapsed, times[times.count / 2], times[min(times.count - 1, times.count * 99 / 100)])
}

private func readRun(url: String, count: Int) throws {
    let journal = try PostgresJournal(url: url, readOnly: true)
    let t0 = now()
    var after: Int64 = 0, read = 0
    while true {
        let page = try journal.entries(after: after, limit: 10_000)
        guard let last = page.last else { break }
        read += page.count
        after = last.sequence
    }
    let elapsed = now() - t0
    guard read == count else { throw PostgresBenchError("read \(read) entries, expected \(count)") }
    print(String(format: "pg-journal read by sequence, 10,000 a query: %d entries in %.2f s, %.0f entries/s", read, elapsed, Double(read) / elapsed))
}

final class BatchTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Double] = []
    private(set) var failure: String?

    func add(_ t: Double) { lock.withLock { times.append(t) } }
    func fail(_ message: String) { lock.withLock { failure = failure ?? message } }
    var sorted: [Double] { lock.withLock { times.sorted() } }
}

struct PostgresBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
