import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// The parallel reader gives what the plain reader gives: the same events in the same order,
/// the same arrivals, the same counts and first skipped lines, whatever the chunk size and the
/// number of workers, and the read error after the events before it.
final class ParallelFeedReaderTests: XCTestCase {
    /// A seeded mix of good lines (some with `rx`), bad lines, blank lines, CRLF and over-long lines.
    private func mixedFeed(seed: UInt64, lines: Int) -> String {
        var rng = SplitMix(seed: seed)
        var out = ""
        for i in 0..<lines {
            switch rng.next() % 10 {
            case 0: out += "{\"v\":1,\"kind\":\"sensor\"\n"                        // invalid JSON
            case 1: out += "  \n"                                                   // blank
            case 2: out += "{\"v\":1,\"ts\":\"2026-11-23T07:00:00+07:00\",\"kind\":\"sensor\",\"station\":\"x\",\"value\":1}\n" // no sensor
            case 3: out += "{\"v\":1,\"kind\":\"sensor\",\"title\":\"" + String(repeating: "a", count: 300) + "\"}\n" // too long
            case 4: out += String(sensorLine("r", i).dropLast()) + ArrivalStamp.field(Instant(millis: 1_795_000_000_000 + Int64(i) * 1000)) + "}\n"
            case 5: out += sensorLine("c", i) + "\r\n"
            default: out += sensorLine("s", i) + "\n"
            }
        }
        return out + sensorLine("last", 0)   // a last line with no newline
    }

    private func readAll(_ stream: any FeedEventStream) throws -> (events: [String], arrivals: [Instant?], stats: FeedStats) {
        var events: [String] = []
        var arrivals: [Instant?] = []
        let slot = UnsafeMutablePointer<FeedEvent>.allocate(capacity: 1)
        defer { slot.deallocate() }
        while try stream.next(into: slot) {
            events += stations([slot.move()])
            arrivals.append(stream.lastArrival)
        }
        return (events, arrivals, stream.stats)
    }

    func testTheSameAsThePlainReaderForEveryChunkSizeAndWorkerCount() throws {
        let seed: UInt64 = 20261203
        let text = mixedFeed(seed: seed, lines: 3_000)
        let plain = try readAll(FeedReader(source: TextSource(text), maxLineLength: 256))
        XCTAssertGreaterThan(plain.stats.skippedTotal, 0, "the feed has bad lines (seed \(seed))")
        XCTAssertTrue(plain.arrivals.contains { $0 != nil }, "the feed has recorded arrivals (seed \(seed))")
        for workers in [1, 2, 3] {
            for chunkLines in [1, 2, 7, 500, 10_000] {
                let parallel = try readAll(ParallelFeedReader(FeedReader(source: TextSource(text), maxLineLength: 256),
                                                              workers: workers, chunkLines: chunkLines))
                let what = "workers \(workers), chunk \(chunkLines), seed \(seed)"
                XCTAssertEqual(parallel.events, plain.events, what)
                XCTAssertEqual(parallel.arrivals, plain.arrivals, what)
                XCTAssertEqual(parallel.stats, plain.stats, what)
            }
        }
    }

    func testScheduledArrivalsAreTheSame() throws {
        let text = mixedFeed(seed: 7, lines: 800)
        func arrivals(_ stream: any FeedEventStream) throws -> [Instant] {
            let reader = ScheduledReader(stream)
            var out: [Instant] = []
            while let e = try reader.next() { out.append(e.arrival) }
            return out
        }
        let plain = try arrivals(FeedReader(source: TextSource(text), maxLineLength: 256))
        XCTAssertFalse(plain.isEmpty)
        XCTAssertEqual(try arrivals(ParallelFeedReader(FeedReader(source: TextSource(text), maxLineLength: 256), chunkLines: 3)), plain)
    }

    func testAReadErrorComesAfterTheEventsBeforeIt() throws {
        let text = (1...50).map { sensorLine("s", $0) + "\n" }.joined()
        let reader = ParallelFeedReader(FeedReader(source: TextSource(text, failAtEnd: true)), chunkLines: 4)
        let slot = UnsafeMutablePointer<FeedEvent>.allocate(capacity: 1)
        defer { slot.deallocate() }
        var read = 0
        do {
            while try reader.next(into: slot) {
                slot.deinitialize(count: 1)
                read += 1
            }
            XCTFail("the source's error is thrown")
        } catch is TextSource.Failing {
            XCTAssertEqual(read, 50, "every event before the error is handed on")
        }
    }

    func testLettingGoBeforeTheEndStopsTheThreads() throws {
        let text = (1...20_000).map { sensorLine("s", $0) + "\n" }.joined()
        let before = threadCount()
        for _ in 0..<20 {
            let reader = ParallelFeedReader(FeedReader(source: TextSource(text)), workers: 2, chunkLines: 16)
            let slot = UnsafeMutablePointer<FeedEvent>.allocate(capacity: 1)
            XCTAssertTrue(try reader.next(into: slot))
            slot.deinitialize(count: 1)
            slot.deallocate()
        }
        // Threads blocked forever on a full pipeline would still be alive (3 per reader, 60 in all).
        let added = threadsAdded(since: before, settlingBelow: 10)
        XCTAssertLessThan(added, 10, "the 20 abandoned readers' threads ended")
    }
}

/// A small seeded generator for test inputs.
private struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
