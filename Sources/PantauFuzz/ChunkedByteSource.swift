import PantauFeeds

/// A `ByteSource` over bytes in memory that hands them out in chunks of changing sizes, so
/// lines cross the reader's refills at every place.
final class ChunkedByteSource: ByteSource {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var state: UInt32
    private let maxChunk: Int

    /// `seed` picks the chunk sizes (1...`maxChunk`); a `maxChunk` of 0 gives everything at once.
    init(_ bytes: UnsafeRawBufferPointer, seed: UInt32, maxChunk: Int) {
        self.bytes = bytes
        state = seed | 1
        self.maxChunk = maxChunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var n = min(buffer.count, bytes.count - offset)
        if maxChunk > 0 {
            state = state &* 1_103_515_245 &+ 12345
            n = min(n, 1 + Int(state >> 16) % maxChunk)
        }
        guard n > 0 else { return 0 }
        buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: n)
        offset += n
        return n
    }
}
