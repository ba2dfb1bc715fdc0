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

    public var codingKey: any CodingKey { NamedCodingKey(stringValue: id) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(codingKey.stringValue)
    }

    /// Set once per process from the system's random source.
    private static let seed = UInt64.random(in: .min ... .max)

    /// A 64-bit digest of `id`'s UTF-8 (``ByteHash``, with the process's seed).
    static func digest(of id: String) -> UInt64 {
        // A native string's bytes where they lie (a small one's copied to the stack); any
        // other (never made by the decoder) is made native first.
        if let d = id.utf8.withContiguousStorageIfAvailable({ ByteHash.hash(UnsafeRawBufferPointer($0), seed: seed) }) { return d }
        var native = id
        native.makeContiguousUTF8()
        return native.utf8.withContiguousStorageIfAvailable { ByteHash.hash(UnsafeRawBufferPointer($0), seed: seed) } ?? 0
    }
}
