import PantauCore
import PantauUI
import XCTest

final class ThemeTests: XCTestCase {
    let state = Fixtures.state()
    let status = DashboardStatus(mode: .replay(speed: 60), skippedLines: 3)
    let tones: [BandTone] = [.neutral, .good, .moderate, .warning, .danger, .extreme]

    func testTheShippedThemesHaveTheirNames() {
        XCTAssertEqual(Theme.names, ["dark", "light", "high-contrast", "mono"])
        XCTAssertEqual(Theme.named("high-contrast")?.name, "high-contrast")
        XCTAssertEqual(Theme.named("dark")?.allStyles, Theme.dark.allStyles)
        XCTAssertNil(Theme.named("solarized"))
        XCTAssertEqual(Dashboard(layout: Fixtures.layout()).theme.name, "dark", "dark is the default")
    }

    func testEveryThemeKeepsSeveritiesAndBandTonesApart() {
        for theme in Theme.all {
            let severities = (1...5).map { theme.style(forSeverity: $0) }
            XCTAssertEqual(Set(severities).count, 5, "\(theme.name): severities 1...5 share a style")
            let toneStyles = tones.map { theme.style(for: $0) }
            XCTAssertEqual(Set(toneStyles).count, tones.count, "\(theme.name): band tones share a style")
            XCTAssertEqual(theme.style(forSeverity: 0), theme.style(forSeverity: 1))
            XCTAssertEqual(theme.style(forSeverity: 9), theme.style(forSeverity: 5))
            XCTAssertNotEqual(theme.selection, theme.text, "\(theme.name): the selection must show")
            XCTAssertNotEqual(theme.focusedBorder, theme.border, "\(theme.name): focus must show")
        }
    }

    /// What distinguishes styles on a real terminal is what the backend draws: still apart on
    /// 8 and 16 colours, where palette colours collapse.
    func testSeveritiesAndTonesStayApartOnEightAndSixteenColours() {
        for depth in [ColorDepth.eight, .sixteen, .none] {
            let mapper = ColorMapper(depth: depth, defaultColors: true)
            for theme in Theme.all {
                let t = theme.adapted(to: depth)
                let severities = (1...5).map { mapper.resolve(t.style(forSeverity: $0)) }
                XCTAssertEqual(Set(severities.map { "\($0)" }).count, 5, "\(theme.name) at \(depth)")
                let toneStyles = tones.map { mapper.resolve(t.style(for: $0)) }
                XCTAssertEqual(Set(toneStyles.map { "\($0)" }).count, tones.count, "\(theme.name) at \(depth)")
            }
        }
    }

    func testMonoUsesNoColour() {
        for style in Theme.mono.allStyles {
            XCTAssertEqual(style.fg, .default, "\(style)")
            XCTAssertEqual(style.bg, .default, "\(style)")
        }
        var d = Dashboard(layout: Fixtures.layout())
        d.theme = .mono
        let grid = d.render(state: state, status: status, width: 120, height: 40)
        XCTAssertFalse(grid.cells.contains { $0.style.fg != .default || $0.style.bg != .default })
        XCTAssertTrue(grid.cells.contains { $0.style.attributes.contains(.reverse) }, "header and selection in reverse")
    }

    func testHighContrastHasNoGreyOrDimText() {
        for style in Theme.highContrast.allStyles {
            XCTAssertNotEqual(style.fg, .brightBlack, "\(style)")
            XCTAssertFalse(style.attributes.contains(.dim), "\(style)")
        }
        XCTAssertTrue(Theme.highContrast.selection.attributes.contains(.reverse))
    }

    func testLightHasNoPaleTextOnTheTerminalBackground() {
        let pale: Set<Color> = [.white, .brightWhite, .yellow, .brightYellow, .brightCyan, .cyan, .brightGreen]
        for style in Theme.light.allStyles where style.bg == .default {
            XCTAssertFalse(pale.contains(style.fg), "\(style) is hard to read on a light background")
        }
    }

    func testATerminalWithoutColourGetsMonoKeepingASCII() {
        var t = Theme.light
        t.ascii = true
        let adapted = t.adapted(to: .none)
        XCTAssertEqual(adapted.name, "mono")
        XCTAssertTrue(adapted.ascii)
        XCTAssertEqual(t.adapted(to: .eight).name, "light", "8 colours are degraded by the backend instead")
    }

