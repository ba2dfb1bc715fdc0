import Foundation

/// The simulator's own pseudo-random generator: SplitMix64 (Steele, Lea and Flood), a
/// 64-bit state advanced by a Weyl sequence and scrambled by a bijective mixer.
///
/// It never touches system randomness or the clock, and its helpers are written here rather
/// than taken from the standard library's `random(in:using:)`, whose algorithms may change
/// between Swift releases; so a seed gives the same numbers everywhere, forever.
public struct SimRandom {
    private var state: UInt64

    /// A generator starting from `seed` as is.
    public init(seed: UInt64) { state = seed }

    /// A generator for one independent stream: the run's `seed` mixed with stream labels
    /// (a subsystem tag, a day number, an entity counter …).
    init(seed: UInt64, _ labels: UInt64...) {
        var h = SimRandom.mix(seed ^ 0x5050_414E_5441_5521) // "PPANTAU!"
        for label in labels { h = SimRandom.mix(h ^ SimRandom.mix(label &+ 0x9E37_79B9_7F4A_7C15)) }
        state = h
    }

    /// SplitMix64's finaliser: a bijective avalanche of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SimRandom.mix(state)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [a, b).
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// Uniform integer in the closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal with the given median and log-scale spread.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// An index drawn with probability proportional to `weights` (all ≥ 0, some > 0).
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return int(0...(weights.count - 1)) }
        var r = unit() * total
        for (i, w) in weights.enumerated() {
            r -= w
            if r < 0 { return i }
        }
        return weights.count - 1
    }

    /// A Poisson-distributed count with mean `lambda` (Knuth's method; the simulator's means
    /// per five-minute window are small).
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda > 30 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
        let limit = exp(-lambda)
        var k = 0
        var p = unit()
        while p > limit {
            k += 1
            p *= unit()
        }
        return k
    }
}
