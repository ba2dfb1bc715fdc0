import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// The reader's framing at its buffer's edges: lines split across refills, CRLF, a last line
/// without a newline, over-long lines, and gzip that is cut short or corrupt.
final class FeedReaderTests: XCTestCase {
    /// Hands out `bytes` at most `chunk` bytes per read, so every line crosses refills.
    final class ChunkedSource: ByteSource {
        private let bytes: [UInt8]
        private let chunk: Int
        private var offset = 0

        init(_ text: String, chunk: Int) {
            bytes = Array(text.utf8)
            self.chunk = chunk
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = min(chunk, buffer.count, bytes.count - offset)
            guard n > 0 else { return 0 }
            bytes[offset..<(offset + n)].withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
            offset += n
            return n
        }
    }

    /// The stations of every event read, and the reader's stats.
    private func read(_ reader: FeedReader) throws -> (stations: [String], stats: FeedStats) {
        var out: [String] = []
        try reader.forEach { out += stations([$0]) }
        return (out, reader.stats)
    }

    private func read(_ text: String, chunk: Int) throws -> (stations: [String], stats: FeedStats) {
        try read(FeedReader(source: ChunkedSource(text, chunk: chunk)))
    }

    func testLinesAcrossRefillsInEveryChunkSize() throws {
        let text = (1...5).map { sensorLine("s", $0) + "\n" }.joined()
        for chunk in [1, 2, 3, 7, 64, 100, text.utf8.count] {
            let r = try read(text, chunk: chunk)
            XCTAssertEqual(r.stations, ["s=1", "s=2", "s=3", "s=4", "s=5"], "chunk \(chunk)")
            XCTAssertEqual(r.stats.lines, 5, "chunk \(chunk)")
            XCTAssertEqual(r.stats.skippedTotal, 0, "chunk \(chunk)")
        }
    }

    func testCRLFBlankLinesAndALastLineWithoutANewline() throws {
        let text = sensorLine("a", 1) + "\r\n\r\n" + sensorLine("a", 2) + "\r\n  \n" + sensorLine("a", 3)
        for chunk in [1, 5, text.utf8.count] {
            // The next() path and the forEach path agree.
            let viaNext = FeedReader(source: ChunkedSource(text, chunk: chunk))
            var nextStations: [String] = []
            while let e = try viaNext.next() { nextStations += stations([e]) }
            let r = try read(text, chunk: chunk)
            XCTAssertEqual(r.stations, ["a=1", "a=2", "a=3"], "chunk \(chunk)")
            XCTAssertEqual(nextStations, r.stations, "chunk \(chunk)")
            XCTAssertEqual(r.stats.skippedTotal, 0, "a CR before the newline and blank lines are not errors (chunk \(chunk))")
            XCTAssertEqual(viaNext.stats.skippedTotal, 0, "chunk \(chunk)")
        }
    }

    func testAnOverLongLineIsSkippedWithoutLosingItsNeighbours() throws {
        let long = #"{"v":1,"kind":"sensor","pad":""# + String(repeating: "x", count: FeedLineDecoder.maxLineLength + 10) + #""}"#
        // In the middle, split over many refills (and larger than any one refill).
        for chunk in [4096, 60_000, 1 << 20] {
            let text = sensorLine("a", 1) + "\n" + long + "\n" + sensorLine("a", 2) + "\n"
            let r = try read(text, chunk: chunk)
            XCTAssertEqual(r.stations, ["a=1", "a=2"], "chunk \(chunk)")
            XCTAssertEqual(r.stats.skipped, [.tooLong: 1], "chunk \(chunk)")
            XCTAssertEqual(r.stats.lines, 3, "chunk \(chunk)")
            XCTAssertEqual(r.stats.firstSkips.map(\.lineNumber), [2], "chunk \(chunk)")
        }
        // Last, without a newline.
        let r = try read(sensorLine("a", 1) + "\n" + long, chunk: 4096)
        XCTAssertEqual(r.stations, ["a=1"])
        XCTAssertEqual(r.stats.skipped, [.tooLong: 1])
        // Two in a row, the second ending in CRLF.
        let twice = try read(long + "\n" + long + "\r\n" + sensorLine("b", 3) + "\n", chunk: 5000)
        XCTAssertEqual(twice.stations, ["b=3"])
        XCTAssertEqual(twice.stats.skipped, [.tooLong: 2])
        XCTAssertEqual(twice.stats.lines, 3)
    }

