import PantauCore
import PantauTestSupport
import XCTest

/// An incident's `expires` (a CAP alert's): the store closes it when now passes it, stamped at
/// the expiry time, the same whether the state was replayed, rebuilt or fed live.
final class IncidentExpiryTests: XCTestCase, StateEventFactory {
    func testAnIncidentClosesWhenNowPassesItsExpiry() throws {
        var s = CityState()
        s.applyPlayed(incident("A", 0) { $0.category = .weather; $0.severity = 3; $0.status = .new; $0.expires = self.at(30) })
        s.applyPlayed(incident("B", 0) { $0.severity = 2; $0.status = .new })
        XCTAssertFalse(s.sweep(asOf: at(10)), "nothing due yet")
        XCTAssertEqual(s.incidents["A"]?.status, .new)
        XCTAssertEqual(s.openIncidentIDs, ["A", "B"])
        let before = s.version

        // The same hour as the last sweep: expiry is checked on every sweep, not hourly.
        XCTAssertTrue(s.sweep(asOf: at(30.5)))
        let a = try XCTUnwrap(s.incidents["A"])
        XCTAssertEqual(a.status, .closed)
        XCTAssertTrue(a.closedByExpiry)
        XCTAssertEqual(a.statusChangedAt, at(30), "stamped at the expiry time, not at the sweep")
        XCTAssertEqual(a.timeline.entries.suffix(2).map(\.text),
                       ["status → closed", "note: Alert expired at 2026-11-23T08:30:00+07:00"])
        XCTAssertEqual(a.timeline.entries.last?.time, at(30))
        XCTAssertEqual(s.openIncidentIDs, ["B"])
        XCTAssertEqual(s.openIncidents(limit: 10).map(\.id), ["B"], "the open list no longer shows it")
        XCTAssertEqual(s.openCountsBySeverity[3], 0)
        XCTAssertNotEqual(s.version, before, "what was worked out from the old state is stale")
        XCTAssertFalse(s.sweep(asOf: at(31)))
        XCTAssertEqual(s.incidents["B"]?.status, .new, "an incident without expires stays open")
    }

    func testAnUpdateMovesTheExpiry() throws {
        var s = CityState()
        s.applyPlayed(incident("A", 0) { $0.status = .new; $0.expires = self.at(60) })
        s.applyPlayed(incident("A", 50) { $0.expires = self.at(120); $0.note = "Diperpanjang" })
        s.sweep(asOf: at(90))
        XCTAssertEqual(s.incidents["A"]?.status, .new, "extended before it lapsed: still in force")
        XCTAssertEqual(s.incidents["A"]?.expires, at(120))
        s.sweep(asOf: at(120))
        XCTAssertEqual(s.incidents["A"]?.status, .closed)
        XCTAssertEqual(s.incidents["A"]?.statusChangedAt, at(120))

        // A shortened expiry closes sooner.
        s.applyPlayed(incident("B", 130) { $0.status = .new; $0.expires = self.at(200) })
        s.applyPlayed(incident("B", 135) { $0.expires = self.at(140) })
        s.sweep(asOf: at(141))
        XCTAssertEqual(s.incidents["B"]?.statusChangedAt, at(140))
        XCTAssertEqual(s.incidents["B"]?.status, .closed)
    }

    func testAnUpdateThatExtendsALapsedAlertReopensIt() throws {
        var s = CityState()
        s.applyPlayed(incident("A", 0) { $0.status = .dispatched; $0.expires = self.at(60) })
        s.sweep(asOf: at(70))
        XCTAssertEqual(s.incidents["A"]?.status, .closed)
        s.applyPlayed(incident("A", 90) { $0.expires = self.at(180); $0.note = "Peringatan diperpanjang" })
        let a = try XCTUnwrap(s.incidents["A"])
        XCTAssertEqual(a.status, .acknowledged, "in force again")
        XCTAssertFalse(a.closedByExpiry)
        XCTAssertTrue(s.openIncidentIDs.contains("A"))
        s.sweep(asOf: at(180))
        XCTAssertEqual(s.incidents["A"]?.status, .closed)

        // A closed incident that did not expire (closed by its source) stays closed.
        s.applyPlayed(incident("C", 200) { $0.status = .closed })
        s.applyPlayed(incident("C", 201) { $0.expires = self.at(300) })
        XCTAssertEqual(s.incidents["C"]?.status, .closed)
    }

