import ArgumentParser
import PantauJournal
import PantauPostgres

/// `pantau journal init`: creates a journal (or migrates an older one) before any console or
/// ingest process opens it. Opening for writing does the same; a DBA runs this once, with a
/// role that may create the `pantau` schema, and the consoles' roles need not.
struct InitJournal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or migrate a journal: a PostgreSQL database (postgres://…) or a SQLite file.",
        discussion: """
        Examples:
          pantau journal init --journal postgres://pantau@db.example:5432/pantau?sslmode=require
          PGPASSWORD=… pantau journal init --journal postgres://pantau@127.0.0.1/pantau
        The password comes from PGPASSWORD or ~/.pgpass (libpq reads them); sslmode in the URL \
        asks for TLS (require, verify-ca, verify-full).
        """)

    @Option(name: .customLong("journal"), help: ArgumentHelp("The journal: postgres://USER@HOST:PORT/DB or a file.", valueName: "URL|PATH"))
    var journal: String

    func run() throws {
        do {
            switch JournalAddress(journal) {
            case .postgres(let url):
                let version = try PostgresSchema.initialize(url: url)
                try StandardStream.writeOutput("journal \(JournalAddress.redacted(url)) ready (schema version \(version))\n")
            case .file(let path):
                let opened = try SQLiteJournal(path: path)
                opened.close()
                try StandardStream.writeOutput("journal \(path) ready\n")
            }
        } catch let error as JournalError {
            throw CLIError(error.description)
        }
    }
}
