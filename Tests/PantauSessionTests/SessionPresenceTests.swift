import Foundation
import PantauCore
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// Presence between two sessions on one (in-memory) channel hub: what a console opens is
/// published after its keys and shown at the other; a heartbeat refreshes it; a console that
/// stops refreshing (died) ages out; one that leaves is gone at once; nothing is journaled.
final class SessionPresenceTests: XCTestCase {
    static let flood = "INC-P-1"

    /// A clock the hub stamps records with, moved by the test.
    final class TestClock: @unchecked Sendable {
        var now = SessionFixtures.t0
    }

    func console(_ name: String, _ console: String, hub: InMemoryPresenceHub, journal: any Journal) throws -> Session {
        var state = CityState()
        state.apply(SessionFixtures.incident(Self.flood, at: 1) {
            $0.category = .flood; $0.severity = 4; $0.title = "Genangan 40 cm"; $0.status = .new
        })
        let session = Session(state: state, layout: try XCTUnwrap(try ShippedLayouts.named("command-center")),
                              identity: ConsoleIdentity(user: name, role: .supervisor, console: console), journal: journal)
        session.joinPresence(hub.channel(consoleID: "\(console)/1"))
        return session
    }

    func testWhatOneConsoleOpensTheOtherSeesUntilItClosesLeavesOrDies() throws {
        let hub = InMemoryPresenceHub()
        let clock = TestClock()
        hub.clock = { clock.now }
        let journal = InMemoryJournal()
        let a = try console("ani", "desk-1", hub: hub, journal: journal)
        let b = try console("budi", "desk-2", hub: hub, journal: journal)
        var t = clock.now
        func turn(_ seconds: Double = 1) {
            t = t.adding(seconds: seconds)
            clock.now = t
            a.updatePresence(now: t)
            b.updatePresence(now: t)
        }
        func line() -> String? { b.dashboard.presenceLine(on: .incident(Self.flood)) }

        turn()
        XCTAssertNil(line(), "nothing open yet")
        a.update(.keys([.enter])) // the selected incident's detail
        XCTAssertEqual(a.dashboard.screen, .incidentDetail(id: Self.flood))
        turn()
        XCTAssertEqual(line(), "ani (desk-1) is looking")
        XCTAssertNil(a.dashboard.presenceLine(on: .incident(Self.flood)), "a console never lists itself")
        a.update(.keys([.char("i")]))
        turn()
        XCTAssertEqual(line(), "ani (desk-1) is writing a note")
        XCTAssertEqual(b.dashboard.presence.records.values.first?.since, t.adding(seconds: -1), "since it opened the detail")
        a.update(.keys([.escape]))
        turn()
        XCTAssertEqual(line(), "ani (desk-1) is looking")
        a.update(.keys([.escape]))
        turn()
        XCTAssertNil(line(), "back on the dashboard: nothing open")

        // A heartbeat keeps an open detail alive at the other console past 30 s.
        a.update(.keys([.enter]))
        for _ in 0..<40 { turn() }
        XCTAssertEqual(line(), "ani (desk-1) is looking")

        // A dies (no more turns, no leaving): its record ages out of B's board after 30 s.
        let last = try XCTUnwrap(b.dashboard.presence.records["desk-1/1"]?.lastSeen)
        XCTAssertGreaterThan(last, t.adding(seconds: -10.5), "refreshed by a heartbeat within the last 10 s")
        b.updatePresence(now: last.adding(seconds: 29.9))
        XCTAssertNotNil(line(), "still within 30 s of its last heartbeat")
        b.updatePresence(now: last.adding(seconds: 30))
        XCTAssertNil(line(), "not refreshed for 30 s: gone")

        // A comes back and leaves: gone at once.
        turn()
        XCTAssertEqual(line(), "ani (desk-1) is looking")
        a.leavePresence()
        b.updatePresence(now: t)
        XCTAssertNil(line())
        XCTAssertEqual(try journal.lastSequence(), 0, "presence is never journaled")
    }
}
