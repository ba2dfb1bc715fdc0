/// Lines of a feed, framed by one thread (``FeedReader``) and copied out back to back so that
/// another can decode them (``ParallelFeedReader``).
struct LineChunk: Sendable {
    /// The lines' bytes, back to back, without their newlines.
    private(set) var bytes: [UInt8] = []
    /// Where each line ends in `bytes`; `-1` for a line skipped as too long (no bytes kept).
    private(set) var ends: [Int] = []
    /// Lines in the stream before this chunk's first (line numbers of skips count from it).
    var firstLine = 0

    init(firstLine: Int, capacity: Int) {
        self.firstLine = firstLine
        bytes.reserveCapacity(capacity)
    }

    /// Empties it for the lines from `firstLine` on, keeping its storage (a chunk decoded is
    /// framed into again, so no chunk's pages are allocated and faulted in afresh).
    mutating func reuse(firstLine: Int) {
        self.firstLine = firstLine
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    var count: Int { ends.count }
    var byteCount: Int { bytes.count }

    mutating func append(_ line: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
    }

    mutating func appendTooLong() { ends.append(-1) }

    /// Calls `body` with each line's bytes, or nil for a line too long to hold, in order.
    func forEachLine(_ body: (UnsafeRawBufferPointer?) -> Void) {
        bytes.withUnsafeBytes { all in
            var from = 0
            for end in ends {
                if end < 0 {
                    body(nil)
                    continue
                }
                body(UnsafeRawBufferPointer(rebasing: all[from..<end]))
                from = end
            }
        }
    }
}