    func testAnUpdateThatFindsTheIncidentExpiredClosesItFirstWithoutASweep() {
        // Live, an update can be applied before the tick's sweep: it must find what a replay finds.
        var live = CityState(), played = CityState()
        let events = [incident("A", 0) { $0.status = .new; $0.expires = self.at(60) },
                      incident("A", 61) { $0.note = "Masih hujan" }]
        for e in events { live.apply(e); played.applyPlayed(e) }
        XCTAssertEqual(Self.fingerprint(live), Self.fingerprint(played))
        XCTAssertEqual(live.incidents["A"]?.status, .closed)
        XCTAssertEqual(live.incidents["A"]?.statusChangedAt, at(60))

        // An event whose expiry has already passed closes at once, at its own time.
        var s = CityState()
        s.apply(incident("B", 10) { $0.status = .new; $0.expires = self.at(5) })
        XCTAssertEqual(s.incidents["B"]?.status, .closed)
        XCTAssertEqual(s.incidents["B"]?.statusChangedAt, at(10), "never before its last change")
    }

    /// Replaying to T (sweeping at many moments on the way) and rebuilding the state at T
    /// (sweeping only before each event and at T) give the same state, for random histories.
    func testReplayAndRebuildAgree() {
        let seed = SeededRandom.seed(default: 0x5EED_E8B1)
        var rng = SeededRandom(seed: seed)
        var events: [FeedEvent] = []
        var minute = 0.0
        for _ in 0..<400 {
            minute += Double(Int.random(in: 0...6, using: &rng))
            let id = "I\(Int.random(in: 0..<25, using: &rng))"
            let statusRoll = Int.random(in: 0..<10, using: &rng)
            let expiryRoll = Int.random(in: 0..<4, using: &rng)
            let expiresIn = Double(Int.random(in: -20...120, using: &rng))
            events.append(incident(id, minute) {
                $0.severity = 1 + statusRoll % 5
                $0.status = statusRoll < 3 ? .new : statusRoll == 3 ? .dispatched : statusRoll == 4 ? .resolved : nil
                if expiryRoll > 0 { $0.expires = self.at(minute + expiresIn) }
            })
        }
        for end in [minute / 3, minute / 2, minute + 200] {
            let target = at(end)
            var replayed = CityState()
            var sweepAt = 0.0
            for e in events where e.time <= target {
                while at(sweepAt) < e.time {
                    replayed.sweep(asOf: at(sweepAt))
                    sweepAt += Double(Int.random(in: 1...9, using: &rng))
                }
                replayed.applyPlayed(e)
            }
            replayed.sweep(asOf: target)
            var rebuilt = CityState()
            for e in events where e.time <= target { rebuilt.applyPlayed(e) }
            rebuilt.sweep(asOf: target)
            XCTAssertEqual(Self.fingerprint(replayed), Self.fingerprint(rebuilt), "at minute \(end), \(SeededRandom.describe(seed))")
            let expiredOpen = rebuilt.openIncidents(limit: 1000).filter { $0.expires.map { $0 <= target } ?? false }
            XCTAssertEqual(expiredOpen.map(\.id), [], "no open incident past its expiry, \(SeededRandom.describe(seed))")
            XCTAssertEqual(rebuilt.openIncidentCount, rebuilt.openIncidentIDs.count)
        }
    }

    /// Everything about the incidents a pane or a query could show.
    static func fingerprint(_ s: CityState) -> [String] {
        s.incidents.values.sorted { $0.id < $1.id }.map { i in
            "\(i.id) \(i.status) \(i.severity) \(i.expires.map { RFC3339.format($0) } ?? "-") \(i.statusChangedAt.millis) \(i.updatedAt.millis) "
                + i.timeline.entries.map { "\($0.time.millis):\($0.text)" }.joined(separator: "|")
        } + ["open \(s.openIncidentIDs.sorted()) \(s.openIncidents(limit: 1000).map(\.id)) \(s.openCountsBySeverity)"]
    }
}
