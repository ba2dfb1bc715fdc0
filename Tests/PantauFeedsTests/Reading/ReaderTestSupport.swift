import Foundation
@testable import PantauFeeds

/// A text handed out in pieces of at most `piece` bytes, then a failure (when `failAtEnd`)
/// instead of the end: a feed for the readers' tests.
final class TextSource: ByteSource {
    struct Failing: Error {}

    private let bytes: [UInt8]
    private var offset = 0
    private let piece: Int
    private let failAtEnd: Bool

    init(_ text: String, piece: Int = 977, failAtEnd: Bool = false) {
        bytes = Array(text.utf8)
        self.piece = piece
        self.failAtEnd = failAtEnd
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, piece)
        if n == 0 {
            if failAtEnd { throw Failing() }
            return 0
        }
        bytes[offset..<(offset + n)].withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
        offset += n
        return n
    }
}

/// This process's threads, from `/proc/self/task`.
func threadCount() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
}

/// How many threads more than `before` are alive once fewer than `limit` more are, or after
/// 30 s: readers let go of early must end their threads (blocked ones would stay forever).
func threadsAdded(since before: Int, settlingBelow limit: Int) -> Int {
    let deadline = Date().addingTimeInterval(30)
    var added = Int.max
    while Date() < deadline {
        added = threadCount() - before
        if added < limit { break }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return added
}
