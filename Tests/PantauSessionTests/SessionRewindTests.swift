import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI
import XCTest

/// Rewinding a session: keys, limits, what the frame shows, live events unseen, actions refused.
final class SessionRewindTests: XCTestCase {
    static let t0 = SessionFixtures.t0

    /// A supervisor's session that played two simulated hours from 06:00, a minute a turn.
    func playedSession() throws -> (Session, end: Instant) {
        let layout = try XCTUnwrap(try ShippedLayouts.named("command-center"))
        let session = Session(layout: layout, identity: ConsoleIdentity(user: "ani", role: .supervisor, console: "test"),
                              journal: InMemoryJournal())
        let played = SessionFixtures.simulated(hours: 2).map { ScheduledEvent(event: $0, arrival: max($0.time, Self.t0)) }
        var next = 0
        var clock = Self.t0
        while next < played.count {
            clock = clock.adding(seconds: 60)
            var batch: [ScheduledEvent] = []
            while next < played.count, played[next].arrival <= clock { batch.append(played[next]); next += 1 }
            session.update(.played(batch))
            session.update(.tick(now: clock, wall: clock))
        }
        session.update(.resize(width: 120, height: 40))
        return (session, clock)
    }

    func frameText(_ session: Session, at now: Instant) -> String {
        session.frame(status: DashboardStatus(mode: .replay(speed: 60), time: now)).text
    }

    func testKeysRewindStepAndReturn() throws {
        let (session, end) = try playedSession()
        XCTAssertFalse(frameText(session, at: end).contains("REWIND"))
        session.update(.keys([.char("{")]))
        XCTAssertEqual(session.rewound?.time, end.adding(seconds: -600))
        var text = frameText(session, at: end)
        let shown = CivilTime(end.adding(seconds: -600)).shortClockText
        XCTAssertTrue(text.contains("REWIND \(shown)"), text)
        XCTAssertTrue(text.contains("\(CivilTime(end).dateText) \(CivilTime(end.adding(seconds: -600)).clockText) WIB"),
                      "the header's clock is the moment shown: \(text)")
        XCTAssertTrue(text.contains("Backspace live"), text)
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines[lines.count - 2].contains("┃"), "the timeline bar above the footer: \(lines[lines.count - 2])")
        session.update(.keys([.char("["), .char("["), .char("]")]))
        XCTAssertEqual(session.rewound?.time, end.adding(seconds: -660))
        session.update(.keys([.char("}")]))
        XCTAssertEqual(session.rewound?.time, end.adding(seconds: -60))
        // Forward to now (or past it) is live again.
        let effects = session.update(.keys([.char("}")]))
        XCTAssertNil(session.rewound)
        XCTAssertTrue(effects.commands.contains(.message("back to live", seconds: 4)))
        // Never before the journal's first entry.
        let early = session.rewind(to: Self.t0.adding(seconds: -3 * 3600))
        let first = try XCTUnwrap((session.journal as? InMemoryJournal)?.stored.first?.at)
        XCTAssertEqual(session.rewound?.time, first)
        XCTAssertEqual(early, "the journal starts at \(CivilTime(first).clockText)")
        session.update(.keys([.backspace]))
        XCTAssertNil(session.rewound)
        text = frameText(session, at: end)
        XCTAssertFalse(text.contains("REWIND"), text)
        XCTAssertFalse(text.contains("Backspace live"), text)
    }

    func testATypedTime() throws {
        let (session, end) = try playedSession()
        session.update(.keys([.char("t")] + "06:45:30".map(Key.char) + [.enter]))
        XCTAssertEqual(session.rewound?.time, Self.t0.adding(seconds: 45 * 60 + 30))
        session.update(.keys([.char("t")] + "2026-11-23T07:10:00+07:00".map(Key.char) + [.enter]))
        XCTAssertEqual(session.rewound?.time, Self.t0.adding(seconds: 70 * 60))
        let effects = session.update(.keys([.char("t")] + "7 o'clock".map(Key.char) + [.enter]))
        XCTAssertEqual(effects.commands, [.message("'7 o'clock' is not a time: type HH:MM, HH:MM:SS or an RFC 3339 time", seconds: 4)])
        XCTAssertEqual(session.rewound?.time, Self.t0.adding(seconds: 70 * 60), "a bad time changes nothing")
        XCTAssertEqual(Session.rewindTime("07:05", on: end), Self.t0.adding(seconds: 65 * 60))
        XCTAssertNil(Session.rewindTime("07:5:00", on: end))
        XCTAssertNil(Session.rewindTime("25:00", on: end))
        XCTAssertNil(Session.rewindTime("07:05:60", on: end))
    }

    func testRewoundTheLiveStateGoesOnUnseenAndActionsAreRefused() throws {
        let (session, end) = try playedSession()
        let openBefore = session.state.incidents.count
        session.rewind(to: end.adding(seconds: -1800))
        let past = try session.shownState.canonicalEncoding()
        let late = SessionFixtures.incident("INC-9999", at: 200) { u in
            u.category = .flood
            u.severity = 5
            u.status = .new
            u.title = "Banjir terlambat"
        }
        session.update(.played([ScheduledEvent(event: late, arrival: end.adding(seconds: 30))]))
        XCTAssertNotNil(session.state.incidents["INC-9999"], "the live state took it")
        XCTAssertEqual(session.state.incidents.count, openBefore + 1)
        XCTAssertEqual(try session.shownState.canonicalEncoding(), past, "the rewound moment is unchanged")
        XCTAssertFalse(frameText(session, at: end).contains("INC-9999"))
        let journaled = session.journalSequence

        let time = CivilTime(end.adding(seconds: -1800)).shortClockText
        let refused = session.submit(ActionRequest(verb: .acknowledge, target: "INC-9999"))
        XCTAssertEqual(refused, .refused(reason: "rewound to \(time) — press Backspace to return to live first"))
        // By key too: the desk's keys answer with the same words, before any form opens.
        let effects = session.update(.keys([.char("a")]))
        XCTAssertEqual(effects.commands, [.message("rewound to \(time) — press Backspace to return to live first", seconds: 4)])
        XCTAssertEqual(session.journalSequence, journaled, "nothing journaled")

        session.returnToLive()
        XCTAssertTrue(frameText(session, at: end).contains("INC-9999"))
        guard case .accepted = session.submit(ActionRequest(verb: .acknowledge, target: "INC-9999")) else {
            return XCTFail("live again, the action is taken")
        }
    }
}
