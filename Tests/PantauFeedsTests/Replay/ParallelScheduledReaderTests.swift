import Foundation
import PantauCore
import PantauTestSupport
@testable import PantauFeeds
import XCTest

/// The parallel scheduled reader gives what a scheduled reader over the plain reader gives: the
/// same events in the same order with the same arrivals, the same start and the same counts
/// (lines, skips, old records), whatever the chunk size, the number of workers and the depth;
/// a read error after the events before it; and its threads end when it is let go early.
final class ParallelScheduledReaderTests: XCTestCase {
    /// A recording as real feeds make them: mostly in order with jitter, some lines late, some
    /// stamped ahead, sometimes old records first and recorded arrivals (`rx`), with bad, blank,
    /// CRLF and over-long lines between.
    private func recording(_ rng: inout SeededRandom, lines: Int) -> String {
        var out = ""
        var clock = RFC3339.parse("2026-11-23T08:00:00+07:00")!.millis
        let withRx = Bool.random(using: &rng)
        if Bool.random(using: &rng) {
            for k in 0..<Int.random(in: 1...3, using: &rng) {
                out += #"{"v":1,"ts":"2012-04-11T15:3\#(k):00+07:00","kind":"incident","id":"cap-\#(k)","title":"old"}"# + "\n"
            }
        }
        for i in 0..<lines {
            clock += Int64.random(in: 0...4_000, using: &rng)
            var time = clock
            switch Int.random(in: 0..<40, using: &rng) {
            case 0: out += "{\"v\":1,\"kind\":\"sensor\"\n"                                     // invalid JSON
            case 1: out += "  \n"                                                                // blank
            case 2: out += "{\"v\":1,\"kind\":\"sensor\",\"title\":\"" + String(repeating: "a", count: 300) + "\"}\n" // too long
            case 3: time -= Int64.random(in: 1...3_600_000, using: &rng)                          // late
            case 4: time += Int64.random(in: 1...7_200_000, using: &rng)                          // stamped ahead
            default: time += Int64.random(in: -3_000...3_000, using: &rng)                       // jitter
            }
            var line = #"{"v":1,"ts":"\#(RFC3339.format(Instant(millis: time)))","kind":"sensor","station":"s\#(i % 17)","sensor":"pm25","value":\#(i % 300)"#
            if withRx, Bool.random(using: &rng) { line += ArrivalStamp.field(Instant(millis: clock)) }
            out += line + (i % 11 == 0 ? "}\r\n" : "}\n")
        }
        return out
    }

    private struct Read: Equatable {
        var events: [String] = []
        var arrivals: [Instant] = []
        var start: Instant?
        var stats = FeedStats()
        var olderThanStart = 0
    }

    private func plain(_ text: String) throws -> Read {
        let reader = ScheduledReader(FeedReader(source: TextSource(text), maxLineLength: 256))
        var read = Read()
        while let e = try reader.next() {
            read.events.append(FeedEventEncoder.line(for: e.event))
            read.arrivals.append(e.arrival)
        }
        read.start = reader.start
        read.stats = reader.stats
        read.olderThanStart = reader.olderThanStart
        return read
    }

    private func parallel(_ reader: ParallelScheduledReader) throws -> Read {
        var read = Read()
        while let run = try reader.next() {
            XCTAssertFalse(run.isEmpty, "a run holds events")
            for e in run {
                read.events.append(FeedEventEncoder.line(for: e.event))
                read.arrivals.append(e.arrival)
            }
            XCTAssertEqual(reader.start, read.start ?? reader.start, "the start does not change")
            read.start = reader.start
        }
        XCTAssertNil(try reader.next(), "the end stays the end")
        read.stats = reader.stats
        read.olderThanStart = reader.olderThanStart
        return read
    }

    func testTheSameAsAScheduledPlainReaderForEveryChunkSizeWorkerCountAndDepth() throws {
        let seed = SeededRandom.seed(default: 20261204)
        print(SeededRandom.describe(seed))
        var rng = SeededRandom(seed: seed)
        for round in 0..<6 {
            let text = recording(&rng, lines: Int.random(in: 1...1_500, using: &rng))
            let expected = try plain(text)
            for workers in [1, 2, 3] {
                for chunkLines in [1, 2, 7, 300, 10_000] {
                    for depth in [1, 3, 8] {
                        let reader = ParallelScheduledReader(FeedReader(source: TextSource(text), maxLineLength: 256),
                                                             workers: workers, chunkLines: chunkLines, depth: depth)
                        let got = try parallel(reader)
                        let what = "round \(round), workers \(workers), chunk \(chunkLines), depth \(depth), \(SeededRandom.describe(seed))"
                        XCTAssertEqual(got.events, expected.events, what)
                        XCTAssertEqual(got.arrivals, expected.arrivals, what)
                        XCTAssertEqual(got.start, expected.start, what)
                        XCTAssertEqual(got.stats, expected.stats, what)
                        XCTAssertEqual(got.olderThanStart, expected.olderThanStart, what)
                    }
                }
            }
        }
    }

    func testAnEmptyRecordingAndOneOfBadLinesHaveNoRunsButTheirCounts() throws {
        let empty = try parallel(ParallelScheduledReader(FeedReader(source: TextSource(""))))
        XCTAssertEqual(empty, Read())
        let bad = try parallel(ParallelScheduledReader(FeedReader(source: TextSource("{\n{\"v\":2}\n")), chunkLines: 1))
        XCTAssertTrue(bad.events.isEmpty)
        XCTAssertNil(bad.start)
        XCTAssertEqual(bad.stats.lines, 2)
        XCTAssertEqual(bad.stats.skippedTotal, 2)
    }

    func testAReadErrorComesAfterTheEventsBeforeIt() throws {
        let text = (1...50).map { sensorLine("s", $0, minute: $0) + "\n" }.joined()
        let reader = ParallelScheduledReader(FeedReader(source: TextSource(text, failAtEnd: true)), chunkLines: 4)
        var read = 0
        do {
            while let run = try reader.next() { read += run.count }
            XCTFail("the source's error is thrown")
        } catch is TextSource.Failing {
            XCTAssertEqual(read, 50, "every event before the error is handed on, with its arrival")
        }
        XCTAssertThrowsError(try reader.next(), "and again at the next call") { XCTAssertTrue($0 is TextSource.Failing) }
    }

    func testCancelledItHandsOutNothingMore() throws {
        let text = (1...5_000).map { sensorLine("s", $0) + "\n" }.joined()
        let reader = ParallelScheduledReader(FeedReader(source: TextSource(text)), chunkLines: 16, depth: 2)
        let first = try XCTUnwrap(try reader.next())
        XCTAssertEqual(first.count, 16)
        reader.cancel()
        XCTAssertNil(try reader.next())
    }

    func testLettingGoBeforeTheEndStopsTheThreads() throws {
        let text = (1...20_000).map { sensorLine("s", $0) + "\n" }.joined()
        let before = threadCount()
        for _ in 0..<20 {
            let reader = ParallelScheduledReader(FeedReader(source: TextSource(text)), workers: 2, chunkLines: 16, depth: 2)
            XCTAssertNotNil(try reader.next())
        }
        // Threads blocked forever on a full pipeline or hand-off would still be alive (4 per
        // reader, 80 in all).
        let added = threadsAdded(since: before, settlingBelow: 10)
        XCTAssertLessThan(added, 10, "the 20 abandoned readers' threads ended")
    }
}
