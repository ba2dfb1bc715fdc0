/// An in-memory frame: a grid of cells that views draw into and tests read as text.
/// Text written here is sanitised: control characters (including ESC, so any terminal escape
/// sequence in feed data) become a visible `�`, so nothing but printable text reaches a terminal.
public struct CellGrid: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    /// The glyph shown in place of a control character.
    public static let controlReplacement: Unicode.Scalar = "\u{FFFD}"

    /// ASCII only (`--ascii`): text cut short ends in `~` rather than `…`, and control
    /// characters show as `?` rather than `�`.
    public var ascii = false

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Fills `rect` (clipped to the grid) with `scalar` in `style`.
    public mutating func fill(_ rect: Rect, with scalar: Unicode.Scalar = " ", style: Style = .plain) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(scalar, style: style)
        for y in y0..<y1 {
            let row = y * width
            for x in x0..<x1 { cells[row + x] = cell }
        }
    }

    /// Restyles the cells of `rect` without changing their text.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// Writes `text` from (x, y) in `style`, at most `maxWidth` columns (default: to the grid's
    /// edge). Text that does not fit ends in `…` (`~` when ``ascii``); a wide character that
    /// would be cut is replaced by a space. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        var col = 0
        let row = y * width
        var lastStart = -1
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let raw = pending {
            pending = iterator.next()
            let scalar = raw.isTerminalControl ? (ascii ? "?" : Self.controlReplacement) : raw
            let w = scalar.terminalWidth
            if w == 0 { continue }
            if col + w > limit {
                // A wide glyph that does not fit in the last column: show the cut instead.
                if x + col >= 0 { cells[row + x + col] = Cell(ascii ? "~" : "…", style: style) }
                return col + 1
            }
            let px = x + col
            if px >= 0 {
                if w == 2 {
                    cells[row + px] = Cell(scalar, style: style, width: 2)
                    cells[row + px + 1] = Cell(" ", style: style, width: 0)
                } else {
                    cells[row + px] = Cell(scalar, style: style)
                }
            }
            lastStart = col
            col += w
            if col == limit, pending != nil {
                // Out of room with text left: mark the cut with an ellipsis in the last column.
                if w == 2, x + lastStart >= 0 { cells[row + x + lastStart] = Cell(" ", style: style) }
                if x + limit - 1 >= 0 { cells[row + x + limit - 1] = Cell(ascii ? "~" : "…", style: style) }
                return col
            }
        }
        return col
    }

    /// Writes `text` right-aligned so that it ends at column `maxX` (exclusive).
    @discardableResult
    public mutating func putRight(_ text: String, maxX: Int, y: Int, style: Style = .plain) -> Int {
        let w = terminalWidth(of: text)
        return put(text, x: maxX - w, y: y, style: style, maxWidth: w)
    }

    /// The grid as plain text, one line per row, trailing spaces trimmed (snapshots, `pantau snapshot`).
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = String.UnicodeScalarView()
            for x in 0..<width {
                let c = cells[y * width + x]
                if c.width != 0 { line.append(c.scalar) }
            }
            var s = String(line)
            while s.last == " " { s.removeLast() }
            lines.append(s)
        }
        return lines.joined(separator: "\n")
    }

    /// One row as text (tests).
    public func row(_ y: Int) -> String {
        var line = String.UnicodeScalarView()
        for x in 0..<width where cells[y * width + x].width != 0 { line.append(cells[y * width + x].scalar) }
        return String(line)
    }
}
