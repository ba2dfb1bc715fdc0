import Foundation
import PantauCore
import PantauFeeds
import PantauReport

/// The bundled day and helpers the report tests share.
enum ReportFixtures {
    /// `Sources/pantau/Resources/tangerang-day.ndjson.gz`, found from this file.
    static var bundledDayPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/pantau/Resources/tangerang-day.ndjson.gz").path
    }

    /// Every non-blank line of a recording (plain or gzip) as text.
    static func lines(of path: String) throws -> [String] {
        let source: ByteSource = GzipByteSource.looksCompressed(path: path) ? try GzipByteSource(path: path)
            : try FileByteSource(path: path)
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty }
    }

    /// Writes `lines` to a temporary `.ndjson` file and returns its path.
    static func write(_ lines: [String]) throws -> String {
        let path = NSTemporaryDirectory() + "pantau-report-\(UUID().uuidString).ndjson"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The report of `lines` written to a temporary recording (removed after).
    static func report(lines: [String], builder: ReportBuilder = ReportBuilder()) throws -> ShiftReport {
        let path = try write(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try report(path: path, builder: builder)
    }

    /// The report of a recording on disk.
    static func report(path: String, builder: ReportBuilder = ReportBuilder()) throws -> ShiftReport {
        try builder.read(try FeedReader(path: path))
        return builder.finish()
    }
}

/// Feed lines read the plain way, with JSONSerialization and ISO 8601 dates: the tests' own
/// reading of the raw events, independent of the decoder and the store.
struct RawEvent {
    var object: [String: Any]
    /// Seconds since 1970.
    var ts: Double

    init?(_ line: String) {
        guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
              let ts = (o["ts"] as? String).flatMap(RawEvent.seconds) else { return nil }
        object = o
        self.ts = ts
    }

    var kind: String { object["kind"] as? String ?? "" }
    func string(_ key: String) -> String? { object[key] as? String }
    func number(_ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }

    static func seconds(_ text: String) -> Double? {
        (whole.date(from: text) ?? fractional.date(from: text))?.timeIntervalSince1970
    }

    // Made once: a formatter is slow to make. Tests use them from one thread at a time.
    nonisolated(unsafe) private static let whole = ISO8601DateFormatter()
    nonisolated(unsafe) private static let fractional: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
}

/// Nearest-rank percentile, as the report defines it, written again for the tests.
func percentile(_ values: [Double], _ p: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    var rank = Int(ceil(p * Double(sorted.count)))
    if rank < 1 { rank = 1 }
    return sorted[rank - 1]
}

/// A duration as the CSV writes it (whole seconds) or `-` when there is none.
func secondsText(_ s: Double?) -> String { s.map { String(Int64($0.rounded())) } ?? "-" }
