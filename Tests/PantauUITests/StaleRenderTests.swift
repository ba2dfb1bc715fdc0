import PantauCore
import PantauUI
import XCTest

/// Data a source has not refreshed for its limit shows as stale, worked out at render time.
final class StaleRenderTests: XCTestCase {
    private let t0 = RFC3339.parse("2026-11-23T15:00:00+07:00")!

    private func state(now minutes: Double) -> CityState {
        var s = CityState()
        func jam(_ id: String, _ road: String, at m: Double) {
            var u = TrafficUpdate(segment: id, road: road)
            u.jamLevel = 4
            u.speedKmh = 8
            u.freeFlowKmh = 40
            s.apply(FeedEvent(time: t0.adding(seconds: m * 60), payload: .traffic(u)))
        }
        jam("old", "Jl. Daan Mogot", at: 0)
        jam("fresh", "Jl. Raya Serang", at: minutes - 1)
        var r = SensorReading(station: "pa-sepuluh", sensor: .waterLevel, value: 410)
        r.name = "Pintu Air Sepuluh"
        s.apply(FeedEvent(time: t0, payload: .sensor(r)))
        // What moves "now" here: a later reading from elsewhere.
        var other = SensorReading(station: "rain-periuk", sensor: .rainfall, value: 1)
        other.name = "Hujan Periuk"
        s.apply(FeedEvent(time: t0.adding(seconds: minutes * 60), payload: .sensor(other)))
        return s
    }

    private func rows(_ s: CityState) -> (CellGrid, [String]) {
        let grid = Dashboard(layout: try! ShippedLayouts.named("command-center")!)
            .render(state: s, status: DashboardStatus(mode: .replay(speed: 1), skippedLines: 0), width: 140, height: 44)
        return (grid, (0..<grid.height).map(grid.row))
    }

    func testStaleRowsAreMarkedDimmedAndLeftOutOfTheCounts() throws {
        let (fresh, freshRows) = rows(state(now: 5))
        XCTAssertFalse(freshRows.contains { $0.contains("stale") }, freshRows.joined(separator: "\n"))
        XCTAssertTrue(freshRows.contains { $0.contains("2 jammed / 2") }, freshRows.joined(separator: "\n"))
        _ = fresh

        let (grid, lines) = rows(state(now: 42))
        let text = lines.joined(separator: "\n")
        let daan = try XCTUnwrap(lines.firstIndex { $0.contains("Jl. Daan Mogot") }, text)
        XCTAssertTrue(lines[daan].contains("stale 42m"), lines[daan])
        let x = try XCTUnwrap(lines[daan].distance(of: "stale 42m"))
        XCTAssertEqual(grid[x, daan].style.fg, Theme.dark.dim.fg, "dimmed")
        let serang = try XCTUnwrap(lines.firstIndex { $0.contains("Jl. Raya Serang") }, text)
        XCTAssertTrue(lines[serang].contains("4 severe"), lines[serang])
        XCTAssertTrue(lines.contains { $0.contains("1 jammed / 2 · 1 stale") }, text)
        let gauge = try XCTUnwrap(lines.first { $0.contains("Pintu Air Sepuluh") }, text)
        XCTAssertTrue(gauge.contains("stale 42m"), gauge)
        XCTAssertFalse(gauge.contains("Siaga"), "a stale gauge shows no current band: \(gauge)")
    }
}
