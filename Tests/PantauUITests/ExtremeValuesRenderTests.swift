import Foundation
import PantauCore
import PantauUI
import XCTest

/// Drawing is total: a state holding any number a feed could carry (past what the decoder
/// accepts, applied here directly) renders in every layout at every size without trapping
/// (issue 7, point 2, drawing side).
final class ExtremeValuesRenderTests: XCTestCase {
    static let doubles: [Double] = [1e19, -1e19, .nan, .infinity, -.infinity, Double(Int.max), -Double(Int.max),
                                    .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 9.3e18, 0, -0.04, 1e-300]
    static let ints: [Int] = [Int.max, Int.min, Int.max - 1, -1, 0, 6]

    /// One of each entity per extreme value, applied as events would be.
    static func extremeState(_ activity: inout ActivityLog) -> CityState {
        var state = CityState()
        let t0 = RFC3339.parse("2026-11-23T15:00:00+07:00")!
        var events: [FeedEvent] = []
        for (i, d) in doubles.enumerated() {
            let level = ints[i % ints.count]
            let place = Place(district: "Periuk", location: GeoPoint(lat: i % 2 == 0 ? d : -6.17, lon: i % 3 == 0 ? 106.6 : d))
            var t = TrafficUpdate(segment: "seg-\(i)", road: "Road \(i)")
            t.place = place
            t.speedKmh = d
            t.freeFlowKmh = doubles[(i + 1) % doubles.count]
            t.jamLevel = level
            t.delaySeconds = d
            t.lengthMeters = d
            events.append(FeedEvent(time: t0, payload: .traffic(t)))
            for kind in [SensorKind.waterLevel, .rainfall, .ispu, .pm25, .pm10, .temperature, .humidity, .noise, .other("x")] {
                // A history mixing extremes, so sparklines scale across them.
                for (k, v) in [d, 1, doubles[(i + 3) % doubles.count], d].enumerated() {
                    var r = SensorReading(station: "st-\(kind.name)-\(i)", sensor: kind, value: v)
                    r.name = "Station \(i)"
                    r.place = place
                    events.append(FeedEvent(time: t0.adding(seconds: Double(k * 60)), payload: .sensor(r)))
                }
            }
            var inc = IncidentUpdate(id: "INC-\(i)")
            inc.category = .flood
            inc.severity = level
            inc.title = "Incident \(i)"
            inc.status = .dispatched
            inc.place = place
            events.append(FeedEvent(time: t0, payload: .incident(inc)))
            var ticket = TicketUpdate(id: "T-\(i)")
            ticket.agency = "Dinas PUPR"
            ticket.title = "Ticket \(i)"
            ticket.slaHours = d
            ticket.created = t0.adding(seconds: d)
            ticket.status = .open
            events.append(FeedEvent(time: t0, payload: .ticket(ticket)))
        }
        for e in events.sorted(by: { $0.time < $1.time }) {
            state.apply(e)
            activity.record(e)
        }
        return state
    }

    func testEveryLayoutRendersExtremeValuesAtSeveralSizes() throws {
        var activity = ActivityLog()
        let state = Self.extremeState(&activity)
        let allPanes = try LayoutParser.parse("""
        name: all
        layout:
          rows:
            - columns: [{type: traffic}, {type: incidents}, {type: sensors}]
            - columns: [{type: tickets}, {type: kpi}, {type: map}]
            - columns: [{type: detail}, {type: sources}, {type: log}]
        """, file: "all.yaml")
        var layouts = [allPanes]
        for (name, _) in ShippedLayouts.sources { layouts.append(try XCTUnwrap(ShippedLayouts.named(name))) }
        let sources = Self.doubles.enumerated().map { i, d in
            SourceHealth(name: "s\(i)", type: "http", format: "ndjson", state: .failing("down"),
                         lastEvent: Date(timeIntervalSince1970: d.isFinite ? min(max(d, -1e12), 1e12) : 0),
                         eventsPerMinute: Self.ints[i % Self.ints.count], events: Self.ints[(i + 1) % Self.ints.count],
                         errorCount: Int.max, skipped: Int.max, retryIn: d, staleAfter: d)
        }
        for layout in layouts {
            for (w, h) in [(1, 1), (30, 10), (80, 24), (120, 40), (200, 60)] {
                var d = Dashboard(layout: layout)
                d.activity = activity
                d.sources = sources
                d.observe(state)
                for focus in 0..<layout.panes.count {
                    _ = d.perform(.focusPane(focus), state: state)
                    let grid = d.render(state: state, status: DashboardStatus(mode: .snapshot, skippedLines: Int.max), width: w, height: h)
                    XCTAssertEqual(grid.height, h)
                }
            }
        }
    }

    func testPaneNumbersOfExtremeValuesAreClampedText() throws {
        var activity = ActivityLog()
        let state = Self.extremeState(&activity)
        var d = Dashboard(layout: try XCTUnwrap(ShippedLayouts.named("command-center")))
        d.observe(state)
        let text = d.render(state: state, status: DashboardStatus(mode: .snapshot), width: 200, height: 60).text
        // A speed of 1e19 km/h cannot be shown as it is; it shows at Int's bound, cut to the column.
        XCTAssertTrue(text.contains("922337"), text)
    }

    func testSaturatingConversions() {
        XCTAssertEqual(Int(saturating: 1e19), Int.max)
        XCTAssertEqual(Int(saturating: -1e19), Int.min)
        XCTAssertEqual(Int(saturating: Double.infinity), Int.max)
        XCTAssertEqual(Int(saturating: -Double.infinity), Int.min)
        XCTAssertEqual(Int(saturating: Double.nan), 0)
        XCTAssertEqual(Int(saturating: Double(Int.max)), Int.max)
        XCTAssertEqual(Int(saturating: 9_223_372_036_854_774_784.0), 9_223_372_036_854_774_784) // the largest Double below 2^63
        XCTAssertEqual(Int(saturating: -9_223_372_036_854_775_808.0), Int.min)
        XCTAssertEqual(Int(saturating: -2.9), -2)
        XCTAssertEqual(Int32(saturating: Float(3e9)), Int32.max)
        XCTAssertEqual(UInt8(saturating: -1.0), 0)
        XCTAssertEqual(Int.max.addingSaturated(1), Int.max)
        XCTAssertEqual(Int.min.addingSaturated(-1), Int.min)
        XCTAssertEqual(Int.min.subtractingSaturated(1), Int.min)
        XCTAssertEqual(Int.max.subtractingSaturated(-1), Int.max)
        XCTAssertEqual(Int.max.multipliedSaturated(by: -2), Int.min)
        XCTAssertEqual(Int.min.multipliedSaturated(by: -1), Int.max)
        XCTAssertEqual([Int.max, 1, 2].saturatingSum(), Int.max)
        XCTAssertEqual([3, 4].saturatingSum(), 7)
        XCTAssertEqual(durationText(seconds: 1e300), "\(Int.max / 86_400)d\(String(Int.max % 86_400 / 3600))h")
    }
}
