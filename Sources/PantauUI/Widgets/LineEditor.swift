/// A one-line text editor for notes, reasons and form fields: UTF-8 text (wide characters take
/// two columns), a cursor, ←/→/Home/End, Backspace/Delete, the readline keys Ctrl-A/E (start,
/// end), Ctrl-U/K (delete to start, to end) and Ctrl-W (delete the word before the cursor),
/// pasted text many characters at once, Enter submits, Esc cancels.
///
/// The text never holds a control character: typed ones are ignored (or are the readline keys),
/// pasted tabs and line breaks become spaces, other pasted controls are dropped.
public struct LineEditor: Equatable, Sendable {
    /// What a key did to the editor.
    public enum Outcome: Equatable, Sendable {
        /// Still editing (the key changed the text or cursor, or was ignored).
        case editing
        /// Enter: the text, without leading and trailing spaces.
        case submitted(String)
        /// Esc.
        case cancelled
    }

    /// The text, by characters (grapheme clusters).
    public private(set) var characters: [Character]
    /// The cursor, as an index into ``characters`` (0 … count).
    public private(set) var cursor: Int
    /// The most characters the text may hold.
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 500) {
        self.maxLength = maxLength
        characters = []
        cursor = 0
        insert(text)
    }

    /// The text as a string.
    public var text: String { String(characters) }

    /// Applies a key.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submitted(text.trimmingSpaces)
        case .escape: return .cancelled
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .char(let c):
            switch c {
            case "\u{01}": cursor = 0                                   // Ctrl-A
            case "\u{05}": cursor = characters.count                    // Ctrl-E
            case "\u{02}": cursor = max(0, cursor - 1)                  // Ctrl-B
            case "\u{06}": cursor = min(characters.count, cursor + 1)   // Ctrl-F
            case "\u{04}": if cursor < characters.count { characters.remove(at: cursor) } // Ctrl-D
            case "\u{15}":                                              // Ctrl-U
                characters.removeSubrange(0..<cursor)
                cursor = 0
            case "\u{0B}": characters.removeSubrange(cursor...)         // Ctrl-K
            case "\u{17}": deleteWordBeforeCursor()                     // Ctrl-W
            default:
                // Other control characters typed are ignored; a character is inserted.
                if !c.unicodeScalars.contains(where: \.isTerminalControl) { insert(String(c)) }
            }
        default:
            break
        }
        return .editing
    }

    /// Inserts `text` at the cursor (a paste): tabs and line breaks become spaces, other control
    /// characters are dropped, and what would pass ``maxLength`` is cut.
    public mutating func insert(_ text: String) {
        var added: [Character] = []
        for c in text {
            guard characters.count + added.count < maxLength else { break }
            if c.unicodeScalars.contains(where: \.isTerminalControl) {
                if c == "\t" || c == "\n" || c == "\r" || c == "\r\n" || c == "\u{2028}" || c == "\u{2029}" { added.append(" ") }
                continue
            }
            added.append(c)
        }
        characters.insert(contentsOf: added, at: cursor)
        cursor += added.count
    }

    /// Ctrl-W: the spaces before the cursor, then the word before them.
    private mutating func deleteWordBeforeCursor() {
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Columns a character takes on a terminal.
    static func columns(_ c: Character) -> Int { terminalWidth(of: String(c)) }

    /// The first character shown when the line is `width` columns wide: the text scrolls so the
    /// cursor (one column past the last character at the end) stays in view.
    public func firstVisible(width: Int) -> Int {
        guard width > 1 else { return cursor }
        var start = cursor
        var used = 1 // the cursor's own cell
        while start > 0 {
            let w = Self.columns(characters[start - 1])
            guard used + w <= width else { break }
            used += w
            start -= 1
        }
        // At the start of a long text, show as much as fits from the beginning.
        return start
    }

    /// Draws the line at (x, y), `width` columns wide, with the cursor in reverse video.
    /// Returns the column of the cursor.
    @discardableResult
    public func draw(x: Int, y: Int, width: Int, style: Style, into grid: inout CellGrid) -> Int {
        guard width > 0 else { return x }
        grid.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let start = firstVisible(width: width)
        var col = 0
        var cursorX = x
        var i = start
        while i <= characters.count {
            if i == cursor { cursorX = x + col }
            guard i < characters.count else { break }
            let w = Self.columns(characters[i])
            guard col + w <= width else { break }
            grid.put(String(characters[i]), x: x + col, y: y, style: i == cursor ? style.with(.reverse) : style, maxWidth: w)
            col += w
            i += 1
        }
        if cursor == characters.count, cursorX < x + width {
            grid.put(" ", x: cursorX, y: y, style: style.with(.reverse), maxWidth: 1)
        }
        return cursorX
    }
}

extension String {
    /// This text without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
