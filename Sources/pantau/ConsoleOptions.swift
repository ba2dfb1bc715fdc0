import ArgumentParser
import Foundation
import PantauCore
import PantauJournal
import PantauSession

/// Who sits at the console and where its journal is: `--user`, `--console` and `--journal`,
/// shared by run, demo and replay.
struct ConsoleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The journal file (SQLite). Default for run: the state directory's; for demo and replay: a temporary journal, removed at exit.", valueName: "path"))
    var journal: String?

    @Option(help: ArgumentHelp("Who acts at this console (default: $USER); the users roster gives the role.", valueName: "name"))
    var user: String?

    @Option(help: ArgumentHelp("This console's name in the journal (default: the host name).", valueName: "name"))
    var console: String?

    /// The identity actions carry, with the role the users roster gives `user`.
    func identity(role: (String) -> Role, environment: [String: String] = ProcessInfo.processInfo.environment) -> ConsoleIdentity {
        let name = user ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        return ConsoleIdentity(user: name, role: role(name), console: console ?? ProcessInfo.processInfo.hostName)
    }

    /// The journal to write. Until the SQLite journal lands, every journal is held in memory
    /// (`--journal` is accepted, and nothing survives a restart).
    func openJournal() throws -> any Journal {
        InMemoryJournal()
    }
}
