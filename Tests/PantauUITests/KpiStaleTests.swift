import PantauCore
@testable import PantauUI
import XCTest

/// The KPI tiles' worst air and highest river come from current readings; a stale one shows
/// only when nothing of its kind is current, and says so.
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
}
