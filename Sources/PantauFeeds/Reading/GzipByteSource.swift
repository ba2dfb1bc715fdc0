import CZlib
import Foundation

/// Reads a gzip-compressed file through zlib, decompressing as it goes.
public final class GzipByteSource: ByteSource {
    private let file: gzFile
    private let name: String

    public init(path: String) throws {
        guard let f = gzopen(path, "rb") else { throw FeedReadError("cannot open \(path)") }
        _ = gzbuffer(f, 256 * 1024)
        file = f
        name = path
    }

    deinit { gzclose(file) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = gzread(file, buffer.baseAddress, UInt32(min(buffer.count, Int(Int32.max))))
        var code: Int32 = 0
        let message = gzerror(file, &code).map { String(cString: $0) } ?? "error \(code)"
        // A stream cut short is not an error to gzread (it is built to follow a file being
        // written): it ends early with Z_BUF_ERROR set. A recording is complete, so say so.
        if n < 0 || (n == 0 && code == Z_BUF_ERROR) {
            throw FeedReadError("cannot read \(name): \(message) (a truncated or corrupt gzip file?)")
        }
        return Int(n)
    }

    /// Whether the file starts with the gzip magic bytes.
    public static func looksCompressed(path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = h.readData(ofLength: 2)
        return head.count == 2 && head[head.startIndex] == 0x1F && head[head.startIndex + 1] == 0x8B
    }
}
