import Foundation
@testable import PantauPostgres
import XCTest

/// A fresh database per test on the server `PANTAU_TEST_POSTGRES_URL` names (`.ci/test` starts
/// one with scripts/pg-test-server), dropped afterwards. Without the variable the tests skip,
/// unless `PANTAU_REQUIRE_POSTGRES` is set (CI sets both), where they fail.
struct PostgresTestDatabase {
    /// The new database's URL.
    let url: String
    private let name: String
    private let serverURL: String

    /// The server's URL (its `postgres` database), or a skip/failure when there is none.
    static func serverURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["PANTAU_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        let hint = "PANTAU_TEST_POSTGRES_URL is not set (start a server: scripts/pg-test-server start)"
        if environment["PANTAU_REQUIRE_POSTGRES"] != nil {
            XCTFail(hint)
            throw PostgresTestError(description: hint)
        }
        throw XCTSkip(hint)
    }

    /// Creates `pantau_test_<uuid>` on the server.
    init() throws {
        try self.init(serverURL: Self.serverURL())
    }

    init(serverURL: String) throws {
        self.serverURL = serverURL
        let name = "pantau_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try Self.admin(serverURL) { try $0.execute("CREATE DATABASE \(name)") }
        self.name = name
        url = Self.url(serverURL, database: name)
    }

    /// Drops the database (closing whatever still connects to it).
    func drop() {
        try? Self.admin(serverURL) { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    /// `url` with its path (the database) replaced by `database`.
    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs `body` on a connection to the server's own database.
    static func admin(_ url: String, _ body: (PostgresConnection) throws -> Void) throws {
        let connection = try PostgresConnection(conninfo: url)
        defer { connection.close() }
        try body(connection)
    }
}

struct PostgresTestError: Error, CustomStringConvertible {
    var description: String
}
