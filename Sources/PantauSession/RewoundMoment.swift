import PantauCore

/// A past moment a rewound session shows: the time and the city then, rebuilt from the journal.
public struct RewoundMoment: Sendable {
    /// The moment shown.
    public var time: Instant
    /// The city at `time` (``PantauJournal/JournalFold``).
    public var state: CityState
    /// The journal's first entry time: the earliest a rewind goes.
    public var earliest: Instant
}
