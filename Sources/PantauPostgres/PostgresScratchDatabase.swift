import Foundation
import PantauJournal

/// A database made for a run and dropped after it (tests, `pantau-bench pg-journal`): created
/// on the server a URL points to, named `<prefix>_<random>`.
public struct PostgresScratchDatabase: Sendable {
    /// The new database's URL.
    public let url: String
    public let name: String
    private let serverURL: String

    /// Creates the database through `serverURL` (a role that may create databases).
    public init(serverURL: String, prefix: String = "pantau_scratch") throws(JournalError) {
        self.serverURL = serverURL
        let name = prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try Self.admin(serverURL, "create a database \(name) on") { c throws(PostgresFailure) in
            try c.execute("CREATE DATABASE \(name)")
        }
        self.name = name
        url = Self.url(serverURL, database: name)
    }

    /// Drops the database, cutting whoever still connects to it.
    public func drop() throws(JournalError) {
        try Self.admin(serverURL, "drop \(name) on") { c throws(PostgresFailure) in
            try c.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// `url` with its path (the database) replaced by `database`.
    public static func url(_ url: String, database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }

    private static func admin(_ url: String, _ doing: String, _ body: (PostgresConnection) throws(PostgresFailure) -> Void) throws(JournalError) {
        let name = JournalAddress.redacted(url)
        do {
            let connection = try PostgresConnection(conninfo: url)
            defer { connection.close() }
            try body(connection)
        } catch {
            throw error.connectionLost ? PostgresJournal.connectError(error, name: name)
                                       : PostgresJournal.journalError(error, name: name, doing: doing)
        }
    }
}
