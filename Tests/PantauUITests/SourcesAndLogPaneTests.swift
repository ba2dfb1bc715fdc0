import Foundation
import PantauCore
import PantauUI
import XCTest

/// The `sources` and `log` panes, the `s` overlay, and pane titles that warn of a stale source.
final class SourcesAndLogPaneTests: XCTestCase {
    let state = Fixtures.state()
    let status = DashboardStatus(mode: .live, skippedLines: 0)
    /// The wall clock the health figures are measured against.
    let wall = Date(timeIntervalSince1970: 1_795_000_000)

    func layout(_ yaml: String) throws -> Layout {
        try LayoutParser.parse("name: test\n" + yaml, file: "test.yaml")
    }

    func sources() -> [SourceHealth] {
        var waze = SourceHealth(name: "waze-jams", type: "http", format: "waze", state: .stale,
                                lastEvent: wall.addingTimeInterval(-400), lastContact: wall.addingTimeInterval(-400),
                                eventsPerMinute: 0, events: 1200, staleAfter: 300)
        waze.kinds = ["traffic", "incident"]
        var bmkg = SourceHealth(name: "bmkg-warnings", type: "http", format: "cap", state: .failing("HTTP 500"),
                                lastEvent: nil, errorCount: 3, retryIn: 7.2)
        bmkg.kinds = []
        var sensors = SourceHealth(name: "sensors", type: "mqtt", format: "ndjson", state: .live,
                                   lastEvent: wall.addingTimeInterval(-2), eventsPerMinute: 540, events: 9000, skipped: 2)
        sensors.kinds = ["sensor"]
        sensors.skipReasons = ["invalid_json": 2]
        sensors.firstSkips = ["tangerang/sensors/pa-1"]
        waze.ignored = 830
        waze.ignoredReasons = ["irregularity": 800, "jam_alert": 30]
        return [waze, bmkg, sensors]
    }

    func testSourcesPaneShowsEveryStateWithReasonAndRetry() throws {
        var d = Dashboard(layout: try layout("layout:\n  type: sources\n"))
        d.sources = sources()
        d.wallNow = Instant(millis: Int64(wall.timeIntervalSince1970 * 1000))
        let grid = d.render(state: state, status: status, width: 120, height: 12)
        assertSnapshot(grid.text, named: "sources-pane-120x12")
        let text = grid.text
        XCTAssertTrue(text.contains("2 of 3 unwell"), text)
        XCTAssertTrue(text.contains("failing, retry 8s: HTTP 500"), text)
        XCTAssertTrue(text.contains("stale"), text)
        XCTAssertTrue(text.contains("6m ago"), "the waze source was last heard 400 s ago: \(text)")
        XCTAssertTrue(text.contains("never"), text)
        let rows = (0..<grid.height).map(grid.row)
        // Ignored records are counted apart from skipped ones, and the reasons are shown.
        let wazeRow = try XCTUnwrap(rows.first { $0.contains("waze-jams") })
        XCTAssertTrue(wazeRow.contains("6m ago       0      0       0 ignored: irregul"), "830 ignored, 0 skipped: \(wazeRow)")
        // Wide enough, the whole reason shows.
        let wide = d.render(state: state, status: status, width: 180, height: 12)
        let wideRows = (0..<wide.height).map(wide.row)
        XCTAssertTrue(try XCTUnwrap(wideRows.first { $0.contains("waze-jams") }).contains("ignored: irregularity 800, jam_alert 30"), wide.text)
        XCTAssertTrue(try XCTUnwrap(wideRows.first { $0.contains("mqtt/ndjson") }).contains("invalid_json 2 (tangerang/sensors/pa-1)"), wide.text)
        let y = rows.firstIndex { $0.contains("bmkg-warnings") }!
        let x = rows[y].distance(of: "failing")!
        XCTAssertEqual(grid[x, y].style, Theme.dark.style(for: .danger))
    }

    func testPanesFedByAStaleSourceSayItInTheirTitle() {
        var d = Dashboard(layout: Fixtures.layout())
        d.sources = sources()
        let grid = d.render(state: state, status: status, width: 120, height: 40)
        let text = grid.text
        XCTAssertTrue(text.contains("Traffic ⚠ waze-jams stale"), text)
        XCTAssertTrue(text.contains("Incidents ⚠ waze-jams stale"), text)
        XCTAssertFalse(text.contains("Sensors ⚠"), "the sensors source is live")
        XCTAssertFalse(text.contains("Tickets ⚠"), "no unwell source has delivered tickets")

        // Once it is live again, the warning goes.
        d.sources[0].state = .live
        XCTAssertFalse(d.render(state: state, status: status, width: 120, height: 40).text.contains("⚠"))
    }

    func testAnEndedRecordingIsNotAWarning() {
        var d = Dashboard(layout: Fixtures.layout())
        var replay = SourceHealth(name: "bundled day", type: "replay", format: "ndjson", state: .failing("end of recording"))
        replay.ended = true
        replay.kinds = ["traffic", "incident", "sensor", "ticket"]
        d.sources = [replay]
        XCTAssertFalse(d.render(state: state, status: status, width: 120, height: 40).text.contains("⚠"))
    }

