/// How many colours a terminal can show, from its `COLORS` capability.
public enum ColorDepth: Sendable, Equatable, CaseIterable {
    /// No colour at all (`has_colors()` false, or fewer than 8): attributes only.
    case none
    /// The 8 ANSI colours (`TERM=xterm`, `linux`, `vt220`…): no bright forms.
    case eight
    /// The 16 basic colours (8 and their bright forms), also 88-colour terminals.
    case sixteen
    /// The xterm 256-colour palette.
    case palette256
    /// Direct colour (`COLORS` ≥ 2²⁴, e.g. `xterm-direct`): colours are packed `0xRRGGBB`.
    case direct

    /// The depth of a terminal with `colors` colours (its `COLORS`; 0 without colour).
    public init(colors: Int) {
        switch colors {
        case ..<8: self = .none
        case 8..<16: self = .eight
        case 16..<256: self = .sixteen
        case 256..<0x100_0000: self = .palette256
        default: self = .direct
        }
    }
}

/// Maps a ``Style`` to the colour numbers and attributes a terminal of a given ``ColorDepth``
/// can show. Pure value logic, no terminal calls: the ncurses backend asks it for each distinct
/// style, and tests check the degradations directly.
///
/// - 256-colour terminals get the palette index unchanged.
/// - 16-colour (and 88-colour) terminals get indices 16…255 as the nearest of the 16 basic
///   colours.
/// - 8-colour terminals get the nearest basic colour, then bright colours (8…15) as their base
///   colour; a bright foreground adds bold (which such terminals traditionally show bright), a
///   bright background just loses its brightness. Bright black (the grey of secondary text) is
///   the exception as a foreground: it becomes the default foreground with dim, because black
///   + bold is invisible on a dark terminal that does not brighten bold text.
/// - Direct-colour terminals get 0…7 unchanged and 8…255 as packed `0xRRGGBB`.
/// - Terminals without colour get attributes only: ``Style/withoutColor``.
/// - The default colour (−1) stays −1 when the terminal supports default colours, else becomes
///   white (foreground) or black (background), ncurses' pair 0.
///
/// A foreground that degrades to the same colour as its background (say bright yellow on
/// yellow on an 8-colour terminal) is swapped for black or white, so text never vanishes.
public struct ColorMapper: Sendable {
    /// A colour the terminal can show, and attributes needed to get close to the asked colour.
    public struct Mapped: Equatable, Sendable {
        /// The terminal colour number (−1 the default colour).
        public var value: Int32
        /// Extra attributes (bold for a bright foreground on 8 colours, dim for grey).
        public var attributes: Style.Attributes

        public init(value: Int32, attributes: Style.Attributes = []) {
            self.value = value
            self.attributes = attributes
        }
    }

    /// What the terminal is asked to draw for a style.
    public struct Resolved: Equatable, Sendable {
        /// Foreground and background colour numbers (meaningless when `usesColor` is false).
        public var fg: Int32
        public var bg: Int32
        /// The attributes to draw with: the style's own plus any the degradation added.
        public var attributes: Style.Attributes
        /// False on terminals without colour: draw with attributes only (colour pair 0).
        public var usesColor: Bool

        public init(fg: Int32, bg: Int32, attributes: Style.Attributes, usesColor: Bool) {
            self.fg = fg
            self.bg = bg
            self.attributes = attributes
            self.usesColor = usesColor
        }
    }

    public let depth: ColorDepth
    /// Whether the terminal accepted `use_default_colors` (−1 allowed in pairs).
    public let defaultColors: Bool

    /// - Parameters:
    ///   - depth: what the terminal can show.
    ///   - defaultColors: whether the terminal's default colours may be used (−1).
    public init(depth: ColorDepth, defaultColors: Bool) {
        self.depth = depth
        self.defaultColors = defaultColors
    }

