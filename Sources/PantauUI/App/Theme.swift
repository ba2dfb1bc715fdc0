import PantauCore

/// The styles the views use, by meaning. Views never pick colours themselves.
///
/// Four themes ship (``all``): ``dark`` (the default, for dark terminals), ``light`` (for light
/// backgrounds), ``highContrast`` (bold, bright, no grey) and ``mono`` (no colour at all:
/// attributes only, for `NO_COLOR` and terminals without colour). In every theme the band
/// tones and severities 1…5 stay distinguishable, and the panes also spell them out in words or
/// symbols, so no meaning rests on colour alone.
public struct Theme: Sendable {
    /// The theme's name, as `--theme` takes it.
    public var name = "dark"
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
    /// Band tones, indexed by `BandTone.rawValue` (neutral, good, moderate, warning, danger,
    /// extreme): green good, blue moderate, yellow warning, red danger, inverse magenta for the
    /// extreme (ISPU "black" on a dark terminal). Neutral is ``dim``.
    public var tones: [Style] = [
        Style(fg: .brightBlack),
        Style(fg: .green),
        Style(fg: .brightBlue),
        Style(fg: .yellow, attributes: [.bold]),
        Style(fg: .brightRed, attributes: [.bold]),
        Style(fg: .white, bg: .magenta, attributes: [.bold]),
    ]
    /// Severities 1…5 (index 0 is severity 1): dim, plain, yellow, red, white on red.
    public var severities: [Style] = [
        Style(fg: .brightBlack),
        Style.plain,
        Style(fg: .yellow, attributes: [.bold]),
        Style(fg: .brightRed, attributes: [.bold]),
        Style(fg: .brightWhite, bg: .red, attributes: [.bold]),
    ]
    /// Draw with ASCII only (`--ascii`): no block, braille or box-drawing glyphs, for fonts
    /// that lack them. Widgets that draw glyphs consult this (or ``glyphs``).
    public var ascii = false

    /// The dark theme's styles.
    public init() {}

    /// The language of Pantau's own labels (`--lang`).
    public var language = Language.en

    /// `english`, one of Pantau's labels, in ``language``.
    public func t(_ english: String) -> String { Words.translate(english, to: language) }

    /// The symbols to draw chrome with: ASCII when ``ascii`` is set.
    public var glyphs: Glyphs { ascii ? .ascii : .unicode }

    /// The dark theme (default): for terminals with a dark background.
    public static let dark = Theme()

    /// For terminals with a light background: dark text, no white or yellow text, titles in the
    /// default (dark) colour. Where the terminal has 256 colours, darker greens and ambers
    /// (palette 28, 136) keep the bands readable on white; they degrade to green and yellow.
    public static let light: Theme = {
        var t = Theme()
        t.name = "light"
        let darkGreen = Color(index: 28), amber = Color(index: 136), darkRed = Color(index: 160)
        t.dim = Style(fg: .brightBlack)
        t.header = Style(fg: .brightWhite, bg: .blue, attributes: [.bold])
        t.footer = Style(fg: .black, bg: .white)
        t.footerKey = Style(fg: .blue, bg: .white, attributes: [.bold])
        t.border = Style(fg: .brightBlack)
        t.focusedBorder = Style(fg: .blue, attributes: [.bold])
        t.title = Style(attributes: [.bold])
        t.focusedTitle = Style(fg: .blue, attributes: [.bold])
        t.columnHeader = Style(fg: .brightBlack, attributes: [.underline])
        t.selection = Style(fg: .black, bg: .brightCyan)
        t.selectionUnfocused = Style(attributes: [.reverse])
        t.newMarker = Style(fg: .magenta, attributes: [.bold, .blink])
        t.warning = Style(fg: .black, bg: .brightYellow, attributes: [.bold])
        t.accent = Style(fg: .blue)
        t.tones = [
            t.dim,
            Style(fg: darkGreen),
            Style(fg: .blue),
            Style(fg: amber, attributes: [.bold]),
            Style(fg: darkRed, attributes: [.bold]),
            Style(fg: .brightWhite, bg: .magenta, attributes: [.bold]),
        ]
        t.severities = [
            t.dim,
            Style.plain,
            Style(fg: amber, attributes: [.bold]),
            Style(fg: darkRed, attributes: [.bold]),
            Style(fg: .brightWhite, bg: .red, attributes: [.bold]),
        ]
        return t
    }()

