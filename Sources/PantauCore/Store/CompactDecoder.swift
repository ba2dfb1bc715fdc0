import Foundation

/// Reads what ``CompactEncoder`` wrote. Every length and offset is checked against the data:
/// damaged or foreign bytes are a `DecodingError`, never a crash.
public enum CompactDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let bytes = CompactBytes([UInt8](data))
        var end = 0
        try bytes.skip(at: 0, end: &end)
        guard end == bytes.count else { throw bytes.damaged("bytes after the value") }
        return try T(from: CompactDecoding(bytes: bytes, offset: 0))
    }
}

/// The encoded bytes, with checked reads.
final class CompactBytes: Sendable {
    let bytes: [UInt8]
    var count: Int { bytes.count }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The same bytes in storage of their own (not shared with this one's).
    func copy() -> CompactBytes { CompactBytes(bytes.withUnsafeBufferPointer { Array($0) }) }

    func damaged(_ what: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "not a compact encoding: \(what)"))
    }

    func tag(at offset: Int) throws -> CompactTag {
        guard offset < bytes.count, let tag = CompactTag(rawValue: bytes[offset]) else { throw damaged("bad tag at \(offset)") }
        return tag
    }

    func varint(at offset: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw damaged("bad number at \(offset)") }
            let b = bytes[offset]
            offset += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    /// A length read at `offset`, that fits in what is left.
    func length(at offset: inout Int) throws -> Int {
        let n = try varint(at: &offset)
        guard n <= UInt64(bytes.count - offset) else { throw damaged("length past the end at \(offset)") }
        return Int(n)
    }

    func string(at offset: inout Int) throws -> String {
        let n = try length(at: &offset)
        defer { offset += n }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + n]), as: UTF8.self) }
    }

    /// A dictionary's key at `offset`, refused unless it is valid UTF-8 (a key repaired into
    /// other text would be a different key: `Decodable`'s lookup by name would not find it).
    func key(at offset: inout Int) throws -> String {
        let n = try length(at: &offset)
        defer { offset += n }
        let key = bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[offset..<offset + n]), as: UTF8.self) }
        guard let key else { throw damaged("a key that is not UTF-8 at \(offset)") }
        return key
    }

    /// The text of `count` UTF-8 bytes at `offset` (in range: checked by the caller).
    func text(at offset: Int, count: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + count]), as: UTF8.self) }
    }

    /// How the `count` bytes at `offset` order against `other` (bytewise, shorter first on a
    /// common prefix): negative, zero or positive, as `memcmp`.
    func compare(_ offset: Int, _ count: Int, with other: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { all in
            let common = min(count, other.count)
            if common > 0, let a = all.baseAddress, let b = other.baseAddress {
                let order = memcmp(a + offset, b, common)
                if order != 0 { return Int(order) }
            }
            return count - other.count
        }
    }

    /// How the `count` bytes at `offset` order against the `otherCount` bytes at `other`.
    func compare(_ offset: Int, _ count: Int, with other: Int, _ otherCount: Int) -> Int {
        bytes.withUnsafeBufferPointer { all in
            compare(offset, count, with: UnsafeBufferPointer(rebasing: all[other..<other + otherCount]))
        }
    }

    /// Where the value at `offset` ends.
    func skip(at offset: Int, end: inout Int) throws {
        var i = offset + 1
        switch try tag(at: offset) {
        case .null, .false, .true: break
        case .int, .uint: _ = try varint(at: &i)
        case .double:
            guard i + 8 <= bytes.count else { throw damaged("short number at \(offset)") }
            i += 8
        case .string: i += try length(at: &i)
        case .list, .keyed:
            _ = try varint(at: &i)
            i += try length(at: &i)
        }
        end = i
    }

    /// Each value of the list at `offset`, read by `read` at its offset (each checked to end
    /// within the list).
    func list<T>(at offset: Int, _ read: (Int) throws -> T) throws -> [T] {
        let c = try container(at: offset, .list)
        var values: [T] = []
        values.reserveCapacity(c.count)
        var i = c.start
        for _ in 0..<c.count {
            var after = 0
            try skip(at: i, end: &after)
            guard after <= c.end else { throw damaged("value past its list at \(i)") }
            values.append(try read(i))
            i = after
        }
        return values
    }

    /// Each entry of the keyed container at `offset`: its key (UTF-8, see ``key(at:)``) and
    /// its value's offset (each checked to end within the container), in the order written.
    func forEachEntry(at offset: Int, _ body: (String, Int) throws -> Void) throws {
        let c = try container(at: offset, .keyed)
        var i = c.start
        for _ in 0..<c.count {
            let key = try key(at: &i)
            var after = 0
            try skip(at: i, end: &after)
            guard after <= c.end else { throw damaged("value past its container at \(i)") }
            try body(key, i)
            i = after
        }
    }

    /// A list's or keyed container's count and where its body starts and ends.
    func container(at offset: Int, _ expected: CompactTag) throws -> (count: Int, start: Int, end: Int) {
        guard try tag(at: offset) == expected else { throw damaged("expected a \(expected) at \(offset)") }
        var i = offset + 1
        let count = try varint(at: &i)
        let length = try length(at: &i)
        guard count <= UInt64(length) else { throw damaged("bad count at \(offset)") }
        return (Int(count), i, i + length)
    }

    func isNil(at offset: Int) throws -> Bool { try tag(at: offset) == .null }

    func bool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .false: return false
        case .true: return true
        default: throw damaged("expected a bool at \(offset)")
        }
    }

    func int64(at offset: Int) throws -> Int64 {
        var i = offset + 1
        switch try tag(at: offset) {
        case .int:
            let z = try varint(at: &i)
            return Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
        case .uint:
            let u = try varint(at: &i)
            guard u <= UInt64(Int64.max) else { throw damaged("number too large at \(offset)") }
            return Int64(u)
        default: throw damaged("expected an integer at \(offset)")
        }
    }

    func uint64(at offset: Int) throws -> UInt64 {
        var i = offset + 1
        switch try tag(at: offset) {
        case .uint: return try varint(at: &i)
        case .int:
            let v = try int64(at: offset)
            guard v >= 0 else { throw damaged("negative number at \(offset)") }
            return UInt64(v)
        default: throw damaged("expected an integer at \(offset)")
        }
    }

    func double(at offset: Int) throws -> Double {
        guard try tag(at: offset) == .double, offset + 9 <= bytes.count else { throw damaged("expected a number at \(offset)") }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(bytes[offset + 1 + k]) << (8 * UInt64(k)) }
        return Double(bitPattern: bits)
    }

    func string(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw damaged("expected a string at \(offset)") }
        var i = offset + 1
        return try string(at: &i)
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        if T.isSigned {
            guard let v = T(exactly: try int64(at: offset)) else { throw damaged("number out of range at \(offset)") }
            return v
        }
        guard let v = T(exactly: try uint64(at: offset)) else { throw damaged("number out of range at \(offset)") }
        return v
    }
}

