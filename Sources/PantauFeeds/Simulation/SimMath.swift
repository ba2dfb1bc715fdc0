import Foundation

/// Small numeric helpers shared by the simulator's models.
enum SimMath {
    /// Rounds to 4 decimals (coordinates, about 11 m).
    static func round4(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }

    /// Rounds to 1 decimal (speeds, rain, concentrations).
    static func round1(_ v: Double) -> Double { (v * 10).rounded() / 10 }

    /// Clamps `v` into `lo ... hi`.
    static func clamp(_ v: Double, _ lo: Double, _ hi: Double) -> Double { min(hi, max(lo, v)) }

    /// A unit-peak hydrograph (gamma-like): 0 before `x = 0`, rising to 1 at `x = 1`, then
    /// receding with a long tail; `x` is time since the rise began over time to peak.
    static func hydrograph(_ x: Double) -> Double {
        guard x > 0, x < 12 else { return 0 }
        let v = x * exp(1 - x)
        return v * v
    }

    /// Piecewise-linear interpolation through `(x, y)` points sorted by `x`.
    static func interpolate(_ x: Double, _ points: [(Double, Double)]) -> Double {
        guard let first = points.first, let last = points.last else { return 0 }
        if x <= first.0 { return first.1 }
        if x >= last.0 { return last.1 }
        var i = 1
        while points[i].0 < x { i += 1 }
        let (x0, y0) = points[i - 1]
        let (x1, y1) = points[i]
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    }
}
