import Foundation
@testable import PantauPostgres
import PantauTestSupport
import XCTest

/// A fresh database per test on the server `PANTAU_TEST_POSTGRES_URL` names (`.ci/test` starts
/// one with scripts/pg-test-server), dropped afterwards. Without the variable the tests skip,
/// unless `PANTAU_REQUIRE_POSTGRES` is set (CI sets both), where they fail.
struct PostgresTestDatabase {
    private let scratch: PostgresScratchDatabase

    /// The new database's URL.
    var url: String { scratch.url }

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
        scratch = try PostgresScratchDatabase(serverURL: Self.serverURL(), prefix: "pantau_test")
    }

    /// Drops the database (closing whatever still connects to it).
    func drop() {
        try? scratch.drop()
    }

    /// `url` with its path (the database) replaced by `database`.
    static func url(_ url: String, database: String) -> String {
        PostgresScratchDatabase.url(url, database: database)
    }

    /// Runs `body` on a connection to the database at `url`.
    static func admin(_ url: String, _ body: (PostgresConnection) throws -> Void) throws {
        let connection = try PostgresConnection(conninfo: url)
        defer { connection.close() }
        try body(connection)
    }
}