    func testSKeyOpensTheSourcesOverlayAndAnyKeyClosesIt() {
        var d = Dashboard(layout: Fixtures.layout())
        d.sources = sources()
        XCTAssertNil(d.handle(.char("s"), state: state))
        XCTAssertTrue(d.showSources)
        let text = d.render(state: state, status: status, width: 120, height: 40).text
        XCTAssertTrue(text.contains("any key closes") && text.contains("bmkg-warnings") && text.contains("waze-jams"), text)
        XCTAssertNil(d.handle(.char("x"), state: state))
        XCTAssertFalse(d.showSources)
        _ = d.handle(.char("s"), state: state)
        XCTAssertEqual(d.handle(.char("q"), state: state), .quit, "q quits from the overlay too")
    }

    func testActivityLogKeepsTheLinesWorthKeepingAndStaysBounded() {
        var log = ActivityLog(capacity: 3)
        var calm = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 150)
        calm.name = "Pintu Air Sepuluh"
        var high = calm
        high.value = 420
        var smooth = TrafficUpdate(segment: "thamrin-01", road: "Jl. M.H. Thamrin")
        smooth.jamLevel = 1
        var jam = smooth
        jam.jamLevel = 5
        jam.speedKmh = 3
        var fire = IncidentUpdate(id: "INC-1")
        fire.category = .fire
        fire.severity = 5
        fire.status = .new
        fire.place.district = "Periuk"
        let events = [
            FeedEvent(time: Fixtures.at(0), payload: .sensor(calm)),
            FeedEvent(time: Fixtures.at(1), payload: .traffic(smooth)),
            FeedEvent(time: Fixtures.at(2), payload: .sensor(high)),
            FeedEvent(time: Fixtures.at(3), payload: .traffic(jam)),
            FeedEvent(time: Fixtures.at(4), payload: .incident(fire)),
        ]
        log.record(events)
        XCTAssertEqual(log.count, 3, "routine readings and free-flowing roads are not logged")
        XCTAssertEqual(log.newest(0)?.subject, "INC-1")
        XCTAssertEqual(log.newest(0)?.tone, .extreme)
        XCTAssertEqual(log.newest(0)?.district, "Periuk")
        XCTAssertEqual(log.newest(1)?.origin, .traffic)
        XCTAssertTrue(log.newest(2)?.text.contains("Siaga") ?? false, "\(String(describing: log.newest(2)))")
        log.system("source sensors failing: connection refused", subject: "sensors", tone: .danger, at: Fixtures.at(5))
        XCTAssertEqual(log.count, 3)
        XCTAssertEqual(log.recorded, 4)
        XCTAssertEqual(log.newest(0)?.origin, .system)
        XCTAssertEqual(log.newest(2)?.origin, .traffic, "the oldest line dropped")
    }

    func testLogPaneShowsNewestFirstAndHonoursItsFilter() throws {
        var d = Dashboard(layout: try layout("""
        layout:
          columns:
            - type: log
            - type: log
              title: Periuk log
              filter: {district: Periuk}
        """))
        var flood = IncidentUpdate(id: "INC-7")
        flood.category = .flood
        flood.severity = 4
        flood.status = .dispatched
        flood.place.district = "Periuk"
        var crash = IncidentUpdate(id: "INC-8")
        crash.category = .accident
        crash.severity = 2
        crash.title = "Tabrakan \u{1B}]0;HIJACK\u{07}motor"
        crash.place.district = "Cipondoh"
        d.activity.record([
            FeedEvent(time: Fixtures.at(1), payload: .incident(flood)),
            FeedEvent(time: Fixtures.at(2), payload: .incident(crash)),
        ])
        d.activity.system("layout reloaded", at: Fixtures.at(3))
        let grid = d.render(state: state, status: status, width: 160, height: 10)
        assertSnapshot(grid.text, named: "log-panes-160x10")
        let rows = (0..<grid.height).map(grid.row)
        let left = rows.map { String($0.prefix(80)) }
        let right = rows.map { String($0.dropFirst(80)) }
        let order = ["layout reloaded", "INC-8", "INC-7"].map { t in left.firstIndex { $0.contains(t) } ?? -1 }
        XCTAssertEqual(order, order.sorted(), "newest first: \(left)")
        XCTAssertFalse(order.contains(-1), "\(left)")
        XCTAssertTrue(right.contains { $0.contains("INC-7") })
        XCTAssertFalse(right.contains { $0.contains("INC-8") }, "Cipondoh is filtered out of the Periuk log")
        XCTAssertTrue(right.contains { $0.contains("layout reloaded") }, "Pantau's own notes stay")
        XCTAssertFalse(grid.text.contains("\u{1B}"), "feed text reaches the grid without escapes")
    }
}
