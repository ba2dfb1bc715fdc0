import Foundation

/// The daily pattern of air pollution at a station.
///
/// PM2.5 builds up overnight under a shallow boundary layer, peaks with the morning traffic,
/// dips in the well-mixed early afternoon and rises again with the evening rush; industrial
/// estates add a daytime load. Rain washes it out for a few hours.
enum AirQualityModel {
    /// Multiplier of a station's base PM2.5 at an hour of the WIB day.
    static func pattern(hour: Double, weekend: Bool, industrial: Bool) -> Double {
        let traffic = TrafficModel.demand(hour: hour - 0.5, weekend: weekend)
        var m = 0.72 + 0.36 * traffic
        m += 0.26 * SimClock.bump(hour, centre: 5.5, width: 2.2)
        m -= 0.14 * SimClock.bump(hour, centre: 14, width: 2.8)
        if industrial { m += (weekend ? 0.1 : 0.26) * SimClock.bump(hour, centre: 11, width: 4) }
        return m
    }

    /// Fraction of pollution left after `wetMM` of recent rain.
    static func washout(wetMM: Double) -> Double {
        0.45 + 0.55 * exp(-wetMM / 6)
    }

    /// Air temperature (°C) at an hour of the WIB day, cooled by recent rain.
    static func temperature(hour: Double, wetMM: Double) -> Double {
        27.6 + 4.2 * cos(2 * .pi * (hour - 14) / 24) - min(4.5, wetMM * 0.35)
    }

    /// Relative humidity (%) at an hour of the WIB day, raised by recent rain.
    static func humidity(hour: Double, wetMM: Double) -> Double {
        min(98, 76 - 15 * cos(2 * .pi * (hour - 14) / 24) + min(18, wetMM * 1.5))
    }
}
