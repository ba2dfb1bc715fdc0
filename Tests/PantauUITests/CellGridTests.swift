import PantauUI
import XCTest

final class CellGridTests: XCTestCase {
    func testWideCharactersTakeTwoCells() {
        var g = CellGrid(width: 10, height: 1)
        let used = g.put("a日本b", x: 0, y: 0)
        XCTAssertEqual(used, 6)
        XCTAssertEqual(g[1, 0].width, 2)
        XCTAssertEqual(g[2, 0].width, 0)
        XCTAssertEqual(g[5, 0].scalar, "b")
        XCTAssertEqual(g.row(0), "a日本b    ")
    }

    func testCutTextEndsInAnEllipsisAndNeverHalvesAWideCharacter() {
        var g = CellGrid(width: 10, height: 2)
        g.put("Jl. Daan Mogot", x: 0, y: 0, maxWidth: 6)
        XCTAssertEqual(g.row(0).prefix(6), "Jl. D…")
        g.put("ab日本語", x: 0, y: 1, maxWidth: 5)
        XCTAssertEqual(g.row(1).prefix(4), "ab日…")
    }

    func testControlCharactersAreReplaced() {
        var g = CellGrid(width: 20, height: 1)
        g.put("a\u{1B}[31mb\u{07}\u{9B}c\n", x: 0, y: 0)
        XCTAssertFalse(g.cells.contains { $0.scalar.isTerminalControl })
        XCTAssertEqual(g.row(0).trimmingCharacters(in: .whitespaces), "a�[31mb��c�")
    }

    func testWritesAreClippedToTheGrid() {
        var g = CellGrid(width: 5, height: 2)
        g.put("hello world", x: 3, y: 1)
        g.put("x", x: 9, y: 0)
        g.put("y", x: 0, y: 5)
        g.fill(Rect(x: -3, y: -3, width: 100, height: 1), with: "#")
        XCTAssertEqual(g.row(1), "   h…")
    }

    func testSparklineAndBar() {
        XCTAssertEqual(Sparkline.text([0, 7], width: 5), "▁█")
        XCTAssertEqual(Sparkline.text([1, 2, 3, 4, 5, 6, 7, 8, 9], width: 3), "▁▅█")
        XCTAssertEqual(Bar.text(fraction: 0.5, width: 4), "██  ")
        XCTAssertEqual(Bar.text(fraction: 1, width: 3), "███")
        XCTAssertEqual(terminalWidth(of: "日本"), 4)
    }
}