    /// - Parameters:
    ///   - colors: the terminal's `COLORS` (0 without colour).
    ///   - defaultColors: whether `use_default_colors` succeeded (−1 allowed).
    public init(colors: Int, defaultColors: Bool) {
        self.init(depth: ColorDepth(colors: colors), defaultColors: defaultColors)
    }

    /// The terminal colour for `color`, as a foreground or a background.
    public func map(_ color: Color, foreground: Bool) -> Mapped {
        let index = Int(color.index)
        guard index >= 0, index <= 255 else { return Mapped(value: defaultValue(foreground: foreground)) }
        switch depth {
        case .none:
            return Mapped(value: defaultValue(foreground: foreground))
        case .palette256:
            return Mapped(value: Int32(index))
        case .direct:
            if index < 8 { return Mapped(value: Int32(index)) }
            let (r, g, b) = Self.rgb(of: index)
            return Mapped(value: Int32(r << 16 | g << 8 | b))
        case .sixteen:
            return Mapped(value: Int32(index < 16 ? index : Int(Self.nearest16[index])))
        case .eight:
            let basic = index < 16 ? index : Int(Self.nearest16[index])
            if basic < 8 { return Mapped(value: Int32(basic)) }
            guard foreground else { return Mapped(value: Int32(basic - 8)) }
            if basic == 8 { return Mapped(value: defaultValue(foreground: true), attributes: [.dim]) }
            return Mapped(value: Int32(basic - 8), attributes: [.bold])
        }
    }

    /// Colours and attributes for the whole of `style`.
    public func resolve(_ style: Style) -> Resolved {
        guard depth != .none else {
            return Resolved(fg: defaultValue(foreground: true), bg: defaultValue(foreground: false),
                            attributes: style.withoutColor.attributes, usesColor: false)
        }
        var fg = map(style.fg, foreground: true)
        let bg = map(style.bg, foreground: false)
        if fg.value == bg.value, fg.value >= 0, style.fg != style.bg {
            // Degraded into the background: pick whichever of black and white shows on it.
            fg = Mapped(value: [0, 1, 4, 5].contains(bg.value) || bg.value == 8 ? 7 : 0)
        }
        return Resolved(fg: fg.value, bg: bg.value, attributes: style.attributes.union(fg.attributes), usesColor: true)
    }

    private func defaultValue(foreground: Bool) -> Int32 {
        defaultColors ? -1 : (foreground ? 7 : 0)
    }

    /// For each palette index, the nearest of the 16 basic colours.
    static let nearest16: [Int16] = (0..<256).map { nearestBasic(to: rgb(of: $0)) }

    /// The xterm default RGB of palette index 0…255.
    public static func rgb(of index: Int) -> (Int, Int, Int) {
        switch index {
        case ..<16:
            return basicPalette[max(0, index)]
        case 16..<232:
            let i = index - 16
            let levels = [0, 95, 135, 175, 215, 255]
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        default:
            let v = 8 + 10 * (min(index, 255) - 232)
            return (v, v, v)
        }
    }

    /// The index (0…15) of the basic colour nearest to `rgb` (weighted RGB distance).
    public static func nearestBasic(to rgb: (Int, Int, Int)) -> Int16 {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in basicPalette.enumerated() {
            let dr = rgb.0 - c.0, dg = rgb.1 - c.1, db = rgb.2 - c.2
            let d = 2 * dr * dr + 4 * dg * dg + 3 * db * db
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return Int16(best)
    }

    /// xterm's default RGB for the 16 basic colours.
    static let basicPalette: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}

extension Style {
    /// This style for a terminal without colour: colours dropped, meaning kept by attributes.
    /// A coloured background (a highlight: header, selection, warning) becomes reverse video;
    /// grey (bright black) text becomes dim.
    public var withoutColor: Style {
        var a = attributes
        if bg != .default, bg != .black { a.formSymmetricDifference(.reverse) }
        if fg == .brightBlack, bg == .default { a.insert(.dim) }
        return Style(attributes: a)
    }
}
