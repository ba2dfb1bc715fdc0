import PantauCore

/// The journal's hash chain: each entry's hash covers the previous entry's hash, so editing,
/// deleting or reordering any entry breaks every hash after it.
///
/// `hash = SHA-256(previous hash ‖ "\n" ‖ sequence ‖ "\n" ‖ recorded_at ‖ "\n" ‖ line)`, with the
/// previous hash as its 64 hex digits (64 zeros before the first entry), the sequence and
/// `recorded_at` (milliseconds since 1970) in decimal, and the line's UTF-8 bytes. An entry
/// applied at another time than it was written (`at`, a replay's clock) has
/// `recorded_at ‖ " " ‖ at` in place of `recorded_at`, so its time is covered too; entries of
/// journals written before `at` existed keep their hashes.
public enum JournalChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an entry with these contents following an entry whose hash is `previous`.
    public static func hash(previous: String, sequence: Int64, recordedAt: Instant, at: Instant? = nil, line: String) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(previous.utf8.count + line.utf8.count + 40)
        bytes += previous.utf8
        bytes.append(10)
        bytes += String(sequence).utf8
        bytes.append(10)
        bytes += String(recordedAt.millis).utf8
        if let at, at != recordedAt {
            bytes.append(32)
            bytes += String(at.millis).utf8
        }
        bytes.append(10)
        bytes += line.utf8
        return SHA256Digest.hex(of: bytes)
    }

    /// Whether `entry` follows an entry whose hash is `previous`.
    public static func holds(_ entry: JournalEntry, after previous: String) -> Bool {
        hash(previous: previous, sequence: entry.sequence, recordedAt: entry.recordedAt, at: entry.at, line: entry.line) == entry.hash
    }

    /// The entries `lines` make when appended after an entry with `sequence`, time `at` (nil:
    /// none) and `hash`: sequences and hashes continued, each applied at `times[i]` (nil: at
    /// `recordedAt`) raised to the time before it, so entry times never decrease.
    public static func entries(appending lines: [String], at times: [Instant]?, recordedAt: Instant,
                               after tail: (sequence: Int64, at: Instant?, hash: String)) -> [JournalEntry] {
        var sequence = tail.sequence
        var previous = tail.hash
        var floor = tail.at
        var entries: [JournalEntry] = []
        entries.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            sequence += 1
            let time = times?[i] ?? recordedAt
            let at = max(time, floor ?? time)
            floor = at
            let hash = Self.hash(previous: previous, sequence: sequence, recordedAt: recordedAt, at: at, line: line)
            entries.append(JournalEntry(sequence: sequence, recordedAt: recordedAt, at: at, line: line, hash: hash))
            previous = hash
        }
        return entries
    }
}
