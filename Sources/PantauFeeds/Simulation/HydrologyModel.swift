import Foundation

/// Water levels and flood hazard as a response to the day's rain spells.
///
/// Each spell adds a unit hydrograph to a gauge: the small rivers (Cirarab, Angke, Sabi) rise
/// within an hour or two of the downpour, the Cisadane at Pintu Air Sepuluh a few hours later
/// (its water comes from the hills upstream), and everything recedes through the night.
/// The result is deterministic; the engine adds reading noise.
enum HydrologyModel {
    /// A gauge's level in cm at `millis`, without noise. `baseShift` is the run's offset.
    static func level(_ gauge: SimWaterGauge, district: Int, baseShift: Double, at millis: Int64,
                      spells: [RainSpell]) -> Double {
        let hour = SimClock.hourOfDay(millis)
        var level = gauge.baseCm + baseShift + gauge.gateSwingCm * sin(2 * .pi * (hour - 9) / 24)
        for s in spells {
            let factor = gauge.followsCisadane ? s.upstreamFactor : s.districtFactor[district]
            let since = gauge.followsCisadane
                ? Double(millis - s.onsetMillis) / Double(SimClock.hourMillis)
                : s.hoursSinceArrival(district: district, at: millis)
            let x = (since - gauge.lagHours) / (gauge.peakHours * max(0.6, s.timeScale))
            level += gauge.riseCm * s.strength * factor * SimMath.hydrograph(x)
        }
        return level
    }

    /// How full the drains and small rivers of district `d` are, about 0 (dry) … 1.2 (the demo
    /// storm's peak in its wettest district).
    static func floodHazard(district d: Int, at millis: Int64, spells: [RainSpell]) -> Double {
        var h = 0.0
        for s in spells {
            let x = (s.hoursSinceArrival(district: d, at: millis) - 0.3) / 1.7
            h += s.strength * s.districtFactor[d] * SimMath.hydrograph(x)
        }
        return h
    }
}
