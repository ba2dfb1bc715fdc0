import Foundation

/// How busy the roads are and what that does to speeds.
///
/// Demand follows a commuter city next to Jakarta: quiet nights, a morning peak around
/// 06:30–09:00 and a longer evening one around 16:30–19:30 on weekdays, a flatter and later
/// day at weekends. Speed falls with load along a BPR-style curve, so the busiest roads
/// (the toll road, Daan Mogot, Cokroaminoto, Hasyim Ashari) jam hard at the peaks.
enum TrafficModel {
    private static let weekdayDemand: [(Double, Double)] = [
        (0, 0.14), (3, 0.07), (4.5, 0.12), (5.5, 0.38), (6.25, 0.85), (6.75, 1.12), (7.5, 1.28),
        (8.25, 1.22), (9, 0.95), (10, 0.74), (12, 0.78), (13, 0.74), (15, 0.84), (16.25, 1.02),
        (17.25, 1.27), (18.25, 1.32), (19.25, 1.12), (20, 0.88), (21, 0.66), (22.5, 0.38), (24, 0.14),
    ]
    private static let weekendDemand: [(Double, Double)] = [
        (0, 0.22), (3, 0.08), (5, 0.12), (7, 0.42), (9, 0.72), (11, 0.86), (13, 0.9), (16, 0.92),
        (18, 1.0), (19.5, 0.98), (21, 0.75), (23, 0.38), (24, 0.22),
    ]

    /// Traffic demand at an hour of the WIB day (1 ≈ a road's practical capacity).
    static func demand(hour: Double, weekend: Bool) -> Double {
        SimMath.interpolate(hour, weekend ? weekendDemand : weekdayDemand)
    }

    /// Speed as a fraction of free flow under `load` (demand × the road's pressure × weather).
    static func speedRatio(load: Double) -> Double {
        1 / (1 + 0.55 * pow(max(0, load), 4.5))
    }

    /// Waze's jam level 0 (free) … 5 (standstill) from the speed ratio.
    static func jamLevel(ratio: Double) -> Int {
        switch ratio {
        case 0.8...: return 0
        case 0.6...: return 1
        case 0.4...: return 2
        case 0.25...: return 3
        case 0.1...: return 4
        default: return 5
        }
    }

    /// Extra load from rain (mm/h): drivers slow down and motorbikes shelter under flyovers.
    static func rainLoad(mmPerHour: Double) -> Double {
        min(0.3, mmPerHour / 40 * 0.3)
    }
}
