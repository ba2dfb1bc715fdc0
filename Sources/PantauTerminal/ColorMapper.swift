import PantauUI

/// Maps a ``Color`` (terminal default, or an index in the xterm 256-colour palette) to a
/// colour number the current terminal can show. Pure value logic, no ncurses calls.
///
/// - 256-colour terminals get the index unchanged.
/// - 16-colour (and 88-colour) terminals get indices 16…255 as the nearest of the 16 basic
///   colours.
/// - 8-colour terminals get the nearest of the 16 basic colours, then bright colours
///   (8…15) as their normal form; a bright foreground also asks for bold, which such
///   terminals traditionally show as the bright colour.
/// - Direct-colour terminals (`COLORS` ≥ 2²⁴, e.g. `xterm-direct`) get 0…7 unchanged and
///   8…255 as packed `0xRRGGBB`.
/// - The default colour (−1) stays −1 when the terminal supports default colours, else
///   becomes white (foreground) or black (background), ncurses' pair 0.
struct ColorMapper {
    /// A colour the terminal can show, and whether the foreground should be bold to get it.
    struct Mapped: Equatable {
        var value: Int32
        var bold: Bool
    }

    enum Depth: Equatable {
        case none, eight, sixteen, palette256, direct
    }

    let depth: Depth
    let defaultColors: Bool
    /// For each palette index, the nearest of the 16 basic colours.
    private let nearest16: [Int16]

    /// - Parameters:
    ///   - colors: the terminal's `COLORS` (0 without colour).
    ///   - defaultColors: whether `use_default_colors` succeeded (−1 allowed).
    init(colors: Int, defaultColors: Bool) {
        switch colors {
        case ..<8: depth = .none
        case 8..<16: depth = .eight
        case 16..<256: depth = .sixteen
        case 256..<0x100_0000: depth = .palette256
        default: depth = .direct
        }
        self.defaultColors = defaultColors
        nearest16 = (0..<256).map { Self.nearestBasic(to: Self.rgb(of: $0)) }
    }

    /// The terminal colour for `color`, as a foreground or a background.
    func map(_ color: Color, foreground: Bool) -> Mapped {
        let index = Int(color.index)
        guard index >= 0, index <= 255 else {
            return Mapped(value: defaultColors ? -1 : (foreground ? 7 : 0), bold: false)
        }
        switch depth {
        case .none:
            return Mapped(value: foreground ? 7 : 0, bold: false)
        case .palette256:
            return Mapped(value: Int32(index), bold: false)
        case .direct:
            if index < 8 { return Mapped(value: Int32(index), bold: false) }
            let (r, g, b) = Self.rgb(of: index)
            return Mapped(value: Int32(r << 16 | g << 8 | b), bold: false)
        case .sixteen:
            return Mapped(value: Int32(index < 16 ? index : Int(nearest16[index])), bold: false)
        case .eight:
            let basic = index < 16 ? index : Int(nearest16[index])
            if basic < 8 { return Mapped(value: Int32(basic), bold: false) }
            return Mapped(value: Int32(basic - 8), bold: foreground)
        }
    }

    /// The xterm default RGB of palette index 0…255.
    static func rgb(of index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            return basicPalette[index]
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
    static func nearestBasic(to rgb: (Int, Int, Int)) -> Int16 {
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
