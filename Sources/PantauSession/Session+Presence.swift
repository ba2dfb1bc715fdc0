import Foundation
import PantauCore
import PantauJournal
import PantauUI

/// Presence: which other consoles on the shared journal are looking at or working on what
/// ("budi (desk-2) is writing a note"). Ephemeral: it goes through a ``PresenceChannel``, never
/// the journal. This console publishes what its dashboard has open
/// (``Dashboard/presenceFocus(state:)``) when that changes and, while something is open, every
/// ``presenceHeartbeat`` seconds; the others' records fill ``Dashboard/presence``, where one not
/// refreshed for ``PresenceBoard/lifetime`` ages out (a console that died).
extension Session {
    /// How often an open thing's presence is published again.
    public static let presenceHeartbeat = 10.0

    /// Takes part in presence through `channel` (the runner opened it for the journal).
    public func joinPresence(_ channel: any PresenceChannel) {
        presenceLink = PresenceLink(channel: channel)
        dashboard.presenceConsoleID = channel.consoleID
    }

    /// One loop turn's presence (after keys, and at least each second): the others' records
    /// taken and aged out as of `now`, and this console's focus published if it changed or a
    /// heartbeat is due. Returns whether what the dashboard shows of it changed.
    @discardableResult
    public func updatePresence(now: Instant) -> Bool {
        guard let link = presenceLink else { return false }
        var board = dashboard.presence
        if let records = link.channel.takeRecords() { board = PresenceBoard(records) }
        board.expire(asOf: now)
        var changed = board != dashboard.presence
        dashboard.presence = board

        // While rewound, the console is looking at the past: nothing is published as open.
        let focus = rewound == nil ? dashboard.presenceFocus(state: state) : nil
        if focus != link.published {
            if focus?.target != link.published?.target || link.published == nil { link.since = now }
            link.published = focus
            send(link, now: now)
        } else if focus != nil, let last = link.lastSent, now.seconds(since: last) >= Self.presenceHeartbeat {
            send(link, now: now)
        }

        let problem = link.channel.problem
        if problem != link.notedProblem {
            dashboard.activity.system(problem ?? "presence works again", tone: problem == nil ? .good : .warning, at: now)
            link.notedProblem = problem
            changed = true
        }
        return changed
    }

    /// Removes this console's presence (at exit) and closes the channel.
    public func leavePresence() {
        presenceLink?.channel.close()
        presenceLink = nil
    }

    private func send(_ link: PresenceLink, now: Instant) {
        link.lastSent = now
        link.channel.publish(link.published.map { focus in
            PresenceRecord(consoleID: link.channel.consoleID, user: identity.user, console: identity.console, role: identity.role,
                           target: focus.target, activity: focus.activity, since: link.since, lastSeen: now)
        })
    }
}
