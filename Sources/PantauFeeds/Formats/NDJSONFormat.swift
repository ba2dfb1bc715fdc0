import Foundation
import PantauCore

/// Pantau's own feed format v1 (NDJSON): each line decoded by `FeedLineDecoder`, bad lines
/// skipped with the decoder's reasons (`invalid_json`, `missing_field`, …). Events without a
/// `src` get the context's source; blank lines are ignored.
public struct NDJSONFormat: FeedFormat {
    public static let name = "ndjson"
    public static let summary = "Pantau feed format v1, one JSON event per line"

    public init() {}

    public func convert(_ payload: Data, context: FormatContext) -> FormatResult {
        var result = FormatResult()
        guard let first = FormatInput.firstByte(payload) else {
            result.skip("empty_payload")
            return result
        }
        if first == UInt8(ascii: "<"), FormatInput.looksLikeHTML(payload) {
            result.skip("html_error_page")
            return result
        }
        let decoder = FeedLineDecoder()
        payload.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var start = 0
            let n = raw.count
            while start < n {
                var end = start
                while end < n, raw[end] != 10 { end += 1 }
                var lineEnd = end
                if lineEnd > start, raw[lineEnd - 1] == 13 { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<lineEnd])
                if !line.allSatisfy({ $0 == 32 || $0 == 9 }) {
                    switch decoder.decode(line) {
                    case .event(var e):
                        if e.source == nil { e.source = context.source }
                        result.append(e)
                    case .skip(let reason, _):
                        result.skip(reason.rawValue)
                    }
                }
                start = end + 1
            }
        }
        return result
    }
}
