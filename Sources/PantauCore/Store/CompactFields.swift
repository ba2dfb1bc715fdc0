/// A keyed container of a compact encoding read field by field, without the `Decoder`
/// machinery (no container boxes, no key strings, no generic metadata per value): what a
/// ``CompactRecord`` reads itself with.
///
/// The fields are asked for in ascending key order (bytewise, as ``CompactEncoder`` sorts
/// them), so that one pass reads the container: a key asked for that the container does not
/// have is absent; a key the container has that is never asked for is an error (``finish()``,
/// or the next field asked for), so a record reader that misses a field cannot drop it silently.
struct CompactFields {
    let bytes: CompactBytes
    /// Where the next unread entry starts.
    private var position: Int
    /// How many entries are left to read.
    private var remaining: Int
    private let end: Int
    #if DEBUG
    private var lastAsked: [UInt8] = []
    #endif

    init(at offset: Int, in bytes: CompactBytes) throws {
        self.bytes = bytes
        let c = try bytes.container(at: offset, .keyed)
        position = c.start
        remaining = c.count
        end = c.end
    }

    /// The offset of `key`'s value, moving past it, or nil if the container does not have it.
    mutating func value(_ key: StaticString) throws -> Int? {
        let asked = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        #if DEBUG
        assert(lastAsked.isEmpty || lastAsked.lexicographicallyPrecedes(asked), "fields asked for out of order: \(key)")
        lastAsked = Array(asked)
        #endif
        guard remaining > 0 else { return nil }
        var i = position
        let keyCount = try bytes.length(at: &i)
        let order = bytes.compare(i, keyCount, with: asked)
        if order > 0 { return nil }
        if order < 0 { throw bytes.damaged("unexpected field \(bytes.text(at: i, count: keyCount)) at \(i)") }
        let value = i + keyCount
        var after = 0
        try bytes.skip(at: value, end: &after)
        guard after <= end else { throw bytes.damaged("value past its container at \(value)") }
        position = after
        remaining -= 1
        return value
    }

    /// The offset of `key`'s value, which must be there.
    mutating func required(_ key: StaticString) throws -> Int {
        guard let offset = try value(key) else { throw bytes.damaged("no \(key)") }
        return offset
    }

    /// The offset of `key`'s value, or nil if it is absent or null (as `decodeIfPresent`).
    mutating func optional(_ key: StaticString) throws -> Int? {
        guard let offset = try value(key), try !bytes.isNil(at: offset) else { return nil }
        return offset
    }

    /// Checks that every field was read.
    func finish() throws {
        guard remaining == 0 else {
            var i = position
            let keyCount = try bytes.length(at: &i)
            throw bytes.damaged("unexpected field \(bytes.text(at: i, count: keyCount)) at \(i)")
        }
    }

    mutating func string(_ key: StaticString) throws -> String { try bytes.string(at: required(key)) }
    mutating func int(_ key: StaticString) throws -> Int { try bytes.integer(Int.self, at: required(key)) }
    mutating func bool(_ key: StaticString) throws -> Bool { try bytes.bool(at: required(key)) }
    mutating func instant(_ key: StaticString) throws -> Instant { Instant(millis: try bytes.int64(at: required(key))) }

    mutating func optionalString(_ key: StaticString) throws -> String? {
        try optional(key).map { try bytes.string(at: $0) }
    }

    mutating func optionalDouble(_ key: StaticString) throws -> Double? {
        try optional(key).map { try bytes.double(at: $0) }
    }

    mutating func optionalInstant(_ key: StaticString) throws -> Instant? {
        try optional(key).map { Instant(millis: try bytes.int64(at: $0)) }
    }

    /// A value with a string raw value (an enum), refused if not one of its cases.
    mutating func raw<Value: RawRepresentable>(_ type: Value.Type, _ key: StaticString) throws -> Value where Value.RawValue == String {
        let offset = try required(key)
        guard let value = Value(rawValue: try bytes.string(at: offset)) else { throw bytes.damaged("not a \(Value.self) at \(offset)") }
        return value
    }

    mutating func strings(_ key: StaticString) throws -> [String] {
        try bytes.list(at: required(key)) { try bytes.string(at: $0) }
    }

    mutating func record<Value: CompactRecord>(_ type: Value.Type, _ key: StaticString) throws -> Value {
        try Value(compactAt: required(key), in: bytes)
    }

    mutating func optionalRecord<Value: CompactRecord>(_ type: Value.Type, _ key: StaticString) throws -> Value? {
        try optional(key).map { try Value(compactAt: $0, in: bytes) }
    }

    /// Any other value, through its `Decodable` init (for fields too rare to be worth a reader).
    mutating func optionalDecodable<Value: Decodable>(_ type: Value.Type, _ key: StaticString) throws -> Value? {
        try optional(key).map { try Value(from: CompactDecoding(bytes: bytes, offset: $0)) }
    }
}
