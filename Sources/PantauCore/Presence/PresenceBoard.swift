/// Who else is on what: the other consoles' presence records, by console id. Pure: the channel
/// that carries records (``PresenceChannel`` in PantauJournal) and the clock are the caller's.
///
/// A record lives ``lifetime`` after it was last heard of: a console refreshes its record while
/// something is open (a heartbeat every 10 s), so one that died (`kill -9`, a cut network) ages
/// out by ``expire(asOf:)``; one that leaves removes its record at once.
public struct PresenceBoard: Equatable, Sendable {
    /// How long a record not refreshed is kept.
    public static let lifetime = 30.0

    public private(set) var records: [String: PresenceRecord] = [:]

    public init(_ records: [PresenceRecord] = []) {
        for record in records { update(record) }
    }

    /// Adds or replaces the record of `record`'s console.
    public mutating func update(_ record: PresenceRecord) {
        records[record.consoleID] = record
    }

    /// Removes a console's record (it left, or has nothing open).
    public mutating func remove(console consoleID: String) {
        records[consoleID] = nil
    }

    /// Removes records not refreshed for ``lifetime`` as of `now`; returns whether any went.
    @discardableResult
    public mutating func expire(asOf now: Instant) -> Bool {
        let before = records.count
        records = records.filter { now.seconds(since: $0.value.lastSeen) < Self.lifetime }
        return records.count != before
    }

    /// The records on `target` but `consoleID`'s, the longest there first (then by user and
    /// console, so the order is stable).
    public func others(on target: PresenceTarget, excluding consoleID: String?) -> [PresenceRecord] {
        records.values.filter { $0.target == target && $0.consoleID != consoleID }.sorted {
            ($0.since, $0.user, $0.console, $0.consoleID) < ($1.since, $1.user, $1.console, $1.consoleID)
        }
    }

    /// The ids of the targets of `kind` someone but `consoleID` is on.
    public func targets(of kind: ActionTargetKind, excluding consoleID: String?) -> Set<String> {
        Set(records.values.filter { $0.target.kind == kind && $0.consoleID != consoleID }.map(\.target.id))
    }
}
