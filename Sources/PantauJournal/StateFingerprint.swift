import Foundation
import PantauCore

/// A state's identity for comparing consoles and restarts: the SHA-256 (hex) of its canonical
/// encoding (``CityState/canonicalEncoding()``). Two states with equal fingerprints hold the
/// same records, counters and indexes.
public struct StateFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public var hex: String

    public init(hex: String) { self.hex = hex }

    /// The fingerprint of `state`.
    public init(_ state: CityState) throws {
        self.init(canonicalEncoding: try state.canonicalEncoding())
    }

    /// The fingerprint of a state already encoded canonically (no second encoding).
    public init(canonicalEncoding: Data) {
        hex = SHA256Digest.hex(of: canonicalEncoding)
    }

    public var description: String { hex }
}
