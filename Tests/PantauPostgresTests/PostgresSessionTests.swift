import Foundation
import PantauCore
import PantauJournal
@testable import PantauPostgres
import PantauSession
import PantauUI
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
}
