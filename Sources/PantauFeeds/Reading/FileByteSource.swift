import Foundation

/// Reads a file descriptor with `read(2)`.
public final class FileByteSource: ByteSource {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let name: String

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FeedReadError("cannot open \(path): \(String(cString: strerror(errno)))") }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FeedReadError("cannot read \(path): it is a directory")
        }
        self.fd = fd
        ownsDescriptor = true
        name = path
    }

    /// Reads an already open descriptor (stdin, a pipe).
    public init(descriptor: Int32, name: String) {
        fd = descriptor
        ownsDescriptor = false
        self.name = name
    }

    deinit { if ownsDescriptor { close(fd) } }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Foundation.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FeedReadError("cannot read \(name): \(String(cString: strerror(errno)))")
        }
    }
}
