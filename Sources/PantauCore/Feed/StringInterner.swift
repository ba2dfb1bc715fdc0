/// Turns short byte strings that recur in a feed (ids, road and station names, districts) into
/// shared `String`s, so the reader does not allocate and validate the same text a million times.
///
/// Open addressing over 64-bit multiply-xorshift hashes. When the table holds `maxEntries`
/// strings it starts afresh: a live feed brings new incident and ticket ids all day, and a table
/// that kept them all would grow for as long as Pantau runs (or until a cap, holding stale ids
/// and no longer learning new hot ones). After a reset the strings that recur come back within a
/// few lines, so the cost is small and memory stays flat.
final class StringInterner {
    static let maxEntries = 1 << 14
    static let maxLength = 48

    /// One interned string: its hash, where its bytes are in `arena`, and the shared `String`.
    /// `length < 0` marks an empty slot.
    private struct Entry {
        var hash: UInt64 = 0
        var offset: Int32 = 0
        var length: Int32 = -1
        var string = ""
    }

    // One owner, one thread, no references handed out: plain pointers, so a lookup is a probe
    // of one flat table with no array bookkeeping (this runs for most fields of every line).
    /// Open addressing, linear probing, indexed by the top bits of the scrambled hash.
    @exclusivity(unchecked) private var table: UnsafeMutablePointer<Entry>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var shift: UInt64
    @exclusivity(unchecked) private var count = 0
    /// The bytes of every interned string, back to back.
    @exclusivity(unchecked) private var arena: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var arenaCount = 0
    @exclusivity(unchecked) private var arenaCapacity: Int

    init() {
        capacity = 1024
        shift = 64 - 10
        table = .allocate(capacity: capacity)
        table.initialize(repeating: Entry(), count: capacity)
        arenaCapacity = 16 * 1024
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        table.deinitialize(count: capacity)
        table.deallocate()
        arena.deallocate()
    }

    @inline(__always) private func slot(_ h: UInt64) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The string for `bytes` (valid UTF-8), or nil when the bytes are not valid UTF-8.
    func intern(_ bytes: UnsafeRawBufferPointer) -> String? {
        let n = bytes.count
        guard n <= Self.maxLength, let source = bytes.baseAddress else { return makeString(bytes) }
        let h = ByteHash.hash(bytes, seed: 0x9E37_79B9_7F4A_7C15)
        var i = slot(h)
        while true {
            let e = table + i
            if e.pointee.length < 0 { break }
            if e.pointee.hash == h, Int(e.pointee.length) == n,
               memcmpBytes(arena + Int(e.pointee.offset), source, n) {
                return e.pointee.string
            }
            i = (i + 1) & (capacity - 1)
        }
        guard let str = makeString(bytes) else { return nil }
        if count >= Self.maxEntries {
            reset()
            i = slot(h)
        }
        if arenaCount + n > arenaCapacity { growArena(minimum: arenaCount + n) }
        (arena + arenaCount).initialize(from: source.assumingMemoryBound(to: UInt8.self), count: n)
        table[i] = Entry(hash: h, offset: Int32(arenaCount), length: Int32(n), string: str)
        arenaCount += n
        count += 1
        if count * 2 > capacity { growTable() }
        return str
    }

    /// Forgets every string (the `String`s stay valid where they are used).
    private func reset() {
        table.deinitialize(count: capacity)
        table.initialize(repeating: Entry(), count: capacity)
        count = 0
        arenaCount = 0
        resets += 1
    }

    /// How many times the table has started afresh (tests).
    private(set) var resets = 0

    /// Strings held now (tests).
    var entries: Int { count }

    private func growTable() {
        let old = table, oldCapacity = capacity
        capacity *= 2
        shift -= 1
        table = .allocate(capacity: capacity)
        table.initialize(repeating: Entry(), count: capacity)
        for k in 0..<oldCapacity where old[k].length >= 0 {
            var i = slot(old[k].hash)
            while table[i].length >= 0 { i = (i + 1) & (capacity - 1) }
            table[i] = old[k]
        }
        old.deinitialize(count: oldCapacity)
        old.deallocate()
    }

    private func growArena(minimum: Int) {
        let bigger = max(arenaCapacity * 2, minimum)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        new.initialize(from: arena, count: arenaCount)
        arena.deallocate()
        arena = new
        arenaCapacity = bigger
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
