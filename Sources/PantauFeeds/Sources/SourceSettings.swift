/// What any source may set in its sources-file entry, whatever its type, about how its data
/// is judged rather than how it is fetched.
public struct SourceSettings: Sendable, Equatable {
    /// `stale_after`: seconds an item from this source (a traffic segment, a sensor channel)
    /// stays current without a refresh; nil for the store's default of its kind
    /// (``PantauCore/StaleLimits``).
    public var staleAfter: Double?
    /// `clock_skew_tolerance`: seconds an event may be stamped ahead of the wall clock before
    /// it counts as ahead (see ``SourceSink/skewTolerance``).
    public var clockSkewTolerance: Double = SourceSink.defaultSkewTolerance

    /// The bounds of `stale_after`: a second to a week (a gauge that reports weekly).
    public static let staleAfterLimits: ClosedRange<Double> = 1...604_800
    /// The bounds of `clock_skew_tolerance`: a second to a day.
    public static let clockSkewToleranceLimits: ClosedRange<Double> = 1...86_400

    /// The defaults: the store's stale limits, two minutes of skew.
    public init(staleAfter: Double? = nil, clockSkewTolerance: Double = SourceSink.defaultSkewTolerance) {
        self.staleAfter = staleAfter
        self.clockSkewTolerance = clockSkewTolerance
    }

    /// Reads `stale_after` and `clock_skew_tolerance` from `config`, reporting bad values there.
    init(_ config: SourceConfig) {
        staleAfter = config.duration("stale_after", in: Self.staleAfterLimits)
        clockSkewTolerance = config.duration("clock_skew_tolerance", in: Self.clockSkewToleranceLimits)
            ?? SourceSink.defaultSkewTolerance
    }
}

/// A source made from a sources-file entry, with its ``SourceSettings``.
public struct ConfiguredSource: Sendable {
    public let source: any FeedSource
    public let settings: SourceSettings

    public init(_ source: any FeedSource, settings: SourceSettings = SourceSettings()) {
        self.source = source
        self.settings = settings
    }

    /// Each source's `stale_after` by its name, for ``PantauCore/StaleLimits/bySource``: the
    /// limit of the items whose latest event names that source.
    public static func staleLimits(of configured: [ConfiguredSource]) -> [String: Double] {
        var limits: [String: Double] = [:]
        for c in configured { if let s = c.settings.staleAfter { limits[c.source.name] = s } }
        return limits
    }
}
