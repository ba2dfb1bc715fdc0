/// A key press (or a terminal event that arrives like one), independent of ncurses.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace
    /// The Delete key (delete the character under the cursor).
    case delete
    /// A mouse button press or wheel step at a cell.
    case mouse(MouseEvent)
    /// The terminal changed size.
    case resize
}

/// A mouse event in grid coordinates.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
