import ArgumentParser
import Foundation
import PantauCore
import PantauJournal
import PantauPostgres
import PantauSession
import PantauUI

/// Who sits at the console and where its journal is: `--user`, `--console` and `--journal`,
/// and what it does with alarms (`--quiet-alarms`, `--alarm-broker`), shared by run, demo and replay.
struct ConsoleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The journal: a file (SQLite) or a postgres:// URL (shared, PostgreSQL). Default for run: $XDG_STATE_HOME/pantau/journal.sqlite; for demo and replay: a temporary journal, removed at exit.", valueName: "path"))
    var journal: String?

    @Option(help: ArgumentHelp("Who acts at this console (default: $USER, else $LOGNAME, else the login name); the desk file's users give the role (not in it: a viewer).", valueName: "name"))
    var user: String?

    @Option(help: ArgumentHelp("This console's name in the journal (default: the host name).", valueName: "name"))
    var console: String?

    @OptionGroup var alarms: AlarmOptions

    /// The identity actions carry, with the role `role` gives the user (the desk file's roster).
    func identity(role: (String) -> Role, environment: [String: String] = ProcessInfo.processInfo.environment) -> ConsoleIdentity {
        let name = user ?? ConsoleIdentity.loginName(environment: environment)
        return ConsoleIdentity(user: name, role: role(name), console: console ?? ProcessInfo.processInfo.hostName)
    }

    /// Opens `--journal` (a file, or a shared journal's URL: see ``SharedJournal``), else the
    /// default (`temporary`: a journal removed when closed).
    func openJournal(temporary: Bool) throws(JournalError) -> any Journal {
        if let journal { return try SharedJournal.open(journal) }
        return temporary ? try SQLiteJournal.temporary() : try SQLiteJournal(path: try JournalLocation.preparedDefaultPath())
    }

    /// A session over `state` drawing `layout`, with the journal opened; `replay` for demo and
    /// replay (a temporary journal by default, the recording replays into it), else the state
    /// is restored from the journal (run). A journal that cannot be opened or read does not
    /// stop the dashboard: feeds show, the status line says why, actions are refused. A shared
    /// journal whose server is away (`follows`) is waited for: see ``Session/awaitJournal(_:open:)``.
    /// `follows`: the journal is shared and followed (see ``Session/followsJournal``).
    func session(state: CityState = CityState(), layout: Layout, role: (String) -> Role, replay: Bool,
                 follows: Bool = false) -> Session {
        switch Result(catching: { () throws(JournalError) in try openJournal(temporary: replay) }) {
        case .success(let journal):
            // The database's compare-and-set folds from the same base as the console.
            (journal as? PostgresJournal)?.versionBase = state
            let session = Session(state: state, layout: layout, identity: identity(role: role), journal: journal)
            session.followsJournal = follows
            if !replay { session.restoreFromJournal() }
            return session
        case .failure(let error):
            let session = Session(state: state, layout: layout, identity: identity(role: role))
            session.followsJournal = follows
            if follows, let journal, SharedJournal.isURL(journal), PostgresJournal.mayComeBack(error) {
                // The database is away: wait for it (the status line says so), then restore.
                session.awaitJournal(error) { () throws(JournalError) -> any Journal in
                    let journal = try openJournal(temporary: replay)
                    (journal as? PostgresJournal)?.versionBase = state
                    return journal
                }
            } else {
                session.disableJournal(error)
            }
            return session
        }
    }
}
