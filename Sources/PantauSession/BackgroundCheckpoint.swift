import Foundation
import PantauJournal

/// A checkpoint being encoded on a background thread, so the loop never waits for it: the loop
/// takes the encoding when it is ready (``finished``) and saves it, or waits for it at a clean
/// exit (``wait()``).
final class BackgroundCheckpoint: @unchecked Sendable {
    /// The last entry folded into the state being encoded.
    let sequence: Int64
    private let condition = NSCondition()
    private var result: Result<EncodedCheckpoint, JournalError>?

    /// Starts encoding `checkpoint` (a copy of the state: later changes do not reach it) with `encode`.
    init(_ checkpoint: JournalCheckpoint,
         encode: @escaping @Sendable (JournalCheckpoint) throws(JournalError) -> EncodedCheckpoint) {
        sequence = checkpoint.sequence
        DispatchQueue.global(qos: .utility).async { [self] in
            let encoded = Result { () throws(JournalError) in try encode(checkpoint) }
            condition.lock()
            result = encoded
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The encoding, or why it failed, once done; nil while it runs (does not wait).
    var finished: Result<EncodedCheckpoint, JournalError>? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }

    /// Waits for the encoding to be done.
    func wait() -> Result<EncodedCheckpoint, JournalError> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
