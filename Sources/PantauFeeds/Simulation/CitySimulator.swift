import PantauCore

/// A deterministic simulation of a day (or a month) in Kota Tangerang's command center,
/// producing feed-format events in time order: traffic on 50 segments of the city's main
/// roads, water levels, rain and air quality every five minutes, incidents through their
/// lifecycle, and LAKSA complaint tickets routed to the city's offices.
///
/// The first day of a run brings a late-afternoon storm (around 15:00 WIB, ± 45 minutes by
/// seed): very heavy rain, the small rivers of Periuk and Ciledug past their Siaga levels,
/// Pintu Air Sepuluh past Waspada and Siaga in the evening (sometimes briefly Awas), floods
/// and fallen trees, complaints in its wake, and levels receding through the night.
/// Later days vary. The same seed, start and length always give the same events, with no
/// system randomness or clock involved.
///
/// ```swift
/// let start = RFC3339.parse("2026-11-23T00:00:00+07:00")!
/// CitySimulator(seed: 1, start: start, hours: 24).run { event in
///     print(FeedEventEncoder.line(for: event))
/// }
/// ```
///
/// A day is about 26,000 events (50 road segments and 37 sensor channels every five minutes,
/// about 100 incidents and 250 tickets). Events are emitted as they are generated and only
/// bounded state is kept (the pending steps of open incidents and tickets), so a month
/// (about 800,000 events) or a million events (about 38 days) need no more memory than a day.
public struct CitySimulator: Sendable {
    /// The `src` every simulated event carries.
    static let sourceName = "simulator"

    private let seed: UInt64
    private let start: Instant
    private let hours: Double

    /// A simulator of `hours` hours from `start` (typically 00:00 WIB), with all randomness
    /// derived from `seed`. Events at or after `start + hours` are not emitted.
    public init(seed: UInt64, start: Instant, hours: Double) {
        self.seed = seed
        self.start = start
        self.hours = hours
    }

    /// Calls `emit` for every event, in time order (ties allowed), deterministic for a given
    /// seed/start/hours.
    public func run(_ emit: (FeedEvent) -> Void) {
        var engine = SimulationEngine(seed: seed, start: start, hours: hours)
        engine.run(emit)
    }
}
