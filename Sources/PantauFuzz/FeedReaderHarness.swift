import CZlib
import Foundation
import PantauCore
import PantauFeeds

/// `feed-reader`: an NDJSON stream through `FeedReader`, in chunks of changing sizes (lines
/// across refills, CRLF, a last line without a newline, over-long lines), plain and through
/// `GzipByteSource`. The first four bytes choose the mode and the chunking; the rest is the
/// stream. Whatever the chunking or the compression, the reader must see the same lines,
/// events and skips as when it gets the stream at once.
///
/// Modes: 0 plain, 1 the stream gzip-compressed here and read back through zlib, 2 the stream
/// given to zlib as it is (corrupt and truncated gzip, or plain data zlib passes through).
enum FeedReaderHarness {
    /// A scratch file for `GzipByteSource` (which opens a path): unlinked at once, reached as
    /// `/proc/self/fd/N`, rewritten for each input.
    private static let scratch: Int32 = {
        let path = NSTemporaryDirectory() + "/pantau-fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).gz"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { fatalError("feed-reader: cannot create \(path)") }
        unlink(path)
        return fd
    }()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        var input = FuzzInput(bytes)
        let mode = input.int(in: 0...2)
        let seed = UInt32(input.byte()) << 8 | UInt32(input.byte())
        // Half the inputs read with the format's 64 KiB line limit, half with a short one (8 bytes
        // to 4 KiB), so over-long lines and lines across refills come with short inputs too.
        let limitChoice = Int(input.byte())
        let lineLimit = limitChoice < 128 ? FeedLineDecoder.maxLineLength : 8 << (limitChoice % 10)
        let stream = input.rest
        // Down to one byte at a time for short streams; long ones in at most a few hundred reads,
        // so that an input costs about as much as its length.
        let maxChunk = max(1 << input.int(in: 0...17), stream.count / 256)

        let whole = read(ChunkedByteSource(stream, seed: 0, maxChunk: 0), lineLimit: lineLimit)
        switch mode {
        case 0:
            let chunked = read(ChunkedByteSource(stream, seed: seed, maxChunk: maxChunk), lineLimit: lineLimit)
            check(chunked, equals: whole, "in chunks of up to \(maxChunk) bytes (seed \(seed), lines up to \(lineLimit))")
        case 1:
            let gz = gzipped(stream)
            gz.withUnsafeBytes { store($0) }
            check(read(gzipSource(), lineLimit: lineLimit), equals: whole, "through gzip")
        default:
            store(stream)
            _ = read(gzipSource(), lineLimit: lineLimit)
        }
    }

    /// What a reader made of a stream: its counts and each event, encoded; nil when reading failed.
    private struct Outcome: Equatable {
        var stats: FeedStats
        var events: [String]
        var failure: String?
    }

    private static func read(_ source: ByteSource, lineLimit: Int) -> Outcome {
        // The smallest buffer the reader takes (twice the longest line), so refills come often.
        let reader = FeedReader(source: source, bufferSize: 0, maxLineLength: lineLimit)
        var events: [String] = []
        do {
            try reader.forEach { events.append(FeedEventEncoder.line(for: $0)) }
            return Outcome(stats: reader.stats, events: events)
        } catch {
            return Outcome(stats: reader.stats, events: events, failure: "\(error)")
        }
    }

    private static func check(_ outcome: Outcome, equals expected: Outcome, _ how: String) {
        guard outcome != expected else { return }
        fatalError("""
            feed-reader: reading \(how) differs from reading at once:
            \(outcome.stats) \(outcome.events.count) events \(outcome.failure ?? "")
            \(expected.stats) \(expected.events.count) events \(expected.failure ?? "")
            """)
    }

    private static func gzipSource() -> ByteSource {
        do {
            return try GzipByteSource(path: "/proc/self/fd/\(scratch)")
        } catch {
            fatalError("feed-reader: cannot open the scratch file: \(error)")
        }
    }

    private static func store(_ bytes: UnsafeRawBufferPointer) {
        guard ftruncate(scratch, 0) == 0, bytes.isEmpty || pwrite(scratch, bytes.baseAddress, bytes.count, 0) == bytes.count else {
            fatalError("feed-reader: cannot write the scratch file")
        }
    }

    /// `bytes` as one gzip member.
    private static func gzipped(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 1, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { fatalError("deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let written: Int = out.withUnsafeMutableBytes { dst in
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = UInt32(bytes.count)
            stream.next_out = dst.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(dst.count)
            guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { fatalError("deflate did not finish") }
            return dst.count - Int(stream.avail_out)
        }
        return Array(out[..<written])
    }
}
