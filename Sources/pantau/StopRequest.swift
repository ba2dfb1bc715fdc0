import Dispatch
import Foundation

/// A stop asked for by a signal handler, read by a headless loop (`record`, `ingest`) between
/// batches, so what it writes ends whole.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false

    func request() {
        lock.lock()
        flag = true
        lock.unlock()
    }

    var requested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }

    /// Makes each of `signals` request the stop (instead of ending the process) and then call
    /// `wake` (the loop's wake-up); the handlers stay until cancelled.
    func onSignals(_ signals: [Int32], wake: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        signals.map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                request()
                wake()
            }
            source.resume()
            return source
        }
    }
}
