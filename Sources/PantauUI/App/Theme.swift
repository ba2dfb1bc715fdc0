import PantauCore

/// The styles the views use, by meaning. Views never pick colours themselves.
public struct Theme: Sendable {
    public var text = Style.plain
    public var dim = Style(fg: .brightBlack)
    public var header = Style(fg: .black, bg: .cyan, attributes: [.bold])
    public var footer = Style(fg: .white, bg: .brightBlack)
    public var footerKey = Style(fg: .brightYellow, bg: .brightBlack, attributes: [.bold])
    public var border = Style(fg: .brightBlack)
    public var focusedBorder = Style(fg: .brightCyan, attributes: [.bold])
    public var title = Style(fg: .white, attributes: [.bold])
    public var focusedTitle = Style(fg: .brightCyan, attributes: [.bold])
    public var columnHeader = Style(fg: .brightBlack, attributes: [.underline])
    public var selection = Style(fg: .black, bg: .cyan)
    public var selectionUnfocused = Style(attributes: [.reverse])
    public var newMarker = Style(fg: .brightYellow, attributes: [.bold, .blink])
    public var warning = Style(fg: .black, bg: .yellow, attributes: [.bold])
    public var accent = Style(fg: .brightCyan)
    /// Draw with ASCII only (`--ascii`): no block, braille or box-drawing glyphs, for fonts
    /// that lack them. Widgets that draw glyphs consult this.
    public var ascii = false

    public init() {}

    /// The dark theme (default).
    public static let dark = Theme()

    /// The style of a band tone: green good, blue moderate, yellow warning, red danger,
    /// inverse magenta for the extreme (ISPU "black" on a dark terminal).
    public func style(for tone: BandTone) -> Style {
        switch tone {
        case .neutral: return dim
        case .good: return Style(fg: .green)
        case .moderate: return Style(fg: .brightBlue)
        case .warning: return Style(fg: .yellow, attributes: [.bold])
        case .danger: return Style(fg: .brightRed, attributes: [.bold])
        case .extreme: return Style(fg: .white, bg: .magenta, attributes: [.bold])
        }
    }

    /// Severity 1…5: dim, plain, yellow, red, white on red.
    public func style(forSeverity s: Int) -> Style {
        switch s {
        case ...1: return dim
        case 2: return text
        case 3: return Style(fg: .yellow, attributes: [.bold])
        case 4: return Style(fg: .brightRed, attributes: [.bold])
        default: return Style(fg: .brightWhite, bg: .red, attributes: [.bold])
        }
    }
}
