import Foundation
import PantauCore

/// A checkpoint already encoded (the state's canonical encoding and its fingerprint), so the
/// encoding can be done away from the loop that saves it.
public struct EncodedCheckpoint: Sendable {
    /// The last entry folded into the encoded state.
    public var sequence: Int64
    /// ``CityState/canonicalEncoding()`` of the state.
    public var encoding: Data
    /// The fingerprint of `encoding`.
    public var fingerprint: StateFingerprint
    /// The time the state is as of (``JournalCheckpoint/at``).
    public var at: Instant?

    /// Encodes `checkpoint`'s state and fingerprints it.
    public init(_ checkpoint: JournalCheckpoint) throws(JournalError) {
        sequence = checkpoint.sequence
        at = checkpoint.at
        do {
            encoding = try checkpoint.state.canonicalEncoding()
        } catch {
            throw JournalError(.other, "cannot encode the checkpoint at entry \(checkpoint.sequence): \(error)")
        }
        fingerprint = StateFingerprint(canonicalEncoding: encoding)
    }
}

extension Journal {
    /// Stores an encoded checkpoint by decoding it (a backend that stores the encoding as it is
    /// implements ``Journal/saveCheckpoint(encoded:)`` itself).
    public func saveCheckpoint(encoded checkpoint: EncodedCheckpoint) throws(JournalError) {
        let state: CityState
        do {
            state = try CityState(canonicalEncoding: checkpoint.encoding)
        } catch {
            throw JournalError(.other, "cannot decode the checkpoint at entry \(checkpoint.sequence): \(error)")
        }
        try saveCheckpoint(JournalCheckpoint(sequence: checkpoint.sequence, state: state, at: checkpoint.at))
    }
}
