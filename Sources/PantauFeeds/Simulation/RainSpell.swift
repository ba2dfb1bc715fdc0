import Foundation

/// One rain-bearing weather system crossing the city: the late-afternoon thunderstorm of the
/// rainy season, or a light shower.
///
/// Rain is a function of time and place (no state), so rivers and incident rates can be
/// computed from the same spell at any moment, including ahead of time.
struct RainSpell: Sendable {
    /// When the rain starts where it arrives first, epoch milliseconds.
    let onsetMillis: Int64
    /// Peak intensity in mm/h where the district factor is 1.
    let peakMMPerHour: Double
    /// 1 for a full storm (about three hours of rain); smaller for a short shower.
    let timeScale: Double
    /// How much it drives the rivers: 1 is the demo day's storm.
    let strength: Double
    /// Per kecamatan (in `Kecamatan.all` order): how hard it rains there relative to the peak.
    let districtFactor: [Double]
    /// Per kecamatan: hours after the onset that the rain reaches it (the cell moves).
    let arrivalDelayHours: [Double]
    /// How strongly the Cisadane's upstream catchment responds (rain in the hills).
    let upstreamFactor: Double

    /// Hours since the rain reached district `d` (negative before).
    func hoursSinceArrival(district d: Int, at millis: Int64) -> Double {
        Double(millis - onsetMillis) / Double(SimClock.hourMillis) - arrivalDelayHours[d]
    }

    /// Rain intensity in district `d` at `millis`, mm/h, before gauge noise.
    func rain(district d: Int, at millis: Int64) -> Double {
        let x = hoursSinceArrival(district: d, at: millis)
        guard x > 0, x < 8 * timeScale else { return 0 }
        return peakMMPerHour * districtFactor[d] * RainSpell.profile(x / timeScale)
    }

    /// The shape of a convective storm in hours since it arrived: a burst that builds in about
    /// twenty minutes, an hour of downpour, then a decay into lighter rain.
    static func profile(_ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x < 0.35 { return pow(x / 0.35, 1.5) }
        if x < 1.3 { return 1 - 0.18 * (x - 0.35) / 0.95 }
        let shower = 0.82 * exp(-(x - 1.3) / 0.55)
        let trailing = 0.07 * exp(-(x - 1.3) / 1.6)
        return max(shower, trailing)
    }
}
