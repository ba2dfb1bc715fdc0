/// What a terminal backend writes to bring the screen from the frame it last presented to the
/// next one: only the cells that changed (every cell without a previous frame of the same
/// size), clipped to the screen. A wide cell is written once and fills two columns; its
/// continuation is not written. Pure, so it is tested without a terminal.
public enum FrameDiff {
    /// One write: the scalar `value` in `style` at column `x`, row `y`.
    public struct Write: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var value: UInt32
        public var style: Style

        public init(x: Int, y: Int, value: UInt32, style: Style) {
            self.x = x
            self.y = y
            self.value = value
            self.style = style
        }
    }

    /// Calls `write` for each write that presents `grid` over `old` (nil: nothing is known to
    /// be on screen, so everything is written) on a screen of `screenWidth` × `screenHeight`.
    ///
    /// - Parameters:
    ///   - replacement: sent for a control character, or a character the terminal cannot show.
    ///   - columns: the columns the terminal gives a scalar value (its `wcwidth`; −1 when it
    ///     cannot show it). Where that differs from the grid's idea, the grid's columns are kept.
    public static func forEachWrite(from old: CellGrid?, to grid: CellGrid, screenWidth: Int, screenHeight: Int,
                                    replacement: UInt32, columns: (UInt32) -> Int32, _ write: (Write) -> Void) {
        let visibleWidth = min(grid.width, screenWidth)
        let visibleHeight = min(grid.height, screenHeight)
        guard visibleWidth > 0, visibleHeight > 0 else { return }
        let previous = old.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        grid.cells.withUnsafeBufferPointer { cells in
            func draw(row: Int, x: Int, y: Int) {
                let cell = cells[row + x]
                func put(_ value: UInt32, at x: Int) { write(Write(x: x, y: y, value: value, style: cell.style)) }
                let value = cell.scalar.isTerminalControl ? replacement : cell.scalar.value
                switch cell.width {
                case 0:
                    // The right half of a wide character: written with its first half. A stray
                    // continuation (no wide character before it) is shown as a blank.
                    if x > 0, cells[row + x - 1].width == 2 { return }
                    put(0x20, at: x)
                case 2:
                    guard x + 1 < visibleWidth else { return put(0x20, at: x) } // cut by the screen's right edge
                    let w = columns(value)
                    if w == 2 { return put(value, at: x) }
                    // The terminal's idea of the width differs: keep the grid's columns.
                    put(w == 1 ? value : replacement, at: x)
                    put(0x20, at: x + 1)
                default:
                    put(columns(value) == 1 ? value : replacement, at: x)
                }
            }
            if let previous {
                previous.cells.withUnsafeBufferPointer { oldCells in
                    for y in 0..<visibleHeight {
                        let row = y * grid.width
                        for x in 0..<visibleWidth where cells[row + x] != oldCells[row + x] { draw(row: row, x: x, y: y) }
                    }
                }
            } else {
                for y in 0..<visibleHeight {
                    let row = y * grid.width
                    for x in 0..<visibleWidth { draw(row: row, x: x, y: y) }
                }
            }
        }
    }
}
