import PantauCore
@testable import PantauUI
import XCTest

/// The KPI tiles' worst air and highest river come from current readings; a stale one shows
/// only when nothing of its kind is current, and says so. The incident detail's nearby list
/// labels stale data as the panes do.
final class KpiStaleTests: XCTestCase {
    private let t0 = RFC3339.parse("2026-11-23T15:00:00+07:00")!

    private func reading(_ station: String, _ kind: SensorKind, _ value: Double, minutes: Double) -> FeedEvent {
        var r = SensorReading(station: station, sensor: kind, value: value)
        r.name = station
        return FeedEvent(time: t0.adding(seconds: minutes * 60), source: "sensors", payload: .sensor(r))
    }

    private func tile(_ label: String, _ state: CityState, minutes: Double) throws -> KpiPane.Tile {
        let tiles = KpiPane.tiles(state, rules: .standard, theme: .dark, now: t0.adding(seconds: minutes * 60))
        return try XCTUnwrap(tiles.first { $0.label == label }, "\(tiles.map(\.label))")
    }

    func testStaleReadingsGiveWayToCurrentOnesAndAreCounted() throws {
        var state = CityState()
        state.apply([reading("Udara Lama", .ispu, 280, minutes: 0), reading("Udara Baru", .ispu, 60, minutes: 40),
                     reading("Sungai Lama", .waterLevel, 900, minutes: 0), reading("Sungai Baru", .waterLevel, 120, minutes: 40)])
        let airThen = try tile("Worst ISPU", state, minutes: 10)
        XCTAssertEqual(airThen.value, "280", "both current at minute 10")
        XCTAssertFalse(airThen.detail.contains("stale"), airThen.detail)

        let air = try tile("Worst ISPU", state, minutes: 45)
        XCTAssertEqual(air.value, "60", "the stale 280 is not the worst air now")
        XCTAssertTrue(air.detail.contains("Udara Baru"), air.detail)
        XCTAssertTrue(air.detail.hasSuffix(" · 1 stale"), air.detail)
        let river = try tile("Highest river", state, minutes: 45)
        XCTAssertEqual(river.value, "120")
        XCTAssertTrue(river.detail.contains("Sungai Baru") && river.detail.hasSuffix(" · 1 stale"), river.detail)
    }

    func testWhenEveryReadingIsStaleTheWorstSaysStaleInANeutralTone() throws {
        var state = CityState()
        state.apply([reading("Udara Lama", .ispu, 280, minutes: 0), reading("Sungai Lama", .waterLevel, 900, minutes: 0)])
        let air = try tile("Worst ISPU", state, minutes: 42)
        XCTAssertEqual(air.value, "280")
        XCTAssertTrue(air.detail.hasPrefix("stale 42m · "), air.detail)
        XCTAssertEqual(air.tone, .neutral)
        let river = try tile("Highest river", state, minutes: 42)
        XCTAssertTrue(river.detail.hasPrefix("stale 42m · cm"), river.detail)
        XCTAssertEqual(river.tone, .neutral)
        XCTAssertNotEqual(try tile("Highest river", state, minutes: 5).tone, .neutral, "current, it has its level's tone")
    }

    func testNearbyStaleDataIsLabelledInTheIncidentDetail() throws {
        let here = GeoPoint(lat: -6.17, lon: 106.62)
        var state = CityState()
        var inc = IncidentUpdate(id: "INC-1")
        inc.title = "Banjir"
        inc.place.location = here
        state.apply(FeedEvent(time: t0, source: "city", payload: .incident(inc)))
        var gauge = SensorReading(station: "pa", sensor: .waterLevel, value: 900)
        gauge.name = "Pintu Air Dekat"
        gauge.place.location = GeoPoint(lat: -6.171, lon: 106.62)
        state.apply(FeedEvent(time: t0, source: "sensors", payload: .sensor(gauge)))
        var jam = TrafficUpdate(segment: "s", road: "Jl. Dekat")
        jam.jamLevel = 4
        jam.place.location = GeoPoint(lat: -6.172, lon: 106.62)
        state.apply(FeedEvent(time: t0, source: "waze", payload: .traffic(jam)))
        func rows(minutes: Double) -> [String] {
            var grid = CellGrid(width: 100, height: 30)
            IncidentDetailView.draw(incidentID: "INC-1", in: Rect(x: 0, y: 0, width: 100, height: 30), state: state, theme: .dark,
                                    rules: .standard, now: t0.adding(seconds: minutes * 60), scroll: 0, into: &grid)
            return (0..<grid.height).map(grid.row)
        }
        let current = rows(minutes: 5)
        XCTAssertTrue(current.contains { $0.contains("Jl. Dekat") && $0.contains("jam 4") }, current.joined(separator: "\n"))
        XCTAssertFalse(current.contains { $0.contains("stale") }, current.joined(separator: "\n"))
        let later = rows(minutes: 42)
        let road = try XCTUnwrap(later.first { $0.contains("Jl. Dekat") }, later.joined(separator: "\n"))
        XCTAssertTrue(road.contains("stale 42m") && !road.contains("jam 4"), road)
        let river = try XCTUnwrap(later.first { $0.contains("Pintu Air Dekat") }, later.joined(separator: "\n"))
        XCTAssertTrue(river.contains("stale 42m") && !river.contains("Siaga"), river)
    }
}