    /// Bold and bright for glare and low vision: no grey text, reverse-video selection, every
    /// alarm bold.
    public static let highContrast: Theme = {
        var t = Theme()
        t.name = "high-contrast"
        t.text = Style(fg: .brightWhite)
        t.dim = Style(fg: .white)
        t.header = Style(fg: .black, bg: .brightCyan, attributes: [.bold])
        t.footer = Style(fg: .black, bg: .white)
        t.footerKey = Style(fg: .black, bg: .brightYellow, attributes: [.bold])
        t.border = Style(fg: .white)
        t.focusedBorder = Style(fg: .brightYellow, attributes: [.bold])
        t.title = Style(fg: .brightWhite, attributes: [.bold])
        t.focusedTitle = Style(fg: .brightYellow, attributes: [.bold, .underline])
        t.columnHeader = Style(fg: .brightWhite, attributes: [.bold, .underline])
        t.selection = Style(attributes: [.reverse, .bold])
        t.selectionUnfocused = Style(attributes: [.reverse])
        t.newMarker = Style(fg: .brightYellow, attributes: [.bold, .blink])
        t.warning = Style(fg: .black, bg: .brightYellow, attributes: [.bold])
        t.accent = Style(fg: .brightCyan, attributes: [.bold])
        t.tones = [
            Style(fg: .white),
            Style(fg: .brightGreen, attributes: [.bold]),
            Style(fg: .brightCyan, attributes: [.bold]),
            Style(fg: .brightYellow, attributes: [.bold]),
            Style(fg: .brightRed, attributes: [.bold]),
            Style(fg: .brightWhite, bg: .magenta, attributes: [.bold]),
        ]
        t.severities = [
            Style(fg: .white),
            Style(fg: .brightWhite),
            Style(fg: .brightYellow, attributes: [.bold]),
            Style(fg: .brightRed, attributes: [.bold]),
            Style(fg: .brightWhite, bg: .red, attributes: [.bold]),
        ]
        return t
    }()

    /// No colour at all (`NO_COLOR`, terminals without colour): everything is told apart by
    /// attributes. Tones and severities climb from dim through plain, underline and bold to
    /// reverse video; the selection is reverse (bold where focused); the focused box is bold.
    public static let mono: Theme = {
        var t = Theme()
        t.name = "mono"
        t.text = .plain
        t.dim = Style(attributes: [.dim])
        t.header = Style(attributes: [.reverse, .bold])
        t.footer = Style(attributes: [.reverse])
        t.footerKey = Style(attributes: [.reverse, .bold])
        t.border = .plain
        t.focusedBorder = Style(attributes: [.bold])
        t.title = Style(attributes: [.bold])
        t.focusedTitle = Style(attributes: [.bold, .underline])
        t.columnHeader = Style(attributes: [.underline])
        t.selection = Style(attributes: [.reverse, .bold])
        t.selectionUnfocused = Style(attributes: [.reverse])
        t.newMarker = Style(attributes: [.bold, .blink])
        t.warning = Style(attributes: [.reverse, .bold])
        t.accent = Style(attributes: [.bold])
        t.tones = [
            t.dim,
            .plain,
            Style(attributes: [.underline]),
            Style(attributes: [.bold]),
            Style(attributes: [.bold, .underline]),
            Style(attributes: [.reverse, .bold]),
        ]
        t.severities = [
            t.dim,
            .plain,
            Style(attributes: [.bold]),
            Style(attributes: [.bold, .underline]),
            Style(attributes: [.reverse, .bold]),
        ]
        return t
    }()

    /// Every shipped theme, the default first.
    public static let all: [Theme] = [.dark, .light, .highContrast, .mono]

    /// The shipped theme called `name` (`dark`, `light`, `high-contrast`, `mono`), or nil.
    public static func named(_ name: String) -> Theme? {
        all.first { $0.name == name }
    }

    /// The names of the shipped themes, the default first.
    public static var names: [String] { all.map(\.name) }

    /// This theme for a terminal of `depth`: ``mono`` (keeping ``ascii``) where the terminal
    /// has no colour, since colour-only distinctions would vanish there; itself otherwise
    /// (the backend degrades colours for 8 and 16 colours).
    public func adapted(to depth: ColorDepth) -> Theme {
        guard depth == .none, name != Theme.mono.name else { return self }
        var t = Theme.mono
        t.ascii = ascii
        t.language = language
        return t
    }

    /// Every style this theme holds (tests, previews).
    public var allStyles: [Style] {
        [text, dim, header, footer, footerKey, border, focusedBorder, title, focusedTitle, columnHeader,
         selection, selectionUnfocused, newMarker, warning, accent] + tones + severities
    }

    /// The style of a band tone (see ``tones``).
    public func style(for tone: BandTone) -> Style {
        tones.indices.contains(tone.rawValue) ? tones[tone.rawValue] : dim
    }

    /// The style of severity 1…5 (see ``severities``); below 1 counts as 1, above 5 as 5.
    public func style(forSeverity s: Int) -> Style {
        guard !severities.isEmpty else { return text }
        return severities[min(severities.count - 1, max(1, s) - 1)]
    }
}
