import PantauUI
import XCTest

final class ColorDepthTests: XCTestCase {
    func testDepthFromColours() {
        XCTAssertEqual(ColorDepth(colors: 0), .none)
        XCTAssertEqual(ColorDepth(colors: 2), .none)
        XCTAssertEqual(ColorDepth(colors: 8), .eight)
        XCTAssertEqual(ColorDepth(colors: 16), .sixteen)
        XCTAssertEqual(ColorDepth(colors: 88), .sixteen)
        XCTAssertEqual(ColorDepth(colors: 256), .palette256)
        XCTAssertEqual(ColorDepth(colors: 0x100_0000), .direct)
    }

    func testTwoHundredFiftySixColoursKeepTheIndex() {
        let m = ColorMapper(colors: 256, defaultColors: true)
        XCTAssertEqual(m.map(Color(index: 136), foreground: true), .init(value: 136))
        XCTAssertEqual(m.map(.brightBlack, foreground: true), .init(value: 8))
        XCTAssertEqual(m.map(.default, foreground: true), .init(value: -1))
    }

    func testSixteenColoursTakeTheNearestBasicColour() {
        let m = ColorMapper(colors: 16, defaultColors: true)
        XCTAssertEqual(m.map(Color(index: 136), foreground: true).value, 3, "amber: yellow")
        XCTAssertEqual(m.map(Color(index: 28), foreground: true).value, 2, "dark green: green")
        XCTAssertEqual(m.map(Color(index: 160), foreground: true).value, 1, "dark red: red")
        XCTAssertEqual(m.map(Color(index: 196), foreground: true).value, 9, "pure red: bright red")
        XCTAssertEqual(m.map(.brightRed, foreground: true), .init(value: 9))
    }

    func testEightColoursTurnBrightIntoBaseAndBold() {
        let m = ColorMapper(colors: 8, defaultColors: true)
        XCTAssertEqual(m.map(.brightRed, foreground: true), .init(value: 1, attributes: [.bold]))
        XCTAssertEqual(m.map(.brightRed, foreground: false), .init(value: 1), "a bright background just loses brightness")
        XCTAssertEqual(m.map(.red, foreground: true), .init(value: 1))
        XCTAssertEqual(m.map(Color(index: 196), foreground: true), .init(value: 1, attributes: [.bold]))
        // Grey text: the default colour, dimmed (black + bold vanishes on a dark terminal).
        XCTAssertEqual(m.map(.brightBlack, foreground: true), .init(value: -1, attributes: [.dim]))
        XCTAssertEqual(m.map(.brightBlack, foreground: false), .init(value: 0))
        let noDefaults = ColorMapper(colors: 8, defaultColors: false)
        XCTAssertEqual(noDefaults.map(.brightBlack, foreground: true), .init(value: 7, attributes: [.dim]))
        XCTAssertEqual(noDefaults.map(.default, foreground: true).value, 7)
        XCTAssertEqual(noDefaults.map(.default, foreground: false).value, 0)
    }

    func testResolvedStylesKeepTheirAttributesAndNeverVanish() {
        let m = ColorMapper(colors: 8, defaultColors: true)
        let r = m.resolve(Style(fg: .brightYellow, bg: .brightBlack, attributes: [.underline]))
        XCTAssertEqual(r, .init(fg: 3, bg: 0, attributes: [.underline, .bold], usesColor: true))
        // Bright yellow on yellow degrades to yellow on yellow: the text turns black instead.
        let clash = m.resolve(Style(fg: .brightYellow, bg: .yellow))
        XCTAssertEqual(clash.bg, 3)
        XCTAssertEqual(clash.fg, 0)
        for depth in [ColorDepth.eight, .sixteen, .palette256] {
            let mapper = ColorMapper(depth: depth, defaultColors: false)
            for theme in Theme.all {
                for style in theme.allStyles where style.fg != style.bg {
                    let resolved = mapper.resolve(style)
                    XCTAssertNotEqual(resolved.fg, resolved.bg, "\(theme.name) \(style) at \(depth)")
                }
            }
        }
    }

    func testNoColourMeansAttributesOnly() {
        let m = ColorMapper(colors: 0, defaultColors: false)
        let selection = m.resolve(Theme.dark.selection)
        XCTAssertFalse(selection.usesColor)
        XCTAssertEqual(selection.attributes, [.reverse], "a highlight becomes reverse video")
        XCTAssertEqual(m.resolve(Theme.dark.header).attributes, [.bold, .reverse])
        XCTAssertEqual(m.resolve(Theme.dark.dim).attributes, [.dim])
        XCTAssertEqual(m.resolve(Theme.dark.style(for: .danger)).attributes, [.bold])
        XCTAssertEqual(Theme.dark.selectionUnfocused.withoutColor, Theme.dark.selectionUnfocused)
    }

    func testDirectColourPacksRGB() {
        let m = ColorMapper(colors: 0x100_0000, defaultColors: true)
        XCTAssertEqual(m.map(Color(index: 196), foreground: true).value, 0xFF0000)
        XCTAssertEqual(m.map(.red, foreground: true).value, 1)
    }
}
