import PantauCore

/// Carries presence between the consoles on one shared journal (see ``PresenceBoard``): this
/// console's record out, the other consoles' records in. Presence is ephemeral: never in the
/// journal, gone when a console leaves (``close()`` removes its record) or dies (its record is
/// no longer refreshed and ages out of every board).
///
/// Nothing here blocks the caller: ``publish(_:)`` hands the record to the channel's own thread
/// (the latest one wins when several wait), and what arrives is kept until
/// ``takeRecords()``; the channel calls the `wake` it was made with when something arrived, so
/// the live loop sleeps until then.
public protocol PresenceChannel: AnyObject, Sendable {
    /// The id of this console's record (``PresenceRecord/consoleID``).
    var consoleID: String { get }

    /// Publishes this console's presence (its `lastSeen` is the channel's to set), or its
    /// absence (nil: its record is removed). Publishing the same record again is a heartbeat.
    func publish(_ record: PresenceRecord?)

    /// The other consoles' records as last read, if they changed since the last call (nil: no
    /// news). Each record's `lastSeen` is by this process's clock.
    func takeRecords() -> [PresenceRecord]?

    /// Why the channel does not work now, if it does not (the database is away).
    var problem: String? { get }

    /// Removes this console's record (waiting a little for it to go out) and stops.
    func close()
}