    func testALineOfTheLongestAllowedLengthIsRead() throws {
        let base = sensorLine("a", 1)
        // Pad inside the object (an unknown field) up to exactly the limit.
        let prefix = String(base.dropLast()) + #","pad":""#
        let line = prefix + String(repeating: "x", count: FeedLineDecoder.maxLineLength - prefix.utf8.count - 2) + #""}"#
        XCTAssertEqual(line.utf8.count, FeedLineDecoder.maxLineLength)
        let r = try read(sensorLine("z", 0) + "\n" + line + "\n", chunk: 3000)
        XCTAssertEqual(r.stations, ["z=0", "a=1"])
        XCTAssertEqual(r.stats.skippedTotal, 0)
    }

    /// A short line limit (as the fuzzer uses) gives the same lines, events and skips in every
    /// chunking: a line of exactly the limit is read, with or without a CR before its newline;
    /// one byte more is too long whether it arrives whole or across refills, or last with no newline.
    func testAShortLineLimitReadsAlikeInEveryChunking() throws {
        let ok = sensorLine("a", 1)
        let limit = ok.utf8.count
        let over = String(ok.dropLast()) + " }"
        let text = ok + "\n" + ok + "\r\n" + over + "\n" + over + "\r\n" + ok + "\n" + over
        var outcomes: [String] = []
        for chunk in 1...(text.utf8.count + 1) {
            let reader = FeedReader(source: ChunkedSource(text, chunk: chunk), maxLineLength: limit)
            let r = try read(reader)
            XCTAssertEqual(r.stations, ["a=1", "a=1", "a=1"], "chunk \(chunk)")
            XCTAssertEqual(r.stats.skipped, [.tooLong: 3], "chunk \(chunk)")
            XCTAssertEqual(r.stats.lines, 6, "chunk \(chunk)")
            outcomes.append("\(r.stats.firstSkips.map(\.lineNumber))")
        }
        XCTAssertEqual(Set(outcomes), ["[3, 4, 6]"])
    }

    // MARK: - gzip

    private func gzip(_ text: String) throws -> Data {
        let dir = FileManager.default.temporaryDirectory
        let plain = dir.appendingPathComponent("pantau-reader-\(UUID().uuidString).ndjson")
        try text.write(to: plain, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: plain) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c -n '\(plain.path)' > '\(plain.path).gz'"]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "gzip")
        defer { try? FileManager.default.removeItem(atPath: plain.path + ".gz") }
        return try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz"))
    }

    private func file(_ data: Data) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-reader-\(UUID().uuidString).ndjson.gz")
        try data.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// Enough lines that the compressed stream is longer than one read.
    private static let gzText = (0..<20_000).map { sensorLine("g", $0 % 1000, minute: $0 % 60) + "\n" }.joined()

    func testGzipIsReadWhole() throws {
        let r = try read(try FeedReader(path: try file(try gzip(Self.gzText))))
        XCTAssertEqual(r.stations.count, 20_000)
        XCTAssertEqual(r.stations.last, "g=999")
        XCTAssertEqual(r.stats.skippedTotal, 0)
    }

    func testTruncatedGzipIsAnErrorNotAShortFeed() throws {
        let whole = try gzip(Self.gzText)
        for cut in [whole.count / 2, whole.count - 4, whole.count - 9] {
            let reader = try FeedReader(path: try file(whole.prefix(cut)))
            XCTAssertThrowsError(try read(reader), "cut at \(cut) of \(whole.count)") { error in
                XCTAssertTrue("\(error)".contains("truncated or corrupt gzip"), "\(error)")
            }
        }
    }

    func testCorruptGzipIsAnError() throws {
        var data = try gzip(Self.gzText)
        // Flip bytes in the middle of the compressed data.
        for i in stride(from: data.count / 2, to: data.count / 2 + 64, by: 3) { data[i] ^= 0x5A }
        let reader = try FeedReader(path: try file(data))
        XCTAssertThrowsError(try read(reader)) { error in
            XCTAssertTrue("\(error)".contains("truncated or corrupt gzip"), "\(error)")
        }
    }
}
