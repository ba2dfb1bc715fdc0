import Foundation

/// Writing whole buffers to a file descriptor with `write(2)`: output, recordings, the
/// positions file. Short writes are retried and an interrupted one is tried again; a failure
/// (a closed pipe, a full disk) is returned as its text, never a trap.
enum FileDescriptorWrite {
    /// Writes all of `bytes` to `fd`; the error's text, or nil when everything was written.
    static func all(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            if n == 0 { return "nothing was written" }
            offset += n
        }
        return nil
    }

    /// Writes all of `bytes` to `fd`, as the raw-buffer `all` does.
    static func all(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBytes { all($0, to: fd) }
    }
}
