import PantauCore

/// A drawing surface of 2 × 4 dots per terminal cell, shown with the braille patterns
/// U+2800…U+28FF, or with ASCII strokes (`- | / \ + .`) when the theme asks for ASCII only.
/// Each cell also keeps an ink (an index into the styles passed to `draw`); the last stroke
/// through a cell decides its colour.
public struct BrailleCanvas: Sendable {
    /// Cells across.
    public let columns: Int
    /// Cells down.
    public let rows: Int
    /// The dots set in each cell, as braille bits.
    public private(set) var bits: [UInt8]
    /// The ink of each cell.
    public private(set) var inks: [UInt8]

    /// A blank canvas of `columns` × `rows` cells.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        inks = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// Dots across.
    public var dotWidth: Int { columns * 2 }
    /// Dots down.
    public var dotHeight: Int { rows * 4 }

    /// The braille bit of dot (column, row) within its cell: dots 1-2-3-7 down the left,
    /// 4-5-6-8 down the right.
    static let dotBit: [UInt8] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]

    /// Sets the dot at (x, y) in `ink`; dots off the canvas are ignored.
    @inline(__always)
    public mutating func set(x: Int, y: Int, ink: UInt8) {
        guard x >= 0, y >= 0, x < columns &* 2, y < rows &* 4 else { return }
        let i = (y >> 2) &* columns &+ (x >> 1)
        bits[i] |= Self.dotBit[(y & 3) << 1 | (x & 1)]
        inks[i] = ink
    }

    /// Whether the dot at (x, y) is set.
    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return bits[(y >> 2) * columns + (x >> 1)] & Self.dotBit[(y & 3) << 1 | (x & 1)] != 0
    }

    /// Draws a straight line between two dot positions (Bresenham), clipped to the canvas first
    /// so a long line mostly off screen costs only its visible part.
    public mutating func line(x0: Double, y0: Double, x1: Double, y1: Double, ink: UInt8) {
        // Liang–Barsky clip to the canvas (in continuous dot coordinates).
        let maxX = Double(dotWidth) - 0.001, maxY = Double(dotHeight) - 0.001
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        @inline(__always) func clip(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 {
                if r > t1 { return false }
                if r > t0 { t0 = r }
            } else {
                if r < t0 { return false }
                if r < t1 { t1 = r }
            }
            return true
        }
        guard clip(-dx, x0), clip(dx, maxX - x0), clip(-dy, y0), clip(dy, maxY - y0) else { return }
        var ax = Int(saturating: x0 + t0 * dx), ay = Int(saturating: y0 + t0 * dy)
        let bx = Int(saturating: x0 + t1 * dx), by = Int(saturating: y0 + t1 * dy)
        let sx = ax < bx ? 1 : -1, sy = ay < by ? 1 : -1
        let ex = abs(bx - ax), ey = -abs(by - ay)
        var err = ex + ey
        while true {
            set(x: ax, y: ay, ink: ink)
            if ax == bx && ay == by { return }
            let e2 = 2 * err
            if e2 >= ey { err += ey; ax += sx }
            if e2 <= ex { err += ex; ay += sy }
        }
    }

    /// Draws lines through `points` in order; `closed` joins the last to the first (a polygon's
    /// outline).
    public mutating func polyline(_ points: [(x: Double, y: Double)], closed: Bool = false, ink: UInt8) {
        guard let first = points.first else { return }
        var previous = first
        for p in points.dropFirst() {
            line(x0: previous.x, y0: previous.y, x1: p.x, y1: p.y, ink: ink)
            previous = p
        }
        if points.count == 1 { set(x: Int(saturating: first.x), y: Int(saturating: first.y), ink: ink) }
        if closed, points.count > 2 { line(x0: previous.x, y0: previous.y, x1: first.x, y1: first.y, ink: ink) }
    }

    /// The glyph of cell (column, row), or nil when it has no dots.
    public func glyph(column: Int, row: Int, ascii: Bool) -> Unicode.Scalar? {
        let b = bits[row * columns + column]
        guard b != 0 else { return nil }
        return ascii ? Self.asciiGlyphs[Int(b)] : Self.braille(b)
    }

    /// The braille pattern with these dots.
    public static func braille(_ bits: UInt8) -> Unicode.Scalar { Unicode.Scalar(0x2800 + UInt32(bits))! }

    /// An ASCII stroke for each dot pattern: a single dot `.`, a row `-`, a column `|`, a
    /// falling diagonal `\`, a rising one `/`, anything else `+`.
    static let asciiGlyphs: [Unicode.Scalar] = (0..<256).map { pattern in
        var left: [Int] = [], right: [Int] = []
        for row in 0..<4 {
            if pattern & Int(dotBit[row << 1]) != 0 { left.append(row) }
            if pattern & Int(dotBit[row << 1 | 1]) != 0 { right.append(row) }
        }
        let all = left + right
        guard let top = all.min(), let bottom = all.max() else { return " " }
        if all.count == 1 { return "." }
        if left.isEmpty || right.isEmpty { return bottom - top >= 1 ? "|" : "." }
        let l = Double(left.reduce(0, +)) / Double(left.count), r = Double(right.reduce(0, +)) / Double(right.count)
        if r - l >= 1.5 { return "\\" }
        if l - r >= 1.5 { return "/" }
        return bottom - top <= 1 ? "-" : "+"
    }

    /// Writes the cells that have dots into `grid` with their top-left at (x, y), in
    /// `styles[ink]` (the last style for an ink beyond the list).
    public func draw(into grid: inout CellGrid, x: Int, y: Int, styles: [Style], ascii: Bool) {
        guard !styles.isEmpty else { return }
        for row in 0..<rows {
            let gy = y + row
            guard gy >= 0, gy < grid.height else { continue }
            let base = row * columns
            for column in 0..<columns {
                let b = bits[base + column]
                guard b != 0 else { continue }
                let gx = x + column
                guard gx >= 0, gx < grid.width else { continue }
                let ink = Int(inks[base + column])
                grid[gx, gy] = Cell(ascii ? Self.asciiGlyphs[Int(b)] : Self.braille(b), style: styles[min(ink, styles.count - 1)])
            }
        }
    }
}
