/// Turns short byte strings that recur in a feed (ids, road and station names, districts) into
/// shared `String`s, so the reader does not allocate and validate the same text a million times.
///
/// Open addressing over FNV-1a hashes; the table stops growing at `maxEntries` (beyond it strings
/// are simply created), so hostile feeds with endless distinct ids cannot exhaust memory here.
final class StringInterner {
    static let maxEntries = 1 << 18
    static let maxLength = 48

    // One owner, one thread: no runtime exclusivity checks on the hot path.
    @exclusivity(unchecked) private var slots: [Int32]
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private var hashes: [UInt64] = []
    @exclusivity(unchecked) private var offsets: [Int32] = []
    @exclusivity(unchecked) private var lengths: [UInt8] = []
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var strings: [String] = []

    init() {
        slots = Array(repeating: -1, count: 1024)
        mask = 1023
    }

    /// The string for `bytes` (valid UTF-8), or nil when the bytes are not valid UTF-8.
    func intern(_ bytes: UnsafeRawBufferPointer) -> String? {
        let n = bytes.count
        guard n <= Self.maxLength else { return makeString(bytes) }
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s < 0 { break }
            let idx = Int(s)
            if hashes[idx] == h, Int(lengths[idx]) == n, equalBytes(idx, bytes) { return strings[idx] }
            i = (i + 1) & mask
        }
        guard let str = makeString(bytes) else { return nil }
        guard strings.count < Self.maxEntries else { return str }
        let idx = Int32(strings.count)
        hashes.append(h)
        offsets.append(Int32(arena.count))
        lengths.append(UInt8(n))
        arena.append(contentsOf: bytes)
        strings.append(str)
        slots[i] = idx
        if strings.count * 2 > slots.count { grow() }
        return str
    }

    /// A fast 64-bit hash of a short byte string: 8 bytes per step, multiply and xor-shift.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        guard let base = bytes.baseAddress else { return h }
        while i + 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        return h
    }

    private func equalBytes(_ idx: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let off = Int(offsets[idx])
        return arena.withUnsafeBufferPointer { a in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
            return memcmpBytes(a.baseAddress! + off, base, bytes.count)
        }
    }

    private func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (idx, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(idx)
        }
    }

    private func makeString(_ bytes: UnsafeRawBufferPointer) -> String? {
        String(validating: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }
}

/// Whether `n` bytes at `a` and `b` are equal, compared eight at a time.
@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    let ar = UnsafeRawPointer(a)
    var i = 0
    while i + 8 <= n {
        if ar.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if ar.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
