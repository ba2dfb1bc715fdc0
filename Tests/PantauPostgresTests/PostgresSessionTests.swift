import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauSession
import PantauUI
import PantauTestSupport
import XCTest

/// Consoles (sessions following the journal) on one PostgreSQL journal, each with a connection
/// of its own: the database decides conflicting actions.
final class PostgresSessionTests: XCTestCase {
    static let units = [
        UnitDefinition(id: "DMK-01", name: "Damkar Pos Cipondoh 1", agency: "Damkar", kind: "fire_engine"),
        UnitDefinition(id: "DMK-02", name: "Damkar Pos Ciledug 1", agency: "Damkar", kind: "fire_engine"),
    ]

    /// The state every console starts from (its desk's units), and the journal folds from.
    static var base: CityState {
        var state = CityState()
        state.registerUnits(units)
        return state
    }

    /// A supervisor's console on the journal at `url`, restored from it, as `pantau run --follow` makes it.
    static func console(_ name: String, url: String) throws -> Session {
        let journal = try PostgresJournal(url: url)
        journal.versionBase = base
        let session = Session(state: base, layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                              identity: ConsoleIdentity(user: name, role: .supervisor, console: "desk-\(name)"), journal: journal)
        session.followsJournal = true
        XCTAssertNotNil(session.restoreFromJournal())
        return session
    }

    /// What `pantau journal info` folds: every entry swept as of its time, then applied.
    static func fold(_ journal: any Journal) throws -> JournalFold.Folded {
        var folded = JournalFold.start(from: try journal.latestCheckpoint(atOrBefore: nil), base: base)
        try JournalFold.fold(&folded, from: journal, through: Instant(millis: .max))
        return folded
    }

    static func newIncident(_ id: String) -> FeedEvent {
        var update = IncidentUpdate(id: id)
        update.category = .fire
        update.severity = 4
        update.title = "Kebakaran ruko"
        update.status = .new
        return FeedEvent(time: Instant(date: Date()), payload: .incident(update))
    }

    static func dispatch(_ unit: String, to incident: String) -> ActionRequest {
        var fields = ActionFields()
        fields.unit = unit
        return ActionRequest(verb: .dispatch, target: incident, fields: fields)
    }

    func testTwoConsolesDispatchingFromOneVersionTheDatabaseAcceptsOneAndTheOtherLearnsWhoWon() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let ingest = try PostgresJournal(url: database.url)
        _ = try ingest.append([Self.newIncident("INC-PG-7")], recordedAt: Instant(date: Date()))
        let ani = try Self.console("ani", url: database.url)
        let budi = try Self.console("budi", url: database.url)
        let seen = try XCTUnwrap(budi.state.incidents["INC-PG-7"]?.version)
        XCTAssertEqual(ani.state.incidents["INC-PG-7"]?.version, seen, "both see the same version")

        guard case .accepted = ani.submit(Self.dispatch("DMK-01", to: "INC-PG-7")) else {
            return XCTFail("the first dispatch was not accepted")
        }
        // Budi has not read Ani's dispatch: his action still carries the version he saw.
        XCTAssertEqual(budi.state.incidents["INC-PG-7"]?.version, seen)
        let lost = budi.submit(Self.dispatch("DMK-02", to: "INC-PG-7"))
        guard case .rejected(_, let reason) = lost else { return XCTFail("the second dispatch was \(lost)") }
        XCTAssertTrue(reason.hasPrefix("INC-PG-7 changed since you looked: ani dispatched DMK-01"), reason)

        // The journal holds Ani's dispatch and not Budi's.
        let lines = try ingest.entries(after: 0, limit: 100).map(\.line)
        XCTAssertEqual(lines.count, 2, "the incident and one dispatch: \(lines)")
        XCTAssertTrue(lines[1].contains("\"DMK-01\""), lines[1])
        XCTAssertFalse(lines.contains { $0.contains("DMK-02") }, "the losing dispatch is not journaled")

