/// A fast 64-bit hash of a short byte string: 8 bytes per step, each folded in by a multiply
/// and an xor-shift (SplitMix64's constants), the length in the start. Not a cryptographic
/// hash: the string interner's table uses it with a fixed seed, and ``RecordKey`` with one
/// drawn per process (so a feed cannot work out ids whose digests collide).
enum ByteHash {
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let n = bytes.count
        var h = seed ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        guard let base = bytes.baseAddress else { return h }
        while i + 8 <= n {
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
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
}
