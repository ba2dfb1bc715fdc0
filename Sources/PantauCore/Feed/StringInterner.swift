/// Turns short byte strings that recur in a feed (ids, road and station names, districts) into
/// shared `String`s, so the reader does not allocate and validate the same text a million times.
///
/// Open addressing over FNV-1a hashes; the table stops growing at `maxEntries` (beyond it strings
/// are simply created), so hostile feeds with endless distinct ids cannot exhaust memory here.
final class StringInterner {
    static let maxEntries = 1 << 18
    static let maxLength = 48

    private var slots: [Int32]
    private var mask: Int
    private var hashes: [UInt64] = []
    private var offsets: [Int32] = []
    private var lengths: [UInt8] = []
    private var arena: [UInt8] = []
    private var strings: [String] = []

    init() {
        slots = Array(repeating: -1, count: 1024)
        mask = 1023
    }

    /// The string for `bytes` (valid UTF-8), or nil when the bytes are not valid UTF-8.
    func intern(_ bytes: UnsafeRawBufferPointer) -> String? {
        let n = bytes.count
        guard n <= Self.maxLength else { return makeString(bytes) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
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

@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    let bp = b.assumingMemoryBound(to: UInt8.self)
    var i = 0
    while i < n {
        if a[i] != bp[i] { return false }
        i += 1
    }
    return true
}
