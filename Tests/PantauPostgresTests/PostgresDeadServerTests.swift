import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauSession
import PantauTestSupport
import XCTest

/// A server that stops answering without closing anything (frozen with SIGSTOP: its sockets
/// stay open, as with a dead network): a console's read fails within the connection's reply
/// timeout and the console shows STALE, instead of waiting for the operating system's hours.
final class PostgresDeadServerTests: XCTestCase {
    func testConnectionsGetTimeoutsAndKeepalivesUnlessTheStringSetsThem() {
        XCTAssertEqual(PostgresConnection.withDefaults("postgres://pantau@db.kota/pantau"),
                       "postgres://pantau@db.kota/pantau?connect_timeout=5&keepalives=1&keepalives_idle=5&keepalives_interval=2&keepalives_count=3")
        XCTAssertEqual(PostgresConnection.withDefaults("postgres://pantau@db.kota/pantau?sslmode=require&connect_timeout=20&keepalives_idle=60"),
                       "postgres://pantau@db.kota/pantau?sslmode=require&connect_timeout=20&keepalives_idle=60&keepalives=1&keepalives_interval=2&keepalives_count=3")
        XCTAssertEqual(PostgresConnection.withDefaults("host=db.kota dbname=pantau keepalives=0"),
                       "host=db.kota dbname=pantau keepalives=0 connect_timeout=5 keepalives_idle=5 keepalives_interval=2 keepalives_count=3")
        XCTAssertEqual(PostgresConnection.withDefaults(""), "connect_timeout=5 keepalives=1 keepalives_idle=5 keepalives_interval=2 keepalives_count=3")
    }

    /// The process ids of the server (its postmaster) and of the backend serving `journal`.
    private func serverProcesses(_ journal: PostgresJournal) throws -> [pid_t] {
        let backend = try XCTUnwrap(pid_t(try journal.connection.execute("SELECT pg_backend_pid()").scalar ?? ""))
        let directory = try XCTUnwrap(try journal.connection.execute("SHOW data_directory").scalar)
        let pidFile = try String(contentsOfFile: directory + "/postmaster.pid", encoding: .utf8)
        let postmaster = try XCTUnwrap(pid_t(pidFile.split(separator: "\n").first ?? ""))
        return [postmaster, backend]
    }

    func testAConsolesReadOfAFrozenServerFailsInSecondsAndItShowsStaleThenReadsOn() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let ingest = try PostgresJournal(url: server.url)
        _ = try ingest.append([PostgresSessionTests.newIncident("INC-DS-1")], recordedAt: Instant(date: Date()))
        let ani = try PostgresSessionTests.console("ani", url: server.url)
        let journal = try XCTUnwrap(ani.journal as? PostgresJournal)
        let frozen = try serverProcesses(journal)
        for pid in frozen { XCTAssertEqual(kill(pid, SIGSTOP), 0) }
        var thawed = false
        func thaw() {
            guard !thawed else { return }
            thawed = true
            for pid in frozen { kill(pid, SIGCONT) }
        }
        defer { thaw() }

        // On a thread: without a reply timeout the read would wait for hours.
        let box = AwaitedSessionBox(ani)
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        Thread {
            box.session.catchUp()
            done.signal()
        }.start()
        XCTAssertEqual(done.wait(timeout: .now() + 120), .success, "the read came back")
        print("a read of the frozen server failed after \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        let note = try XCTUnwrap(ani.statusNote)
        XCTAssertTrue(note.hasPrefix("STALE at entry 1: journal: journal \(server.url) is unavailable"), note)
        XCTAssertEqual(ani.journalSequence, 1)

        thaw()
        _ = try PostgresSessionTests.appendRetrying([PostgresSessionTests.newIncident("INC-DS-2")], to: ingest)
        let deadline = Date().addingTimeInterval(60)
        repeat { ani.catchUp() } while ani.journalProblem != nil && Date() < deadline && usleep(100_000) == 0
        XCTAssertNil(ani.journalProblem)
        XCTAssertEqual(ani.journalSequence, 2, "read on by sequence")
    }
}

private final class AwaitedSessionBox: @unchecked Sendable {
    let session: Session
    init(_ session: Session) { self.session = session }
}
