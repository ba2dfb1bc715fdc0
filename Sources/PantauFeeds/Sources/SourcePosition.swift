import Foundation

/// How far a `file` source has read its file, so a restarted `pantau ingest` goes on from there
/// instead of appending the whole file again: the file (device and inode), the offset after its
/// last complete line (or after the whole document, for a format that is not line by line), and
/// a hash of the bytes before that offset (up to the first ``headLength``), so a file replaced
/// by another that happens to get the same inode is read from its start.
public struct SourcePosition: Codable, Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var offset: Int64
    /// FNV-1a (64-bit) of the first `min(offset, headLength)` bytes, in hex.
    public var head: String

    /// How many of the file's first bytes ``head`` covers.
    public static let headLength = 4096

    public init(device: UInt64, inode: UInt64, offset: Int64, head: String) {
        self.device = device
        self.inode = inode
        self.offset = offset
        self.head = head
    }

    /// ``head`` of the bytes of the open file `fd` before `offset` (read with `pread`, the
    /// file's own offset untouched); nil when they cannot be read in full.
    static func head(of fd: Int32, before offset: Int64) -> String? {
        let n = Int(max(0, min(offset, Int64(headLength))))
        var bytes = [UInt8](repeating: 0, count: n)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var got = 0
            while got < n {
                let r = pread(fd, base + got, n - got, off_t(got))
                if r < 0, errno == EINTR { continue }
                guard r > 0 else { return false }
                got += r
            }
            return true
        }
        guard complete else { return nil }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
