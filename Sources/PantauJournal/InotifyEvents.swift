import Glibc

/// Reading an inotify descriptor's events: what the journal watch and the layout-file watcher
/// (both on a directory, filtered by file name) share.
public enum InotifyEvents {
    /// Drains every pending event of the non-blocking inotify descriptor `fd` and returns the
    /// names of the files they concern (a directory watch's entries), in order.
    public static func drainNames(_ fd: Int32) -> [String] {
        var names: [String] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return names }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameLength = Int(event.len)
                    if nameLength > 0, nameStart + nameLength <= n {
                        let bytes = raw[nameStart..<(nameStart + nameLength)].prefix { $0 != 0 }
                        names.append(String(decoding: bytes, as: UTF8.self))
                    }
                    offset = nameStart + nameLength
                }
            }
        }
    }
}
