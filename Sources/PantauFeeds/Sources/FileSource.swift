import Foundation

/// A `file` source: an NDJSON file (or a document in another format) followed like
/// `tail -F`. It reads what is there from the start, then what is appended; when the file
/// shrinks (truncation) it starts again from the beginning, and when the path names a new
/// file (rotation: another inode) it finishes the old one and opens the new. The path is
/// checked with `stat` every quarter second.
///
/// It tells its sink how far it has read (``SourcePosition``, after each turn that read
/// something), and ``resume(from:)`` makes it start there instead of at the beginning when the
/// path still names the same file, at least that long, with the same first bytes: so a
/// restarted `pantau ingest` does not append the file's events again.
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
    private let resumeLock = NSLock()
    private var resumeAt: SourcePosition?

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

    /// Starts at `position` (see the type) rather than at the beginning; call before
    /// ``start(_:)``. Used for the first file opened only.
    public func resume(from position: SourcePosition) {
        resumeLock.lock()
        resumeAt = position
        resumeLock.unlock()
    }

    /// The resume position, once (the first file opened).
    private func takeResumePosition() -> SourcePosition? {
        resumeLock.lock()
        defer { resumeLock.unlock() }
        let position = resumeAt
        resumeAt = nil
        return position
    }

    /// Whether the open file `fd` (its `stat` in `st`) is the one `position` was read in, still
    /// at least as long and with the same first bytes.
    private static func continues(_ position: SourcePosition, fd: Int32, _ st: stat) -> Bool {
        UInt64(st.st_dev) == position.device && UInt64(st.st_ino) == position.inode
            && position.offset >= 0 && Int64(st.st_size) >= position.offset
            && SourcePosition.head(of: fd, before: position.offset) == position.head
    }

    private func run(_ sink: SourceSink) {
        var stream = StreamDecoder(format: format, source: name)
        var backoff = Backoff(initial: Self.pollInterval)
        var fd: Int32 = -1
        var openedInode: ino_t = 0
        var openedDevice: dev_t = 0
        var offset: off_t = 0
        var reported: SourcePosition?
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
                if let position = takeResumePosition(), Self.continues(position, fd: fd, st),
                   lseek(fd, off_t(position.offset), SEEK_SET) == off_t(position.offset) {
                    offset = off_t(position.offset)
                    reported = position
                }
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
            // How far it has read: past the last complete line (a document: all of it).
            let consumed = Int64(offset) - Int64(stream.decoder.isLineFormat ? stream.framer.sinceNewline : 0)
            if readAny, consumed != reported?.offset || openedInode != reported.map({ ino_t($0.inode) }),
               let head = SourcePosition.head(of: fd, before: consumed) {
                let position = SourcePosition(device: UInt64(openedDevice), inode: UInt64(openedInode), offset: consumed, head: head)
                sink.reached(position)
                reported = position
            }

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
