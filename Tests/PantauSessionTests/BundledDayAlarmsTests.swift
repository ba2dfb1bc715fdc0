import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
@testable import PantauSession
import PantauUI
import XCTest

/// The shipped rules on the bundled day (Sources/pantau/Resources/tangerang-day.ndjson.gz),
/// played through a session one event at a time as a replay plays it: they raise exactly the
/// alarms in README.md's table ("Alert rules"), and the same ones however often they are evaluated.
final class BundledDayAlarmsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let recording = root.appendingPathComponent("Sources/pantau/Resources/tangerang-day.ndjson.gz").path

    static func played() throws -> [ScheduledEvent] {
        let reader = ScheduledReader(try FeedReader(path: recording))
        var out: [ScheduledEvent] = []
        while let e = try reader.next() { out.append(e) }
        return out
    }

    /// The README's table rows between its `bundled-day-alarms` markers, as `rule | subject | raised | cleared`.
    static func readmeRows() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let from = text.range(of: "<!-- bundled-day-alarms -->"), let to = text.range(of: "<!-- /bundled-day-alarms -->") else {
            return []
        }
        return text[from.upperBound..<to.lowerBound].split(separator: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| rule ") }
            .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " | ") }
    }

    static func row(_ a: Alarm) -> String {
        "\(a.rule) | \(a.subject) | \(CivilTime(a.raisedAt).shortClockText) | \(a.clearedAt.map { CivilTime($0).shortClockText } ?? "–")"
    }

    func testTheShippedRulesRaiseTheAlarmsOfTheReadmeTable() throws {
        let played = try Self.played()
        let session = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")))
        session.rules = RuleEvaluator(rules: RulesFile.shipped.rules)
        var raised: [RaisedAlarm] = []
        // A tick a minute of the recording's time, as a replay ticks with its clock.
        var nextTick = played[0].arrival.millis / 60_000 * 60_000
        for e in played {
            while nextTick < e.arrival.millis {
                let t = Instant(millis: nextTick)
                raised += session.update(.tick(now: t, wall: t)).raisedAlarms
                nextTick += 60_000
            }
            raised += session.update(.played([e])).raisedAlarms
        }
        let end = try XCTUnwrap(played.last?.arrival)
        raised += session.update(.tick(now: end, wall: end)).raisedAlarms
        let alarms = session.state.alarmsInPaneOrder.sorted { ($0.raisedAt, $0.rule, $0.subject) < ($1.raisedAt, $1.rule, $1.subject) }
        let rows = alarms.map(Self.row)
        XCTAssertEqual(rows, try Self.readmeRows(), "README.md's table should read:\n" + rows.map { "| \($0) |" }.joined(separator: "\n"))
        // A handful to a few dozen, each raised once and handed to the runner with its rule's response.
        XCTAssertTrue((5...40).contains(alarms.count), "\(alarms.count) alarms")
        XCTAssertEqual(raised.map(\.alarm.id).sorted(), alarms.map(\.id).sorted())
        let awas = try XCTUnwrap(RulesFile.shipped.rules.first { $0.name == "toll-standstill" })
        XCTAssertEqual(raised.first { $0.alarm.rule == "toll-standstill" }?.response, awas.response)
        // Every raise and clear is an event of the session's state, stamped in order.
        XCTAssertEqual(session.state.alarms.count, alarms.count)
    }

    /// Played in batches of any size with no tick between them (as `pantau snapshot` plays a
    /// reader's batches of 4,096), the rules raise the alarms of the README table, and the same
    /// ones, applied in the same order, at every batch size: played events evaluate the rules at
    /// fixed instants of the feed's time (each hour it enters), not once per batch. (Before,
    /// one batch of the whole day evaluated them only at its end, by when the gauges' series had
    /// let go of the afternoon's rise.)
    func testTheAlarmsDoNotDependOnHowThePlayedEventsAreBatched() throws {
        let played = try Self.played()
        let start = try XCTUnwrap(played.first?.arrival)
        let layout = try XCTUnwrap(try ShippedLayouts.named("command-center"))
        func run(batch: Int) -> (alarms: [Alarm], log: [String], raised: [String]) {
            let session = Session(layout: layout)
            session.rules = RuleEvaluator(rules: RulesFile.shipped.rules)
            var raised: [String] = []
            var i = 0
            while i < played.count {
                let end = min(played.count, i + batch)
                raised += session.update(.played(Array(played[i..<end]))).raisedAlarms.map(\.alarm.id)
                i = end
            }
            let end = played.last!.arrival
            raised += session.update(.tick(now: end, wall: end)).raisedAlarms.map(\.alarm.id)
            let log = session.dashboard.activity.latest(session.dashboard.activity.count).map {
                "\($0.time.millis) \($0.subject) \($0.text)"
            }
            return (session.state.alarmsInPaneOrder, log, raised)
        }
        let one = run(batch: 1)
        // The table's rows; those of episodes that began before the recording (the first rows:
        // the table is in raise order) by rule, subject and clear only, as their start depends
        // on how many of the earlier tickets had arrived when the rules ran.
        let before = one.alarms.filter { $0.raisedAt < start }.count
        func withoutEarlyStarts(_ rows: [String]) -> Set<String> {
            Set(rows.enumerated().map { i, row in
                guard i < before else { return row }
                var cells = row.components(separatedBy: " | ")
                cells[2] = "before"
                return cells.joined(separator: " | ")
            })
        }
        let rows = one.alarms.sorted { ($0.raisedAt, $0.rule, $0.subject) < ($1.raisedAt, $1.rule, $1.subject) }.map(Self.row)
        XCTAssertEqual(rows.count, try Self.readmeRows().count)
        XCTAssertEqual(withoutEarlyStarts(rows), withoutEarlyStarts(try Self.readmeRows()))
        XCTAssertGreaterThan(before, 0)
        XCTAssertFalse(one.log.isEmpty)
        XCTAssertEqual(one.raised.count, one.alarms.count)
        for batch in [1_024, 4_096, 16_384, played.count] {
            let run = run(batch: batch)
            XCTAssertEqual(run.alarms.map { "\(Self.row($0)) \($0.id)" }, one.alarms.map { "\(Self.row($0)) \($0.id)" }, "batches of \(batch)")
            XCTAssertEqual(run.log, one.log, "batches of \(batch)")
            XCTAssertEqual(run.raised, one.raised, "batches of \(batch)")
        }
    }

    /// A played event entering a later hour evaluates the rules as of the hour's start; the
    /// first played event as of its own arrival; events within the hour not at all.
    func testPlayedEventsEvaluateTheRulesOncePerHourOfFeedTime() throws {
        XCTAssertEqual(Session.ruleStep(of: Instant(millis: 7_199_999), step: 3_600_000), 1)
        XCTAssertEqual(Session.ruleStep(of: Instant(millis: 7_200_000), step: 3_600_000), 2)
        XCTAssertEqual(Session.ruleStep(of: Instant(millis: -1), step: 3_600_000), -1)
        XCTAssertEqual(Session.ruleStep(of: Instant(millis: -3_600_000), step: 3_600_000), -1)
        XCTAssertEqual(Session.ruleStep(of: Instant(millis: -3_600_001), step: 3_600_000), -2)
        // A silent source raises no-signal at the silence's start + 10 min, however the events
        // around it are batched; the alarm is there once the next hour's first event plays.
        let rule = try XCTUnwrap(RulesFile.shipped.rules.first { $0.name == "feed-silent" })
        let t0 = try XCTUnwrap(RFC3339.parse("2026-11-23T08:10:00+07:00"))
        func sensor(_ minutes: Double) -> ScheduledEvent {
            let t = t0.adding(seconds: minutes * 60)
            let event = FeedEvent(time: t, source: "bpbd", payload: .sensor(SensorReading(station: "g1", sensor: .waterLevel, value: 100)))
            return ScheduledEvent(event: event, arrival: t)
        }
        // 08:10, 08:12, a silence to 08:40, 08:41, a silence to 09:05 (the next hour): raised at
        // 08:22 and 08:51, both found as the 09:00 step begins.
        let events = [sensor(0), sensor(2), sensor(30), sensor(31), sensor(55)]
        for split in 0...events.count {
            let session = Session(layout: try XCTUnwrap(try ShippedLayouts.named("command-center")))
            session.rules = RuleEvaluator(rules: [rule])
            var raised = session.update(.played(Array(events[..<split]))).raisedAlarms
            if split < events.count { XCTAssertTrue(raised.isEmpty, "split at \(split)") }
            raised += session.update(.played(Array(events[split...]))).raisedAlarms
            let expected = [t0.adding(seconds: 12 * 60), t0.adding(seconds: 41 * 60)]
            XCTAssertEqual(raised.map(\.time), expected, "split at \(split)")
            XCTAssertEqual(session.state.alarmsInPaneOrder.map(\.raisedAt).sorted(), expected)
        }
    }

    func testTheDayRaisesTheSameAlarmsEvaluatedEveryEventOrEveryMinute() throws {
        let played = try Self.played()
        let evaluator = RuleEvaluator(rules: RulesFile.shipped.rules)
        func run(every: Int64?) -> [String] {
            var state = CityState()
            var out: [String] = []
            var nextTick: Int64?
            var changes = AlertChanges.all
            func evaluate(_ now: Instant, _ what: AlertChanges = .all) {
                for t in evaluator.transitions(in: state, now: now, changes: what) {
                    state.apply(t)
                    if case .alarm(let a) = t.payload {
                        // An office's tickets overdue since before the recording: when that episode
                        // began depends on which of them had arrived, so it is compared by its subject.
                        let time = t.time < played[0].arrival ? "before" : CivilTime(t.time).shortClockText
                        out.append("\(a.rule) \(a.subject) \(a.transition.rawValue) \(time)")
                    }
                }
            }
            for e in played {
                if let every {
                    if nextTick == nil { nextTick = e.arrival.millis / every * every }
                    while let tick = nextTick, tick < e.arrival.millis {
                        evaluate(Instant(millis: tick))
                        nextTick = tick + every
                    }
                } else {
                    // Every event: what changed since the last, and everything once a minute.
                    if e.arrival.millis / 60_000 != (nextTick ?? 0) {
                        nextTick = e.arrival.millis / 60_000
                        changes = .all
                    }
                    evaluate(e.arrival, changes)
                    changes = AlertChanges()
                    changes.note(e.event)
                }
                e.apply(to: &state)
            }
            evaluate(played.last!.arrival)
            return out.sorted()
        }
        let everyEvent = run(every: nil)
        XCTAssertGreaterThan(everyEvent.count, 10)
        XCTAssertEqual(run(every: 60_000), everyEvent)
        XCTAssertEqual(run(every: 600_000), everyEvent)
    }
}
