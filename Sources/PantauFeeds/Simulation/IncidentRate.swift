import PantauCore

/// How often an everyday incident category happens: a daily count and its shape over the day.
struct IncidentRate: Sendable {
    let category: IncidentCategory
    /// Average incidents per ordinary day.
    let perDay: Double
    let profile: SimDailyProfile

    /// About 75 incidents on an ordinary day, before the storm adds its floods and trees.
    static let everyday: [IncidentRate] = [
        IncidentRate(category: .accident, perDay: 17, profile: SimDailyProfile([
            (0, 0.5), (3, 0.35), (6, 1.0), (7.5, 1.5), (9, 1.2), (12, 1.0), (17, 1.4), (18.5, 1.5), (21, 0.9), (24, 0.5)])),
        IncidentRate(category: .medical, perDay: 19, profile: SimDailyProfile([
            (0, 0.5), (6, 0.7), (9, 1.3), (13, 1.2), (18, 1.2), (22, 0.8), (24, 0.5)])),
        IncidentRate(category: .fire, perDay: 5, profile: SimDailyProfile([
            (0, 0.5), (6, 0.6), (10, 1.3), (15, 1.4), (19, 1.1), (23, 0.6), (24, 0.5)])),
        IncidentRate(category: .crime, perDay: 8, profile: SimDailyProfile([
            (0, 1.4), (3, 1.3), (6, 0.7), (12, 0.8), (18, 0.9), (21, 1.2), (24, 1.4)])),
        IncidentRate(category: .publicOrder, perDay: 10, profile: SimDailyProfile([
            (0, 1.3), (3, 0.8), (5, 0.3), (9, 0.8), (15, 1.1), (19, 1.3), (22, 1.4), (24, 1.3)])),
        IncidentRate(category: .infrastructure, perDay: 8, profile: SimDailyProfile([
            (0, 0.4), (6, 0.7), (8, 1.4), (17, 1.3), (21, 0.8), (24, 0.4)])),
        IncidentRate(category: .fallenTree, perDay: 2, profile: SimDailyProfile([
            (0, 0.5), (8, 1.2), (18, 1.2), (24, 0.5)])),
        IncidentRate(category: .other, perDay: 6, profile: SimDailyProfile([
            (0, 0.3), (7, 1.2), (18, 1.3), (22, 0.7), (24, 0.3)])),
    ]
}
