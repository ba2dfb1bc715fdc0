import Foundation

/// Shared first steps of every converter: recognising an empty body or an HTML error page
/// (what a proxy or a failing server sends instead of the feed), and parsing JSON.
enum FormatInput {
    /// The payload's first byte that is not whitespace or part of a UTF-8 byte-order mark;
    /// nil when there is none (an empty payload).
    static func firstByte(_ data: Data) -> UInt8? {
        data.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
    }

    /// Whether the payload is only whitespace (or nothing).
    static func isBlank(_ data: Data) -> Bool { firstByte(data) == nil }

    /// Whether the payload looks like an HTML page rather than data.
    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }

    /// Parses a JSON payload, counting an unusable one in `result`. Returns the value (partial
    /// when the input was truncated or malformed — then `invalid_json` is counted once and the
    /// caller converts only whole records) and whether it was complete.
    static func json(_ data: Data, skipping: Set<String> = [], into result: inout FormatResult) -> (value: JSONValue, complete: Bool)? {
        guard let first = firstByte(data) else {
            result.skip("empty_payload")
            return nil
        }
        if first == UInt8(ascii: "<") {
            result.skip(looksLikeHTML(data) ? "html_error_page" : "invalid_json")
            return nil
        }
        let parsed = JSONParser.parse(data, skipping: skipping)
        guard let value = parsed.value else {
            result.skip("invalid_json")
            return nil
        }
        if !parsed.complete { result.skip("invalid_json") }
        return (value, parsed.complete)
    }
}
