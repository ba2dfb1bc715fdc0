import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauSession
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
