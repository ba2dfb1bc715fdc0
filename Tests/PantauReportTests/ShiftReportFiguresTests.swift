import Foundation
import PantauCore
import PantauFeeds
import PantauReport
import XCTest

/// Every figure of the report checked against ``ReportOracle``, a plain fold of the raw events.
final class ShiftReportFiguresTests: XCTestCase {
    private static let sections = ["summary", "category", "exerciseCategory", "outcome", "respCat", "respSev", "targets",
                                   "hours", "distribution", "tickets", "users", "alarms", "gauge"]

    private func assertSameFigures(_ report: ShiftReport, _ oracle: ReportOracle, file: StaticString = #filePath, line: UInt = #line) {
        let got = figures(of: report), want = oracle.figures
        for section in Self.sections {
            XCTAssertEqual(got[section], want[section], "section \(section)", file: file, line: line)
        }
        XCTAssertEqual(report.from.millis, Int64(oracle.from * 1000), file: file, line: line)
        XCTAssertEqual(report.to.millis, Int64(oracle.to * 1000), file: file, line: line)
    }

    func testEveryFigureOfTheBundledDayMatchesAPlainFoldOfItsEvents() throws {
        let lines = try ReportFixtures.lines(of: ReportFixtures.bundledDayPath)
        // What the oracle leaves out is not in the bundled day.
        XCTAssertFalse(lines.contains { $0.contains("\"expires\"") || $0.contains("\"kind\":\"action\"") })
        let report = try ReportFixtures.report(path: ReportFixtures.bundledDayPath)
        let oracle = ReportOracle(lines: lines)
        assertSameFigures(report, oracle)
        // The day has something to report in every incident, ticket and gauge figure.
        XCTAssertEqual(report.eventsInPeriod, 26_227)
        XCTAssertGreaterThan(report.incidentsReported, 50)
        XCTAssertGreaterThan(report.incidentsNotMeasured, 0)
        XCTAssertGreaterThan(report.targetsMissed.reduce(0) { $0 + $1.anyMissed }, 0)
        XCTAssertGreaterThan(report.ticketsByOffice.reduce(0) { $0 + $1.closed }, 0)
        XCTAssertGreaterThan(report.ticketsByOffice.reduce(0) { $0 + $1.overdue }, 0)
        XCTAssertEqual(report.worstGauge?.station, "pa-sepuluh")
        XCTAssertEqual(report.skippedLines, 0)
    }

    func testAlarmsActionsAndExercisesMatchAPlainFold() throws {
        let lines = try ShiftScenario.lines()
        let report = try ReportFixtures.report(lines: lines, builder: ShiftScenario.builder())
        assertSameFigures(report, ReportOracle(lines: lines))
        // The scenario's own expectations, so the oracle cannot agree with a report that missed them.
        XCTAssertEqual(report.exercise.incidents, 2)
        XCTAssertEqual(report.exercise.actions, 2, "its create and acknowledge")
        XCTAssertEqual(report.byOutcome.first { $0.outcome == "false_alarm" }?.incidents, 1)
        XCTAssertEqual(report.alarmsByRule.map(\.rule), ["<b>jam|4</b>", "water-siaga2"])
        XCTAssertEqual(report.alarmsByRule.map(\.raised), [1, 2])
        XCTAssertEqual(report.alarmsByRule.map(\.neverAcknowledged), [1, 0])
        XCTAssertEqual(report.alarmsToAcknowledge, IntervalStats([210, 45]))
        XCTAssertEqual(report.actionsByUser.first { $0.user == "vina" }?.rejected, 1)
        XCTAssertEqual(report.actionsByUser.first { $0.user == ShiftScenario.oddUser }?.byVerb.map(\.verb), ["acknowledge_alarm"])
        XCTAssertEqual(report.skippedLines, 1, "the bad line, not the alarm lines")
    }

    func testExerciseIncidentsAreInNoRealFigure() throws {
        let lines = try ShiftScenario.lines()
        let real = try ReportFixtures.report(lines: lines.filter { !$0.contains("\"exercise\":true") && !$0.contains("INC-X-") },
                                             builder: ShiftScenario.builder())
        let all = try ReportFixtures.report(lines: lines, builder: ShiftScenario.builder())
        XCTAssertEqual(all.byCategory, real.byCategory)
        XCTAssertEqual(all.responseByCategory, real.responseByCategory)
        XCTAssertEqual(all.responseBySeverity, real.responseBySeverity)
        XCTAssertEqual(all.targetsMissed, real.targetsMissed)
        XCTAssertEqual(all.incidentsPerHour, real.incidentsPerHour)
        XCTAssertEqual(all.actionsByUser, real.actionsByUser)
        XCTAssertEqual(all.incidentsReported, real.incidentsReported)
        XCTAssertEqual(real.exercise.incidents, 0)
        XCTAssertEqual(all.exercise.byCategory.map(\.category).sorted(), ["flood", "medical"])
    }

    func testAPeriodCountsOnlyWhatHappenedInIt() throws {
        let path = ReportFixtures.bundledDayPath
        let lines = try ReportFixtures.lines(of: path)
        let builder = ReportBuilder(from: TimeSpec("12:00"), to: TimeSpec("18:00"))
        let report = try ReportFixtures.report(path: path, builder: builder)
        XCTAssertEqual(ReportText.period(report.from, report.to), "2026-11-23 12:00 – 2026-11-23 18:00 WIB")
        let noon = RawEvent.seconds("2026-11-23T12:00:00+07:00")!, six = RawEvent.seconds("2026-11-23T18:00:00+07:00")!
        let raw = lines.compactMap(RawEvent.init)
        XCTAssertEqual(report.eventsInPeriod, raw.filter { $0.ts >= noon && $0.ts <= six }.count)
        var firstSeen: [String: Double] = [:]
        for e in raw where e.kind == "incident" && firstSeen[e.string("id")!] == nil { firstSeen[e.string("id")!] = e.ts }
        XCTAssertEqual(report.incidentsReported, firstSeen.values.filter { $0 >= noon && $0 <= six }.count)
        XCTAssertEqual(report.incidentsPerHour.count, 7)
        XCTAssertEqual(report.incidentsPerHour.reduce(0) { $0 + $1.incidents }, report.incidentsReported)
    }

    func testPercentilesAreNearestRank() {
        XCTAssertEqual(IntervalStats([]), IntervalStats([]))
        XCTAssertNil(IntervalStats([]).median)
        let s = IntervalStats([40, 10, 30, 20])
        XCTAssertEqual(s.count, 4)
        XCTAssertEqual(s.median, 20)
        XCTAssertEqual(s.p90, 40)
        XCTAssertEqual(IntervalStats(Array(1...10).map(Double.init)).p90, 9)
        XCTAssertEqual(IntervalStats([7]).p90, 7)
    }
}
