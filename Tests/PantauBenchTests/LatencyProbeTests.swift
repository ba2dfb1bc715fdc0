import XCTest
import PantauUI
@testable import pantau_bench

final class LatencyProbeTests: XCTestCase {
    func testNearestRankPercentiles() {
        let values = (1...100).map(Double.init)
        XCTAssertEqual(nearestRankPercentile(50, of: values), 50)
        XCTAssertEqual(nearestRankPercentile(90, of: values), 90)
        XCTAssertEqual(nearestRankPercentile(99, of: values), 99)
        XCTAssertEqual(nearestRankPercentile(100, of: values), 100)
        XCTAssertEqual(nearestRankPercentile(99, of: [3, 7]), 7)
        XCTAssertEqual(nearestRankPercentile(50, of: [3, 7]), 3)
        XCTAssertEqual(nearestRankPercentile(0, of: [3, 7]), 3)
        XCTAssertEqual(nearestRankPercentile(99, of: [4]), 4)
        XCTAssertNil(nearestRankPercentile(50, of: []))
    }

    private func grid(_ rows: [String]) -> CellGrid {
        var g = CellGrid(width: 40, height: rows.count)
        for (y, row) in rows.enumerated() { _ = g.put(row, x: 0, y: y) }
        return g
    }

    func testAProbeCountsWhenTheDiffWroteItsNumber() {
        let g = grid(["│probe 2 #1234    ISPU 400", "│probe 3 #77 x", "│other"])
        var written = [Bool](repeating: false, count: g.width * g.height)
        written[0 * 40 + 11] = true // a digit of #1234
        let found = paintedProbes(in: g, written: written)
        XCTAssertEqual(found.map(\.station), [2])
        XCTAssertEqual(found.map(\.seq), [1234])
        // Written elsewhere in its row, not in its number: the probe was already on screen.
        written = [Bool](repeating: false, count: g.width * g.height)
        written[1 * 40 + 12] = true // the x after #77
        XCTAssertTrue(paintedProbes(in: g, written: written).isEmpty)
    }

    func testANumberCutByTheColumnIsNotRead() {
        let g = grid(["probe 1 #12…", "probe 1 #12"])
        let written = [Bool](repeating: true, count: g.width * g.height)
        let found = paintedProbes(in: g, written: written)
        XCTAssertEqual(found.map(\.seq), [12])
        XCTAssertEqual(found.count, 1)
    }

    func testWideCharactersBeforeTheProbeKeepItsColumns() {
        let g = grid(["漢字 probe 0 #5 "])
        var written = [Bool](repeating: false, count: g.width * g.height)
        written[14] = true // 漢字 take four columns: "#" at 13, "5" at 14
        XCTAssertEqual(paintedProbes(in: g, written: written).map(\.seq), [5])
    }
}
