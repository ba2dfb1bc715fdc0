import PantauCore
import PantauJournal

/// A session's side of presence: the channel, and what it last published and when.
final class PresenceLink {
    let channel: any PresenceChannel
    /// What this console last published (nil: nothing open, or nothing published yet).
    var published: PresenceFocus?
    /// When it started on `published`.
    var since = Instant(millis: 0)
    /// When it last published (nil: never): a heartbeat is due ``Session/presenceHeartbeat`` after.
    var lastSent: Instant?
    /// The channel's problem as last noted in the log.
    var notedProblem: String?

    init(channel: any PresenceChannel) {
        self.channel = channel
    }
}
