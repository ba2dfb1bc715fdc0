import Foundation
import PantauCore

/// Reads a feed-format v1 NDJSON stream (plain or gzip) event by event, in constant memory.
///
/// Lines are framed in a large reusable buffer and decoded in place by `FeedLineDecoder`; bad
/// lines are skipped and counted in `stats`, never fatal. Blank lines are ignored.
public final class FeedReader {
    /// Counts of lines, events and skips so far.
    @exclusivity(unchecked) public private(set) var stats = FeedStats()
    /// The recorded arrival (`rx`, see ``ArrivalStamp``) of the event ``next()`` returned last;
    /// nil when its line had none.
    @exclusivity(unchecked) public private(set) var lastArrival: Instant?

    private let source: ByteSource
    private let decoder = FeedLineDecoder()
    // One reader, one thread: no runtime exclusivity checks on the hot path.
    @exclusivity(unchecked) private var buffer: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var atEOF = false
    @exclusivity(unchecked) private var discardingLongLine = false
    /// How far past `start` the buffer is known to hold no newline: a line that trickles in over
    /// many reads is scanned once, not again from its start after every refill.
    @exclusivity(unchecked) private var scanned = 0

    /// The longest line read; a longer one is skipped as `too_long` without being held whole.
    public let maxLineLength: Int

    /// Reads from `source`. `maxLineLength` is the format's (64 KiB) unless a test or a fuzzer
    /// wants over-long lines and buffer edges to come with short inputs (it is clamped to 1…64 KiB);
    /// the buffer holds at least two of the longest lines.
    public init(source: ByteSource, bufferSize: Int = 1 << 20, maxLineLength: Int = FeedLineDecoder.maxLineLength) {
        self.source = source
        self.maxLineLength = min(max(1, maxLineLength), FeedLineDecoder.maxLineLength)
        buffer = .allocate(byteCount: max(bufferSize, self.maxLineLength * 2 + 2), alignment: 16)
    }

    /// Opens a recording: `-` for stdin, a `.gz` (detected by content) or a plain file.
    public convenience init(path: String) throws {
        if path == "-" {
            self.init(source: FileByteSource(descriptor: 0, name: "stdin"))
        } else if GzipByteSource.looksCompressed(path: path) {
            self.init(source: try GzipByteSource(path: path))
        } else {
            self.init(source: try FileByteSource(path: path))
        }
    }

    deinit { buffer.deallocate() }

    /// The next event, or nil at the end of the stream. Skipped lines are counted on the way.
    public func next() throws -> FeedEvent? {
        while let line = try nextLine() {
            stats.lines += 1
            do {
                let event = try decoder.decodeEvent(line)
                lastArrival = decoder.arrivalStamp()
                stats.events += 1
                return event
            } catch {
                countSkip(line, error)
            }
        }
        return nil
    }

    /// Decodes the next event into `slot`, which must be uninitialized and is initialized when
    /// true is returned; false at the end of the stream. Skipped lines are counted on the way.
    /// For readers that keep events in storage of their own (the event is built there).
    public func next(into slot: UnsafeMutablePointer<FeedEvent>) throws -> Bool {
        while let line = try nextLine() {
            stats.lines += 1
            if let skip = decoder.decodeEvent(line, into: slot) {
                countSkip(line, skip)
                continue
            }
            lastArrival = decoder.arrivalStamp()
            stats.events += 1
            return true
        }
        return false
    }

    /// Frames the next lines into `chunk` (their bytes copied, not decoded) until it holds
    /// `maxBytes` or `maxLines`; true when the stream has ended (the chunk then holds its last
    /// lines, if any). Lines too long to hold are entered as such (``LineChunk/appendTooLong()``).
    /// For ``ParallelFeedReader``, which decodes chunks on other threads; this reader's own
    /// ``stats`` are not kept up.
    func frameLines(into chunk: inout LineChunk, maxBytes: Int, maxLines: Int) throws -> Bool {
        while chunk.count < maxLines, chunk.byteCount < maxBytes {
            let before = stats.lines
            let line = try nextLine()
            for _ in before..<stats.lines { chunk.appendTooLong() }
            guard let line else { return true }
            chunk.append(line)
        }
        return false
    }

    /// Calls `body` for every remaining event (the fastest way through a file: each event goes
    /// straight from the decoder to `body`, with no wrapper in between to copy it through).
    public func forEach(_ body: (FeedEvent) throws -> Void) throws {
        while let line = try nextLine() {
            stats.lines += 1
            if let skip = try decoder.decodeEvent(line, to: body) {
                countSkip(line, skip)
            } else {
                stats.events += 1
            }
        }
    }

    /// Counts the line the decoder just refused (a blank line is not an event and not an error).
    private func countSkip(_ line: UnsafeRawBufferPointer, _ skip: FeedLineDecoder.Skip) {
        if skip.reason == .invalidJSON, Self.isBlank(line) { return }
        stats.recordSkip(SkippedLine(lineNumber: stats.lines, reason: skip.reason, field: skip.field))
    }

    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for b in line where b != 32 && b != 9 && b != 13 { return false }
        return true
    }

    /// Frames the next line (without its newline or a trailing CR). Over-long lines are counted
    /// as skipped here, without ever being held whole.
    private func nextLine() throws -> UnsafeRawBufferPointer? {
        while true {
            if start < end {
                let base = buffer.baseAddress!
                let from = max(start, scanned)
                if let nl = memchr(base + from, 10, end - from) {
                    let nlIndex = base.distance(to: nl)
                    let lineStart = start
                    start = nlIndex + 1
                    scanned = start
                    if discardingLongLine {
                        discardingLongLine = false
                        continue
                    }
                    var lineEnd = nlIndex
                    if lineEnd > lineStart, buffer[lineEnd - 1] == 13 { lineEnd -= 1 }
                    if lineEnd - lineStart > maxLineLength {
                        countTooLong()
                        continue
                    }
                    return UnsafeRawBufferPointer(rebasing: buffer[lineStart..<lineEnd])
                }
                // Too long whatever comes next (one byte more may be the CR of a CRLF).
                if !discardingLongLine, end - start > maxLineLength + 1 {
                    countTooLong()
                    discardingLongLine = true
                }
                scanned = end
                if discardingLongLine { start = end }
            }
            if atEOF {
                guard start < end else { return nil }
                // A last line with no newline.
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                start = end
                if discardingLongLine { discardingLongLine = false; return nil }
                if line.count > maxLineLength {
                    countTooLong()
                    return nil
                }
                return line
            }
            try refill()
        }
    }

    /// Counts a line too long to read as a skipped line.
    private func countTooLong() {
        stats.lines += 1
        stats.recordSkip(SkippedLine(lineNumber: stats.lines, reason: .tooLong))
    }

    private func refill() throws {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: remaining) }
            scanned = max(0, scanned - start)
            start = 0
            end = remaining
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 { atEOF = true } else { end += n }
    }
}
