import Foundation

/// Shared first steps of every converter: recognising an empty body or an HTML error page
/// (what a proxy or a failing server sends instead of the feed), and parsing JSON.
enum FormatInput {
    /// Whether the payload is only whitespace (or nothing).
    static func isBlank(_ data: Data) -> Bool {
        data.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
    }

    /// Whether the payload looks like an HTML page rather than data.
    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }

    /// Parses a JSON payload, counting an unusable one in `result`. Returns the value (partial
    /// when the input was truncated or malformed — then `invalid_json` is counted once and the
    /// caller converts only whole records) and whether it was complete.
    static func json(_ data: Data, skipping: Set<String> = [], into result: inout FormatResult) -> (value: JSONValue, complete: Bool)? {
        if isBlank(data) {
            result.skip("empty_payload")
            return nil
        }
        if let first = data.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }), first == UInt8(ascii: "<") {
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
