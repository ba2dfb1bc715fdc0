import Foundation
import PantauJournal
import PantauPostgres

/// Opens presence (who else is on what, see ``PresenceChannel``) for a console following a
/// shared journal: on a PostgreSQL journal, its own connections to the same database
/// (``PostgresPresenceChannel``). A journal file has none: presence needs the PostgreSQL
/// backend (the consoles of one SQLite file share one machine, and seldom one incident).
enum SharedPresence {
    /// The channel for the journal `spec` names (nil: none for it), made for a console named
    /// `console`; `wake` is called when others' presence arrives.
    static func open(journal spec: String?, console: String, wake: @escaping @Sendable () -> Void) -> (any PresenceChannel)? {
        guard let spec, SharedJournal.isURL(spec) else { return nil }
        return PostgresPresenceChannel(url: spec, consoleID: consoleID(console), wake: wake)
    }

    /// This running console's id: its name, process id and a random part (two consoles may
    /// share a name, and a restarted one is another console).
    static func consoleID(_ console: String) -> String {
        "\(console)/\(getpid())/\(UUID().uuidString.prefix(8).lowercased())"
    }
}