    // MARK: - ASCII

    func testASCIIGlyphs() {
        XCTAssertEqual(Bar.text(fraction: 0.5, width: 4, glyphs: .ascii), "##  ")
        XCTAssertEqual(Bar.text(fraction: 0.35, width: 4, glyphs: .ascii), "#:  ")
        XCTAssertEqual(Sparkline.text([0, 7], width: 5, glyphs: .ascii), "_#")
        XCTAssertEqual(BigDigits.lines("10", glyphs: .ascii), ["     _ ", "  | | |", "  | |_|"])
        XCTAssertEqual(Glyphs.ascii.chrome("↑/k"), "Up/k")
        XCTAssertEqual(Glyphs.ascii.chrome("22 µg/m³ · 30°C"), "22 ug/m3 | 30C")
        XCTAssertEqual(Glyphs.ascii.chrome("Jl. Cikokol–Tangérang"), "Jl. Cikokol-Tangérang", "letters stay")
        XCTAssertEqual(Glyphs.unicode.chrome("↑/k"), "↑/k")
        for g in [Glyphs.ascii] {
            let all = [g.ellipsis, g.rule, g.barFull] + g.barPartials + g.sparkBlocks
                + [g.box.topLeft, g.box.horizontal, g.box.vertical, g.focusedBox.horizontal, g.focusedBox.vertical]
            XCTAssertTrue(all.allSatisfy(\.isASCII))
            XCTAssertTrue(g.bigDigits.values.joined().joined().unicodeScalars.allSatisfy(\.isASCII))
        }
    }

    /// Every cell of ASCII frames is printable ASCII (the fixture's texts are ASCII; its escape
    /// sequence shows as `?`): the dashboard, a paused header, the detail view, the help
    /// overlay, and the wallboard's big digits.
    func testASCIIFramesHoldOnlyASCII() throws {
        var theme = Theme.dark
        theme.ascii = true
        var frames: [(String, CellGrid)] = []
        var d = Dashboard(layout: Fixtures.layout())
        d.theme = theme
        frames.append(("command-center", d.render(state: state, status: status, width: 120, height: 40)))
        let paused = DashboardStatus(mode: .replay(speed: 60), paused: true, skippedLines: 0)
        frames.append(("paused", d.render(state: state, status: paused, width: 120, height: 40)))
        let cut = d.render(state: state, status: status, width: 70, height: 20)
        frames.append(("narrow", cut))
        XCTAssertTrue(cut.text.contains("~"), "cut text ends in ~")
        _ = d.perform(.focusPane(1), state: state)
        _ = d.perform(.moveDown, state: state)
        _ = d.perform(.open, state: state)
        frames.append(("detail", d.render(state: state, status: status, width: 120, height: 40)))
        _ = d.perform(.back, state: state)
        _ = d.perform(.help, state: state)
        frames.append(("help", d.render(state: state, status: status, width: 120, height: 40)))
        for name in ["wallboard", "flood-watch", "supervisor", "traffic-desk"] {
            var w = Dashboard(layout: try XCTUnwrap(ShippedLayouts.named(name)))
            w.theme = theme
            frames.append((name, w.render(state: state, status: DashboardStatus(mode: .live), width: 160, height: 50)))
        }
        for (name, grid) in frames {
            for y in 0..<grid.height {
                let row = grid.row(y)
                XCTAssertTrue(row.unicodeScalars.allSatisfy { $0.isASCII && !$0.isTerminalControl },
                              "\(name) row \(y): \(row)")
            }
        }
    }

    func testASCIICommandCenterFrame() {
        var d = Dashboard(layout: Fixtures.layout())
        d.theme.ascii = true
        d.observe(state)
        let grid = d.render(state: state, status: status, width: 120, height: 40)
        assertSnapshot(grid.text, named: "command-center-ascii-120x40")
        XCTAssertTrue(grid.row(0).contains("Pantau | Kota Tangerang"))
        XCTAssertTrue(grid.row(1).hasPrefix("+- 1 Traffic"), grid.row(1))
        XCTAssertTrue(grid.text.contains("+= 2 Incidents"), "the focused box is drawn with =")
    }
}
