import Foundation
import PantauCore

/// Turns journal entries into audit rows (`pantau journal export`): NDJSON objects or CSV
/// lines, with callers' personal data left out unless asked for.
public struct JournalExporter: Sendable {
    public enum Format: Sendable { case ndjson, csv }

    /// Fields of an action line that are a citizen's personal data.
    public static let personalDataFields = ["caller_name", "caller_phone"]

    /// The CSV header line.
    public static let csvHeader = "sequence,recorded_at,kind,ts,by,role,console,verb,target,hash,line"

    public var format: Format
    public var includePersonalData: Bool

    public init(format: Format, includePersonalData: Bool = false) {
        self.format = format
        self.includePersonalData = includePersonalData
    }

    /// One row (no newline): NDJSON `{"sequence":…,"recorded_at":"…","hash":"…","event":{…}}`, or
    /// a CSV line under ``csvHeader``.
    public func row(for entry: JournalEntry) -> String {
        let line = includePersonalData ? entry.line : Self.withoutPersonalData(entry.line)
        switch format {
        case .ndjson:
            return "{\"sequence\":\(entry.sequence),\"recorded_at\":\"\(RFC3339.format(entry.recordedAt))\",\"hash\":\"\(entry.hash)\",\"event\":\(line)}"
        case .csv:
            let object = Self.object(line) ?? [:]
            func text(_ key: String) -> String {
                switch object[key] {
                case let s as String: return s
                case let n as NSNumber: return n.stringValue
                default: return ""
                }
            }
            let fields = [String(entry.sequence), RFC3339.format(entry.recordedAt), text("kind"), text("ts"), text("by"),
                          text("role"), text("console"), text("verb"), text("target"), entry.hash, line]
            return fields.map(Self.csvField).joined(separator: ",")
        }
    }

    /// `line` without the personal-data fields of an action (re-written with sorted keys when
    /// one was there; any other line as it is).
    public static func withoutPersonalData(_ line: String) -> String {
        guard personalDataFields.contains(where: { line.contains("\"\($0)\"") }),
              var object = object(line), object["kind"] as? String == "action" else { return line }
        for key in personalDataFields { object[key] = nil }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return line }
        return String(decoding: data, as: UTF8.self)
    }

    private static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
    public static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
