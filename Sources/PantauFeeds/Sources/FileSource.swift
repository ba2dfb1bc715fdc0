import Foundation

/// A `file` source: an NDJSON file (or a document in another format) followed like
/// `tail -F`. It reads what is there from the start, then what is appended; when the file
/// shrinks (truncation) it starts again from the beginning, and when the path names a new
/// file (rotation: another inode) it finishes the old one and opens the new. The path is
/// checked with `stat` every quarter second.
///
/// ```yaml
/// - name: simulator
///   type: file
///   path: /var/log/pantau/sim.ndjson
/// ```
public final class FileSource: FeedSource, @unchecked Sendable {
    /// How often the file is checked for new data, truncation and rotation.
    public static let pollInterval = 0.25

    public let name: String
    public let type = "file"
    public let format: String
    /// The followed path.
    public let path: String
    private let signal = StopSignal()

    /// A source following `path`.
    public init(name: String, path: String, format: String = "ndjson") {
        self.name = name
        self.path = path
        self.format = format
    }

    convenience init(config: SourceConfig) throws {
        guard let path = config.requiredString("path") else { throw config.refused }
        self.init(name: config.name, path: path, format: config.format)
    }

    public func start(_ sink: SourceSink) {
        SourceThread.start(name: name, sink: sink) { [self] in run(sink) }
    }

    public func stop() { signal.stop() }

    private func run(_ sink: SourceSink) {
        var stream = StreamDecoder(format: format, source: name)
        var backoff = Backoff(initial: Self.pollInterval)
        var fd: Int32 = -1
        var openedInode: ino_t = 0
        var openedDevice: dev_t = 0
        var offset: off_t = 0
        let bufferSize = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer {
            buffer.deallocate()
            if fd >= 0 { close(fd) }
        }
        sink.connecting()
        while !signal.isStopped {
            if fd < 0 {
                fd = open(path, O_RDONLY | O_CLOEXEC)
                if fd < 0 {
                    let reason = "cannot open \(path): \(String(cString: strerror(errno)))"
                    let wait = backoff.next()
                    sink.failed(reason, retryIn: wait)
                    signal.sleep(wait)
                    continue
                }
                var st = stat()
                fstat(fd, &st)
                openedInode = st.st_ino
                openedDevice = st.st_dev
                offset = 0
                stream.reset()
                backoff.reset()
                sink.touched()
            }
            // Everything available now.
            var readAny = false
            while !signal.isStopped {
                let n = read(fd, buffer.baseAddress, bufferSize)
                if n > 0 {
                    readAny = true
                    offset += off_t(n)
                    stream.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), into: sink)
                } else if n < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            if readAny, !stream.decoder.isLineFormat { stream.finishPayload(into: sink) }

            // Rotation: the path now names another file (or, for now, none).
            var pathStat = stat()
            if stat(path, &pathStat) == 0, pathStat.st_ino != openedInode || pathStat.st_dev != openedDevice {
                stream.finishPayload(into: sink)
                close(fd)
                fd = -1
                continue
            }
            // Truncation: the open file is shorter than what was read.
            var fdStat = stat()
            if fstat(fd, &fdStat) == 0, fdStat.st_size < offset {
                lseek(fd, 0, SEEK_SET)
                offset = 0
                stream.reset()
                continue
            }
            signal.sleep(Self.pollInterval)
        }
    }
}

extension FileSource {
    /// `type: file`: `path` (required).
    public static let kind = SourceKind(type: "file", keys: ["path"], required: ["path"]) { config in
        try FileSource(config: config)
    }
}
