import Foundation
import XCTest

/// A database of a test's own on the server `PANTAU_TEST_POSTGRES_URL` names (`.ci/test` starts
/// one), made and dropped with psql: these tests reach PostgreSQL only through the binary. Without
/// the variable they skip, unless `PANTAU_REQUIRE_POSTGRES` is set, where they fail.
struct E2EPostgresDatabase {
    let serverURL: String
    let name: String

    /// The database's URL.
    var url: String { Self.url(serverURL, database: name) }

    /// Creates `pantau_e2e_<uuid>` on the server.
    init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["PANTAU_TEST_POSTGRES_URL"], !server.isEmpty else {
            let hint = "PANTAU_TEST_POSTGRES_URL is not set (start a server: scripts/pg-test-server start)"
            if environment["PANTAU_REQUIRE_POSTGRES"] != nil { XCTFail(hint) }
            throw XCTSkip(hint)
        }
        serverURL = server
        name = "pantau_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try Self.psql(server, "CREATE DATABASE \(name)")
    }

    /// Drops the database, cutting whoever still connects to it.
    func drop() {
        try? Self.psql(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// `url` with its path (the database) replaced by `database`.
    static func url(_ url: String, database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }

    /// Runs one statement with psql on the database at `url`.
    static func psql(_ url: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw E2EPostgresError(description: "psql failed: \(sql)") }
    }
}

struct E2EPostgresError: Error, CustomStringConvertible {
    var description: String
}
