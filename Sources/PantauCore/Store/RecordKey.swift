/// A record's id as the store keys its traffic segments and sensor stations: the id, with a
/// digest of its UTF-8 bytes worked out once, when the key is made.
///
/// A `String` key is hashed whole (SipHash over every byte, with a hasher set up and finished
/// around it) at every lookup; those hashes were the largest single cost of applying a
/// reading or a traffic update, which a snapshot does for most of a million events. A lookup
/// with this key hashes its 8-byte digest instead.
///
/// Ids are compared by their bytes, as the sources send them (two spellings of an accented
/// letter are two ids), and sort by their bytes. The digest is seeded once per process, so
/// the ids a feed would need to send for its digests to collide cannot be worked out ahead;
/// the dictionary then hashes the digest with its own per-process seed, as it hashes any key.
///
/// Written as its id: a dictionary keyed by it encodes exactly as one keyed by `String`
/// (``CodingKeyRepresentable``), so checkpoints are read and written as before.
public struct RecordKey: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral,
                         Codable, CodingKeyRepresentable {
    /// The record's id.
    public let id: String
    private let digest: UInt64

    public init(_ id: String) {
        self.id = id
        digest = Self.digest(of: id)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public static func == (a: RecordKey, b: RecordKey) -> Bool {
        // The digests differ for ids of different bytes (but for a collision, where the ids'
        // own comparison decides): two spellings of a letter are two keys.
        a.digest == b.digest && a.id == b.id
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(digest)
    }

    /// What a dictionary asks for on every lookup: the digest hashed with the dictionary's
    /// seed, in one step (the default sets up a `Hasher`, feeds it ``hash(into:)`` and
    /// finishes it, which costs more than the rest of a lookup).
    public func _rawHashValue(seed: Int) -> Int {
        digest._rawHashValue(seed: seed)
    }

    public static func < (a: RecordKey, b: RecordKey) -> Bool {
        a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }

    public var description: String { id }

    /// Written as its id, a string.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(id)
    }

    public var codingKey: any CodingKey { Key(stringValue: id) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(codingKey.stringValue)
    }

    /// The coding key an id is written under.
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Set once per process from the system's random source.
    private static let seed = UInt64.random(in: .min ... .max)

    /// A 64-bit digest of `id`'s UTF-8, eight bytes at a time: each word folded in by a
    /// multiply and a shift (the mixing constants of SplitMix64), the length in the start.
    static func digest(of id: String) -> UInt64 {
        // A native string's bytes where they lie (a small one's copied to the stack); any
        // other (never made by the decoder) is made native first.
        if let d = id.utf8.withContiguousStorageIfAvailable(digest(of:)) { return d }
        var native = id
        native.makeContiguousUTF8()
        return native.utf8.withContiguousStorageIfAvailable(digest(of:)) ?? 0
    }

    private static func digest(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed ^ (UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }
}
