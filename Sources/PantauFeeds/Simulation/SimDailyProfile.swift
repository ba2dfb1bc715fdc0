/// A shape over the WIB day (piecewise linear through hour/value points), scaled so that its
/// average over 24 hours is 1; multiplying a daily rate by it gives the rate at an hour.
struct SimDailyProfile: Sendable {
    private let points: [(Double, Double)]
    private let mean: Double

    init(_ points: [(Double, Double)]) {
        self.points = points
        var sum = 0.0
        for i in 0..<96 { sum += SimMath.interpolate((Double(i) + 0.5) / 4, points) }
        mean = max(1e-9, sum / 96)
    }

    /// The relative rate at an hour of the day (average 1).
    func value(at hour: Double) -> Double { SimMath.interpolate(hour, points) / mean }

    /// Complaint tickets: citizens write in the morning and after work, rarely at night.
    static let tickets = SimDailyProfile([
        (0, 0.18), (5, 0.15), (6, 0.5), (8, 1.5), (11, 1.8), (13, 1.3), (16, 1.4), (19, 1.2),
        (21, 1.1), (23, 0.4), (24, 0.18),
    ])
}