        // Both consoles hold the journal's state: Budi read Ani's dispatch back.
        XCTAssertEqual(budi.state.incidents["INC-PG-7"]?.units, ["DMK-01"])
        ani.catchUp()
        XCTAssertEqual(ani.journalSequence, 2)
        XCTAssertEqual(budi.journalSequence, 2)
        let expected = try StateFingerprint(try Self.fold(ingest).state)
        XCTAssertEqual(ani.stateFingerprint(), expected)
        XCTAssertEqual(budi.stateFingerprint(), expected)
    }

    /// Appends `events` as `pantau ingest` does: a batch the journal refuses as unavailable is
    /// kept and tried again (here at once, there each second) until it goes in.
    static func appendRetrying(_ events: [FeedEvent], to journal: PostgresJournal, failures: UnsafeMutablePointer<Int>? = nil) throws -> [JournalEntry] {
        let deadline = Date().addingTimeInterval(60)
        while true {
            switch Result(catching: { () throws(JournalError) in try journal.append(events, recordedAt: Instant(date: Date())) }) {
            case .success(let entries):
                return entries
            case .failure(let error):
                guard error.kind == .unavailable, Date() < deadline else { throw error }
                failures?.pointee += 1
                usleep(50_000)
            }
        }
    }

    func testAConsoleThatLosesTheDatabaseKeepsItsStateMarkedStaleRefusesActionsAndResumesBySequence() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let ingest = try PostgresJournal(url: server.url)
        _ = try ingest.append([Self.newIncident("INC-PG-8")], recordedAt: Instant(date: Date()))
        let ani = try Self.console("ani", url: server.url)
        XCTAssertEqual(ani.journalSequence, 1)
        let before = try XCTUnwrap(ani.stateFingerprint())

        try server.pause()
        ani.catchUp()
        let problem = try XCTUnwrap(ani.journalProblem, "the journal cannot be read")
        XCTAssertEqual(problem.kind, .unavailable)
        let note = try XCTUnwrap(ani.statusNote)
        XCTAssertTrue(note.hasPrefix("STALE at entry 1: journal: journal \(server.url) is unavailable"), note)
        XCTAssertEqual(ani.stateFingerprint(), before, "the last state is kept")
        XCTAssertNotNil(ani.state.incidents["INC-PG-8"])
        let refused = ani.submit(ActionRequest(verb: .acknowledge, target: "INC-PG-8"))
        guard case .refused(let reason) = refused else { return XCTFail("an action while the database is away was \(refused)") }
        XCTAssertTrue(reason.contains("unavailable"), reason)

        // Back: the feed goes on (the ingest loop retries its batch), the console reads on from entry 2.
        try server.resume()
        _ = try Self.appendRetrying([Self.newIncident("INC-PG-9")], to: ingest)
        ani.catchUp()
        XCTAssertNil(ani.journalProblem)
        XCTAssertNil(ani.statusNote)
        XCTAssertEqual(ani.journalSequence, 2)
        XCTAssertNotNil(ani.state.incidents["INC-PG-9"])
        guard case .accepted = ani.submit(ActionRequest(verb: .acknowledge, target: "INC-PG-8")) else {
            return XCTFail("the acknowledgement after the database came back was not accepted")
        }
        let lines = try ingest.entries(after: 0, limit: 100).map(\.line)
        XCTAssertEqual(lines.count, 3, "the refused action was not queued: \(lines)")
        XCTAssertEqual(ani.stateFingerprint(), try StateFingerprint(try Self.fold(ingest).state))
    }

    func testAnIdleConsoleReadsOnAfterARestartWithoutGoingStale() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let ingest = try PostgresJournal(url: server.url)
        _ = try ingest.append([Self.newIncident("INC-PG-10")], recordedAt: Instant(date: Date()))
        let ani = try Self.console("ani", url: server.url)
        try server.restart()
        _ = try Self.appendRetrying([Self.newIncident("INC-PG-11")], to: ingest)
        // The console's connection was cut while it waited: its first read reconnects.
        ani.catchUp()
        XCTAssertNil(ani.journalProblem)
        XCTAssertEqual(ani.journalSequence, 2)
    }

    func testAnIngestLoopAcrossARestartLosesAndDuplicatesNothing() throws {
        let server = try PostgresTestServer()
        defer { server.stop() }
        let journal = try PostgresJournal(url: server.url)
        let perBatch = 25
        let restarted = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        Thread {
            started.wait()
            try? server.restart()
            restarted.signal()
        }.start()
        // Batches before, during and after the restart: until it is over, then ten more.
        var acknowledged = 0, failures = 0, batch = 0, after = 0
        let deadline = Date().addingTimeInterval(120)
        while after < 10, Date() < deadline {
            let events = (0..<perBatch).map { i in Self.newIncident("INC-B\(batch)-\(i)") }
            acknowledged += try Self.appendRetrying(events, to: journal, failures: &failures).count
            batch += 1
            if batch == 10 { started.signal() }
            if batch > 10, restarted.wait(timeout: .now()) == .success || after > 0 { after += 1 }
        }
        XCTAssertEqual(after, 10, "the loop ran past the restart")
        XCTAssertGreaterThan(failures, 0, "an append met the cut connection and was kept and retried")

        let reader = try PostgresJournal(url: server.url, readOnly: true)
        let entries = try JournalFollower.entries(of: reader, after: 0)
        XCTAssertEqual(acknowledged, batch * perBatch)
        XCTAssertEqual(entries.map(\.sequence), Array(1...Int64(acknowledged)), "gapless")
        let ids = entries.compactMap { entry in entry.line.range(of: #"INC-[A-Z0-9-]+"#, options: .regularExpression).map { String(entry.line[$0]) } }
        XCTAssertEqual(Set(ids).count, acknowledged, "no event twice")
        XCTAssertNil(try JournalVerifier.verify(reader).problem, "one intact chain")
    }
}
