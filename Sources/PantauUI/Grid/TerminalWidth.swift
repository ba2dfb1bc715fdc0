extension Unicode.Scalar {
    /// Columns this scalar takes on a terminal: 0 for combining marks and zero-width
    /// characters, 2 for East Asian wide and fullwidth characters and emoji, else 1.
    /// Control characters never reach the grid (they are replaced first).
    public var terminalWidth: Int {
        let v = value
        if v < 0x300 { return 1 }
        if v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF { return 0 }
        if (0xFE00...0xFE0F).contains(v) { return 0 }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v) || (0x1F680...0x1F6FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Whether this is a control character (C0, DEL, C1) or a line/paragraph separator: feed
    /// text of this kind is shown as a visible replacement, never sent to the terminal.
    public var isTerminalControl: Bool {
        value < 0x20 || (value >= 0x7F && value < 0xA0) || value == 0x2028 || value == 0x2029
    }
}

/// Columns `text` takes on a terminal.
public func terminalWidth(of text: String) -> Int {
    var w = 0
    for s in text.unicodeScalars { w += s.isTerminalControl ? 1 : s.terminalWidth }
    return w
}
