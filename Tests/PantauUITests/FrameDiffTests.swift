import PantauUI
import XCTest

/// The terminal backend's diff, without a terminal: what is written for a frame over the last.
final class FrameDiffTests: XCTestCase {
    let red = Style(fg: .red)

    /// The writes for `grid` over `old`, with a terminal that agrees with the grid on widths
    /// unless `columns` says otherwise.
    func writes(_ old: CellGrid?, _ grid: CellGrid, screen: (Int, Int)? = nil,
                columns: @escaping (UInt32) -> Int32 = { Int32(Unicode.Scalar($0).map { $0.terminalWidth } ?? -1) }) -> [FrameDiff.Write] {
        var out: [FrameDiff.Write] = []
        FrameDiff.forEachWrite(from: old, to: grid, screenWidth: screen?.0 ?? grid.width, screenHeight: screen?.1 ?? grid.height,
                               replacement: 0xFFFD, columns: columns) { out.append($0) }
        return out
    }

    func grid(_ rows: [String], width: Int? = nil) -> CellGrid {
        var g = CellGrid(width: width ?? rows.map { terminalWidth(of: $0) }.max() ?? 0, height: rows.count)
        for (y, r) in rows.enumerated() { g.put(r, x: 0, y: y) }
        return g
    }

    func text(_ ws: [FrameDiff.Write]) -> String {
        String(String.UnicodeScalarView(ws.compactMap { Unicode.Scalar($0.value) }))
    }

    func testTheFirstFrameIsWrittenWholeAndAnUnchangedOneNotAtAll() {
        let g = grid(["ab", "cd"])
        let first = writes(nil, g)
        XCTAssertEqual(first.map { [$0.x, $0.y] }, [[0, 0], [1, 0], [0, 1], [1, 1]])
        XCTAssertEqual(text(first), "abcd")
        XCTAssertEqual(writes(g, g), [])
    }

    func testOnlyChangedCellsAreWrittenWithTheirStyle() {
        let old = grid(["abc", "def"])
        var new = old
        new.put("X", x: 1, y: 1, style: red)
        XCTAssertEqual(writes(old, new), [FrameDiff.Write(x: 1, y: 1, value: 0x58, style: red)])
        var restyled = old
        restyled.restyle(Rect(x: 2, y: 0, width: 1, height: 1)) { _ in self.red }
        XCTAssertEqual(writes(old, restyled), [FrameDiff.Write(x: 2, y: 0, value: 0x63, style: red)], "a style change alone is a change")
    }

    func testAGridOfAnotherSizeIsWrittenWhole() {
        let old = grid(["ab"])
        let new = grid(["ab", "cd"])
        XCTAssertEqual(writes(old, new).count, 4)
    }

    func testWideCharactersAreWrittenOnceAndKeepTheGridsColumns() {
        let g = grid(["a東b"]) // a, 東 (two columns), b
        XCTAssertEqual(g.width, 4)
        let ws = writes(nil, g)
        XCTAssertEqual(ws.map(\.x), [0, 1, 3], "the continuation cell is not written")
        XCTAssertEqual(text(ws), "a東b")
        // A terminal that thinks it is one column: the character, then a blank for the second.
        XCTAssertEqual(writes(nil, g, columns: { _ in 1 }).map { [$0.x, Int($0.value)] },
                       [[0, 0x61], [1, 0x6771], [2, 0x20], [3, 0x62]])
        // A terminal that cannot show it: the replacement, then a blank.
        XCTAssertEqual(writes(nil, g, columns: { $0 == 0x6771 ? -1 : 1 }).map { [$0.x, Int($0.value)] },
                       [[0, 0x61], [1, 0xFFFD], [2, 0x20], [3, 0x62]])
        // Cut by the screen's right edge: a blank, never half a character.
        XCTAssertEqual(writes(nil, g, screen: (2, 1)).map { [$0.x, Int($0.value)] }, [[0, 0x61], [1, 0x20]])
    }

    func testAWideCharacterReplacingNarrowOnesAndBack() {
        let narrow = grid(["abcd"])
        let wide = grid(["a東d"])
        XCTAssertEqual(writes(narrow, wide).map { [$0.x, Int($0.value)] }, [[1, 0x6771]], "one write covers both columns")
        XCTAssertEqual(writes(wide, narrow).map { [$0.x, Int($0.value)] }, [[1, 0x62], [2, 0x63]], "both columns rewritten")
    }

    func testAStrayContinuationIsABlankAndControlsNeverReachTheTerminal() {
        var g = CellGrid(width: 3, height: 1)
        g[0, 0] = Cell("x", width: 0)
        g[1, 0] = Cell("\u{1B}")
        g[2, 0] = Cell("\u{07}")
        XCTAssertEqual(writes(nil, g).map { [$0.x, Int($0.value)] }, [[0, 0x20], [1, 0xFFFD], [2, 0xFFFD]])
    }

    func testWritesAreClippedToTheScreen() {
        let g = grid(["abcd", "efgh", "ijkl"])
        let ws = writes(nil, g, screen: (2, 2))
        XCTAssertEqual(text(ws), "abef")
        XCTAssertTrue(ws.allSatisfy { $0.x < 2 && $0.y < 2 })
        XCTAssertEqual(writes(nil, g, screen: (0, 5)), [])
        var changed = g
        changed.put("Z", x: 3, y: 2)
        XCTAssertEqual(writes(g, changed, screen: (2, 2)), [], "a change off screen writes nothing")
    }
}