struct CompactDecoding: Decoder {
    let bytes: CompactBytes
    let offset: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try CompactKeyedDecoding<Key>(bytes: bytes, offset: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoding(bytes: bytes, offset: offset)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CompactSingleDecoding(bytes: bytes, offset: offset)
    }
}

struct CompactSingleDecoding: SingleValueDecodingContainer {
    let bytes: CompactBytes
    let offset: Int
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { (try? bytes.isNil(at: offset)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try bytes.bool(at: offset) }
    func decode(_ type: String.Type) throws -> String { try bytes.string(at: offset) }
    func decode(_ type: Double.Type) throws -> Double { try bytes.double(at: offset) }
    func decode(_ type: Float.Type) throws -> Float { Float(try bytes.double(at: offset)) }
    func decode(_ type: Int.Type) throws -> Int { try bytes.integer(type, at: offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try bytes.integer(type, at: offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try bytes.integer(type, at: offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try bytes.integer(type, at: offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try bytes.int64(at: offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try bytes.integer(type, at: offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try bytes.integer(type, at: offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try bytes.integer(type, at: offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try bytes.integer(type, at: offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try bytes.uint64(at: offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: CompactDecoding(bytes: bytes, offset: offset)) }
}

struct CompactUnkeyedDecoding: UnkeyedDecodingContainer {
    let bytes: CompactBytes
    let end: Int
    var position: Int
    var count: Int?
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= count! }

    init(bytes: CompactBytes, offset: Int) throws {
        self.bytes = bytes
        let c = try bytes.container(at: offset, .list)
        count = c.count
        position = c.start
        end = c.end
    }

    /// The next value's offset, moving past it.
    private mutating func next() throws -> Int {
        guard !isAtEnd else { throw bytes.damaged("list ended at \(position)") }
        let at = position
        var after = 0
        try bytes.skip(at: at, end: &after)
        guard after <= end else { throw bytes.damaged("value past its list at \(at)") }
        position = after
        currentIndex += 1
        return at
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, try bytes.isNil(at: position) else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try bytes.bool(at: next()) }
    mutating func decode(_ type: String.Type) throws -> String { try bytes.string(at: next()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try bytes.double(at: next()) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try bytes.double(at: next())) }
    mutating func decode(_ type: Int.Type) throws -> Int { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try bytes.int64(at: next()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try bytes.integer(type, at: next()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try bytes.uint64(at: next()) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: CompactDecoding(bytes: bytes, offset: next())) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try CompactKeyedDecoding<NestedKey>(bytes: bytes, offset: next()))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoding(bytes: bytes, offset: next())
    }

    mutating func superDecoder() throws -> any Decoder { CompactDecoding(bytes: bytes, offset: try next()) }
}

struct CompactKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let bytes: CompactBytes
    /// Each entry's key (where its UTF-8 bytes start, how many) and value offset, in the
    /// order written: sorted by key, as ``CompactEncoder`` writes them, unless foreign.
    let entries: [CompactKeyedEntry]
    /// Whether the keys are strictly ascending (then a key is found by binary search, else by
    /// a scan from the end, the last of equal keys winning).
    let isSorted: Bool
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { entries.compactMap { Key(stringValue: bytes.text(at: $0.key, count: $0.keyCount)) } }

    init(bytes: CompactBytes, offset: Int) throws {
        self.bytes = bytes
        let c = try bytes.container(at: offset, .keyed)
        var entries = [CompactKeyedEntry]()
        entries.reserveCapacity(c.count)
        var isSorted = true
        var i = c.start
        for _ in 0..<c.count {
            let keyCount = try bytes.length(at: &i)
            let key = i
            i += keyCount
            var after = 0
            try bytes.skip(at: i, end: &after)
            guard after <= c.end else { throw bytes.damaged("value past its container at \(i)") }
            if isSorted, let previous = entries.last,
               bytes.compare(previous.key, previous.keyCount, with: key, keyCount) >= 0 {
                isSorted = false
            }
            entries.append(CompactKeyedEntry(key: key, keyCount: keyCount, value: i))
            i = after
        }
        self.entries = entries
        self.isSorted = isSorted
    }

    /// The value offset of `key`, if it is there.
    private func offset(of key: Key) -> Int? { offset(named: key.stringValue) }

    /// The value offset of the key named `name`, if it is there.
    private func offset(named name: String) -> Int? {
        var name = name
        return name.withUTF8 { name in
            if isSorted {
                var low = 0
                var high = entries.count
                while low < high {
                    let mid = (low + high) / 2
                    let order = bytes.compare(entries[mid].key, entries[mid].keyCount, with: name)
                    if order == 0 { return entries[mid].value }
                    if order < 0 { low = mid + 1 } else { high = mid }
                }
                return nil
            }
            return entries.last { bytes.compare($0.key, $0.keyCount, with: name) == 0 }?.value
        }
    }

    /// The value offset of `key`; its absence is `keyNotFound`.
    func at(_ key: Key) throws -> Int {
        guard let o = offset(of: key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: [], debugDescription: "no \(key.stringValue)"))
        }
        return o
    }

    func contains(_ key: Key) -> Bool { offset(of: key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try bytes.isNil(at: at(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try bytes.bool(at: at(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try bytes.string(at: at(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try bytes.double(at: at(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try bytes.double(at: at(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try bytes.integer(type, at: at(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try bytes.integer(type, at: at(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try bytes.integer(type, at: at(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try bytes.integer(type, at: at(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try bytes.int64(at: at(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try bytes.integer(type, at: at(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try bytes.integer(type, at: at(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try bytes.integer(type, at: at(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try bytes.integer(type, at: at(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try bytes.uint64(at: at(key)) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: CompactDecoding(bytes: bytes, offset: at(key)))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try CompactKeyedDecoding<NestedKey>(bytes: bytes, offset: at(key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try CompactUnkeyedDecoding(bytes: bytes, offset: at(key))
    }

    func superDecoder() throws -> any Decoder {
        guard let o = offset(named: "super") else { throw bytes.damaged("no super") }
        return CompactDecoding(bytes: bytes, offset: o)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { CompactDecoding(bytes: bytes, offset: try at(key)) }
}

/// Where one entry of a keyed container is in the bytes.
struct CompactKeyedEntry {
    /// Where the key's UTF-8 bytes start.
    var key: Int
    /// How many bytes the key has.
    var keyCount: Int
    /// Where the value starts.
    var value: Int
}
