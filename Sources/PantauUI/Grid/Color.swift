/// A terminal colour: the terminal's default, or an index in the 256-colour palette
/// (0–7 the ANSI colours, 8–15 their bright forms). The backend degrades indexes the
/// terminal cannot show.
public struct Color: Hashable, Sendable {
    /// -1 for the terminal's default colour, else 0…255.
    public var index: Int16

    public init(index: Int16) { self.index = index }

    public static let `default` = Color(index: -1)
    public static let black = Color(index: 0)
    public static let red = Color(index: 1)
    public static let green = Color(index: 2)
    public static let yellow = Color(index: 3)
    public static let blue = Color(index: 4)
    public static let magenta = Color(index: 5)
    public static let cyan = Color(index: 6)
    public static let white = Color(index: 7)
    public static let brightBlack = Color(index: 8)
    public static let brightRed = Color(index: 9)
    public static let brightGreen = Color(index: 10)
    public static let brightYellow = Color(index: 11)
    public static let brightBlue = Color(index: 12)
    public static let brightMagenta = Color(index: 13)
    public static let brightCyan = Color(index: 14)
    public static let brightWhite = Color(index: 15)
}
