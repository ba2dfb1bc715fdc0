import Foundation
import PantauCore

/// A flag a source's thread checks, with a sleep that ends early when the flag is set.
public final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    /// A signal not yet raised.
    public init() {}

    /// Raises the signal and wakes every ``sleep(_:)``.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether ``stop()`` was called.
    public var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Sleeps up to `seconds`; returns false (at once) when stopped.
    @discardableResult
    public func sleep(_ seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(max(0, seconds))
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            if !condition.wait(until: deadline) { break }
        }
        return !stopped
    }
}

/// Runs a blocking body on its own thread (one per source, so a slow source never holds up
/// another or the screen).
enum SourceThread {
    /// Starts `body` for the source `sink` belongs to; the sink knows when it has returned
    /// (``SourceSink/waitForThreadEnd(until:)``).
    static func start(name: String, sink: SourceSink, _ body: @escaping @Sendable () -> Void) {
        sink.threadStarted()
        NamedThread.start("pantau-source-\(name)", stackSize: 1 << 20) {
            body()
            sink.threadEnded()
        }
    }
}
