/// Something that yields raw bytes in chunks: a file, a gzip stream, stdin.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A failure to open or read a feed, with a message fit for one line on stderr.
public struct FeedReadError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
