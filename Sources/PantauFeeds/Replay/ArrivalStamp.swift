import Foundation
import PantauCore

/// The optional `rx` field of a recorded line: when `pantau record` received the event (RFC 3339),
/// as opposed to `ts`, when the event says it happened. The decoder skips it as an unknown field;
/// a replay reads it from the raw line to play the recording as it was seen live.
public enum ArrivalStamp {
    /// The key, with the quotes and colon that only a key can have before it in a JSON line (a
    /// quote inside a string value is escaped).
    private static let key: [UInt8] = Array(#""rx":""#.utf8)

    /// The text to splice before a recorded line's closing brace: `,"rx":"…"`.
    public static func field(_ arrival: Instant) -> String {
        #","rx":""# + RFC3339.format(arrival) + "\""
    }

    /// The arrival time a feed-format line carries, nil when it has none or it does not parse.
    public static func find(in line: UnsafeRawBufferPointer) -> Instant? {
        guard let base = line.baseAddress else { return nil }
        var at = 0
        // Each quote in turn (memchr), until one opens the key.
        while let quote = memchr(base + at, 34, line.count - at) {
            at = base.distance(to: UnsafeRawPointer(quote))
            guard line.count - at > key.count else { return nil }
            if memcmp(base + at, key, key.count) == 0 {
                let from = at + key.count
                guard let close = memchr(base + from, 34, line.count - from) else { return nil }
                let to = base.distance(to: UnsafeRawPointer(close))
                return RFC3339.parse(UnsafeRawBufferPointer(rebasing: line[from..<to]))
            }
            at += 1
        }
        return nil
    }
}
