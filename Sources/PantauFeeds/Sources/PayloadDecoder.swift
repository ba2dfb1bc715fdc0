import Foundation
import PantauCore

/// Turns what a transport receives into events, in the source's format: NDJSON lines are
/// decoded one by one on the hot path; other formats convert whole payloads (a message, an
/// HTTP body, a command's output) through `FormatRegistry`. Bad input is counted on the sink,
/// never fatal. One decoder per source thread.
final class PayloadDecoder {
    let formatName: String
    let isLineFormat: Bool
    private let format: (any FeedFormat)?
    private let lineDecoder = FeedLineDecoder()
    private let sourceName: String
    /// The previous payload's items, for a snapshot format (nil otherwise).
    private var snapshot: SnapshotTracker?
    /// The SensorThings Datastreams the source knows (its `datastreams:` and `sensorthings_url:`).
    private let datastreams: DatastreamDirectory?

    init(format: String, source: String, datastreams: DatastreamDirectory? = nil) {
        self.datastreams = datastreams
        formatName = format
        isLineFormat = format == "ndjson"
        self.format = FormatRegistry.format(named: format)
        sourceName = source
        if FormatRegistry.type(named: format)?.isSnapshot == true { snapshot = SnapshotTracker(format: format) }
    }

    /// One NDJSON line (no newline); a bad line is counted in `skipped` by reason. Blank
    /// lines are ignored.
    func decodeLine(_ line: UnsafeRawBufferPointer, skipped: inout [String: Int]) -> FeedEvent? {
        if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { return nil }
        switch lineDecoder.decode(line) {
        case .event(let e): return e
        case .skip(let reason, _): skipped[reason.rawValue, default: 0] += 1; return nil
        }
    }

    /// A whole payload in the source's format (with the MQTT `topic` it came on, if any). In a
    /// snapshot format, what the previous payload had and this one lacks is ended by events
    /// appended to the result.
    func decodePayload(_ data: Data, topic: String? = nil) -> FormatResult {
        guard let format else {
            var r = FormatResult()
            r.skip("unknown_format")
            return r
        }
        let now = Instant(millis: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        var result = format.convert(data, context: FormatContext(source: sourceName, now: now, topic: topic,
                                                                 datastreams: datastreams))
        if snapshot != nil {
            let ended = snapshot!.update(with: result, at: now)
            for var e in ended {
                e.source = sourceName
                result.events.append(e)
            }
        }
        return result
    }
}

/// Cuts a byte stream into lines (without the newline or a trailing CR). Lines longer than
/// the feed format's limit are dropped whole and counted.
struct LineFramer {
    private var pending: [UInt8] = []
    private var discarding = false
    /// Over-long lines dropped so far.
    private(set) var tooLong = 0
    /// Bytes fed since the last newline (held or being discarded): what a reader that stopped
    /// now would have to read again.
    private(set) var sinceNewline = 0

    /// Feeds bytes; calls `line` for every complete line.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        let n = bytes.count
        while start < n {
            guard let nl = bytes[start..<n].firstIndex(of: 10) else {
                sinceNewline += n - start
                if !discarding { pending.append(contentsOf: bytes[start..<n]) }
                if pending.count > FeedLineDecoder.maxLineLength {
                    pending.removeAll(keepingCapacity: true)
                    discarding = true
                }
                return
            }
            if discarding {
                discarding = false
                tooLong += 1
            } else if pending.isEmpty {
                emit(UnsafeRawBufferPointer(rebasing: bytes[start..<nl]), line)
            } else {
                pending.append(contentsOf: bytes[start..<nl])
                if pending.count > FeedLineDecoder.maxLineLength {
                    tooLong += 1
                } else {
                    pending.withUnsafeBytes { emit($0, line) }
                }
                pending.removeAll(keepingCapacity: true)
            }
            start = nl + 1
            sinceNewline = 0
        }
    }

    /// Forgets a partial line (after truncation or a restart).
    mutating func reset() {
        pending.removeAll(keepingCapacity: true)
        discarding = false
        sinceNewline = 0
    }

    /// The partial line held, if any, emitted at the end of a stream.
    mutating func finish(line: (UnsafeRawBufferPointer) -> Void) {
        if !pending.isEmpty, !discarding { pending.withUnsafeBytes { emit($0, line) } }
        reset()
    }

    private func emit(_ raw: UnsafeRawBufferPointer, _ line: (UnsafeRawBufferPointer) -> Void) {
        if let last = raw.last, last == 13 {
            line(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 1)]))
        } else {
            line(raw)
        }
    }
}

/// Reads a byte stream (a file, stdin, a pipe) line by line into a sink, batching events.
struct StreamDecoder {
    let decoder: PayloadDecoder
    var framer = LineFramer()
    var payload = Data()
    private var reportedTooLong = 0
    /// Lines framed since the stream (re)started (an over-long line dropped whole is counted
    /// after the batch it ends in), so a skip can name its line.
    private var lineNumber = 0

    init(format: String, source: String) {
        decoder = PayloadDecoder(format: format, source: source)
    }

    /// Feeds bytes: NDJSON lines are decoded and delivered at once; other formats collect
    /// the payload until ``finishPayload(into:)``.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, into sink: SourceSink) {
        guard decoder.isLineFormat else {
            payload.append(contentsOf: bytes)
            if payload.count > 256 << 20 { // A runaway payload: drop it rather than grow forever.
                payload.removeAll()
                sink.skipped(["too_long": 1])
            }
            return
        }
        var events: [FeedEvent] = []
        var skipped: [String: Int] = [:]
        var firstBad: Int?
        var n = lineNumber
        let d = decoder
        framer.feed(bytes) { line in
            n += 1
            if let e = d.decodeLine(line, skipped: &skipped) {
                events.append(e)
            } else if firstBad == nil, !skipped.isEmpty {
                firstBad = n // the batch's first skip: `skipped` was empty until now
            }
        }
        lineNumber = n
        if framer.tooLong > reportedTooLong {
            skipped["too_long", default: 0] += framer.tooLong - reportedTooLong
            lineNumber += framer.tooLong - reportedTooLong
            reportedTooLong = framer.tooLong
        }
        sink.skipped(skipped, at: firstBad.map { "line \($0)" })
        sink.deliver(events)
    }

    /// The end of a stream (or of one run of a command): the last partial line, or the whole
    /// collected payload in a non-line format.
    mutating func finishPayload(into sink: SourceSink) {
        if decoder.isLineFormat {
            var events: [FeedEvent] = []
            var skipped: [String: Int] = [:]
            let d = decoder
            framer.finish { line in
                if let e = d.decodeLine(line, skipped: &skipped) { events.append(e) }
            }
            sink.skipped(skipped, at: skipped.isEmpty ? nil : "line \(lineNumber + 1)")
            sink.deliver(events)
        } else if !payload.isEmpty {
            let result = decoder.decodePayload(payload)
            payload.removeAll()
            sink.counted(result)
            sink.deliver(result.events)
            if result.events.isEmpty { sink.touched() }
        }
    }

    /// Forgets partial input (after truncation or a restart).
    mutating func reset() {
        framer.reset()
        payload.removeAll()
        lineNumber = 0
    }
}
