import PantauCore
import PantauFeeds
import PantauJournal
import PantauUI

/// Everything that can change a session, in one type: what the runners feed
/// ``Session/update(_:)``.
public enum SessionMessage: Sendable {
    /// Live feed events, in arrival order (one loop turn's batch: journaled in one append).
    case events([FeedEvent])
    /// Events of a recording played at their arrival: each sweeps as of its arrival before it
    /// applies. (The replay, the demo and the snapshot, which hold their batches, lend them
    /// instead: ``Session/play(lending:)``; this message plays a copy of its batch.)
    case played([ScheduledEvent])
    /// A replay's catch-up to its start, applied at once: the activity log notes only the events
    /// from `logFrom` on, and incidents are not marked as seen (lent instead by the replay:
    /// ``Session/catchUp(lending:loggingFrom:)``).
    case caughtUp([ScheduledEvent], logFrom: Instant)
    /// Entries read from a shared journal that other processes append to (a following console):
    /// applied in sequence order after the last one applied, each swept as of its time, and not
    /// appended again.
    case journaled([JournalEntry])
    /// An action of this console's user (see ``Session/submit(_:)``).
    case action(ActionRequest)
    /// Keys pressed, in order (a resize arrives as ``Key/resize``).
    case keys([Key])
    /// The clock moved: "now" (the wall clock live, the replay clock in a replay) and the wall
    /// clock. Finished records go as of `now`.
    case tick(now: Instant, wall: Instant)
    /// The terminal's size now.
    case resize(width: Int, height: Int)
    /// Live sources' health: changes of state are noted in the activity log, and the first
    /// failing or stale source (with `dropped` events) makes the status line.
    case health([SourceHealth], dropped: Int)
    /// A recording's health as a source (the Sources overlay); nothing is logged.
    case recordingHealth(SourceHealth)
}
