import Foundation

/// A small deterministic generator for tests with random inputs: SplitMix64 (Steele, Lea and
/// Flood). Tests start it from ``seed(default:)`` and name the seed in their failure messages,
/// so a failure can be repeated with `PANTAU_TEST_SEED=N swift test --filter ...`.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The seed to use: `PANTAU_TEST_SEED` when set (decimal), else `fallback`.
    public static func seed(default fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["PANTAU_TEST_SEED"].flatMap { UInt64($0) } ?? fallback
    }

    /// What a failure message says about the seed.
    public static func describe(_ seed: UInt64) -> String { "seed \(seed) (repeat with PANTAU_TEST_SEED=\(seed))" }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
