import Foundation
import PantauCore

/// A `stdin` source: feed-format lines (or one payload in another format) piped into
/// Pantau, e.g. `pantau simulate | pantau record --sources piped.yaml --out day.ndjson`.
/// When the input ends the source is ``SourceHealth/ended``. Only for commands that do not
/// need the terminal (`record`): `run` reads keys from the terminal.
///
/// ```yaml
/// - name: piped
///   type: stdin
/// ```
public final class StdinSource: FeedSource, @unchecked Sendable {
    public let name: String
    public let type = "stdin"
    public let format: String
    private let descriptor: Int32
    private let signal = StopSignal()

    /// A source reading `descriptor` (standard input unless told).
    public init(name: String, format: String = "ndjson", descriptor: Int32 = 0) {
        self.name = name
        self.format = format
        self.descriptor = descriptor
    }

    public func start(_ sink: SourceSink) {
        SourceThread.start(name: name, sink: sink) { [self] in run(sink) }
    }

    public func stop() { signal.stop() }

    private func run(_ sink: SourceSink) {
        var stream = StreamDecoder(format: format, source: name)
        let bufferSize = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 8)
        defer { buffer.deallocate() }
        sink.touched()
        while !signal.isStopped {
            var pfd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 250)
            if ready == 0 { continue }
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            let n = read(descriptor, buffer.baseAddress, bufferSize)
            if n > 0 {
                stream.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), into: sink)
            } else if n < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                break
            }
        }
        stream.finishPayload(into: sink)
        if !signal.isStopped { sink.ended("end of input") }
    }
}

extension StdinSource {
    /// `type: stdin`: no keys of its own.
    public static let kind = SourceKind(type: "stdin", keys: []) { config in
        StdinSource(name: config.name, format: config.format)
    }
}
