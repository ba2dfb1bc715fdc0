import PantauCore

/// The optional `rx` field of a recorded line: when `pantau record` received the event (RFC 3339),
/// as opposed to `ts`, when the event says it happened. The decoder reads it with the other fields
/// (``FeedLineDecoder/arrivalStamp()``), and a replay plays the recording as it was seen live.
public enum ArrivalStamp {
    /// The text to splice before a recorded line's closing brace: `,"rx":"…"`.
    public static func field(_ arrival: Instant) -> String {
        #","rx":""# + RFC3339.format(arrival) + "\""
    }
}
