import PantauCore

/// A journal that decides, as it appends, whether an action still applies to what its actor
/// saw: an action whose verb compares versions (``ActionVerb/comparesVersion``) and carries a
/// `seen_version` other than its target's version as the journal knows it is not appended but
/// returned as a ``JournalConflict`` naming the action that won. So of two supervisors who
/// dispatch different units to the same incident at once, one is appended and the other is told
/// at once who was first, whichever console each sits at.
///
/// A backend with one writer (SQLite, in memory) conforms trivially: the writing session
/// checked the action against its own state, which is the journal's.
public protocol VersionCheckedJournal: Journal {
    /// Appends `events` (applied at `times`) in one transaction, except the actions that conflict.
    func appendChecked(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> CheckedAppend
}

extension VersionCheckedJournal {
    /// One writer: nothing can have changed behind the session's back; every event is appended.
    public func appendChecked(_ events: [FeedEvent], at times: [Instant], recordedAt: Instant) throws(JournalError) -> CheckedAppend {
        CheckedAppend(entries: try append(events, at: times, recordedAt: recordedAt), conflicts: [])
    }
}

extension SQLiteJournal: VersionCheckedJournal {}
extension InMemoryJournal: VersionCheckedJournal {}

/// What ``VersionCheckedJournal/appendChecked(_:at:recordedAt:)`` did.
public struct CheckedAppend: Sendable, Equatable {
    /// The entries appended, in order (the events given less the conflicting actions).
    public var entries: [JournalEntry]
    /// The actions refused, in the order given.
    public var conflicts: [JournalConflict]

    public init(entries: [JournalEntry], conflicts: [JournalConflict]) {
        self.entries = entries
        self.conflicts = conflicts
    }
}

/// An action refused because its target changed since its actor looked.
public struct JournalConflict: Sendable, Equatable, CustomStringConvertible {
    /// The refused action's position among the events given.
    public var index: Int
    public var actionID: String
    public var target: String
    /// The version the actor saw, and the target's version in the journal.
    public var seenVersion: Int
    public var version: Int
    /// The last accepted action on the target: who won.
    public var winner: ActionRecord?

    public init(index: Int, actionID: String, target: String, seenVersion: Int, version: Int, winner: ActionRecord?) {
        self.index = index
        self.actionID = actionID
        self.target = target
        self.seenVersion = seenVersion
        self.version = version
        self.winner = winner
    }

    /// `INC-7 changed since you looked: budi dispatched DMK-02 at 10:42` (the reducer's words).
    public var description: String {
        "\(target) changed since you looked" + (winner.map { ": \($0.text)" } ?? "")
    }

    /// The conflict of `event` (at `index`) with `state`, if it is an action that compares
    /// versions and its target's version is not the one it saw.
    public static func check(_ event: FeedEvent, at index: Int, against state: CityState) -> JournalConflict? {
        guard case .action(let a) = event.payload, a.verb.comparesVersion, let seen = a.seenVersion else { return nil }
        let current: (version: Int, last: ActionRecord?)?
        switch a.verb.targetKind {
        case .incident: current = state.incidents[a.target].map { ($0.version, $0.lastAction) }
        case .ticket: current = state.tickets[a.target].map { ($0.version, $0.lastAction) }
        case .unit, .alarm: current = nil
        }
        guard let current, current.version != seen else { return nil }
        return JournalConflict(index: index, actionID: a.actionID, target: a.target, seenVersion: seen,
                               version: current.version, winner: current.last)
    }
}
