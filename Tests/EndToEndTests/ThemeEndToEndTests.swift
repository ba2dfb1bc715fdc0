import Foundation
import XCTest

/// Themes, NO_COLOR, colour depth and --ascii on the real binary in tmux, read back with the
/// colours tmux recorded for each cell (`capture-pane -e`).
final class ThemeEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    /// `pantau ARGS` in tmux with the given environment (TERM included), kept alive after it
    /// exits so a crash leaves its message on screen.
    func start(_ args: String, env: String) throws -> TmuxSession {
        try TmuxSession(command: "env -u NO_COLOR \(env) sh -c \"'\(PantauBinary.url.path)' \(args); echo EXITED=\\$?; sleep 60\"")
    }

    /// Waits for the whole first frame: header, all four panes, data rows and the footer.
    @discardableResult
    func waitForFrame(_ tmux: TmuxSession) throws -> String {
        try tmux.waitFor("the first whole frame") {
            $0.contains("Kota Tangerang") && $0.contains("WIB") && $0.contains("Traffic") && $0.contains("Sensors")
                && $0.contains("Tickets") && $0.contains("Pintu Air Sepuluh") && $0.contains("quit")
        }
    }

    /// The SGR parameters on screen that set a colour: 30–37, 40–47, 90–97, 100–107 and the
    /// extended 38/48 forms (39/49, the default colours, are not colours).
    func colourParameters(_ screen: String) -> [String] {
        var found: [String] = []
        var rest = Substring(screen)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !("0"..."9").contains($0) && $0 != ";" && $0 != ":" }) else { break }
            if rest[end] == "m" {
                for p in rest[..<end].split(whereSeparator: { $0 == ";" || $0 == ":" }) {
                    guard let n = Int(p) else { continue }
                    if (30...38).contains(n) || (40...48).contains(n) || (90...97).contains(n) || (100...107).contains(n) {
                        found.append(String(p))
                    }
                }
            }
            rest = rest[end...]
        }
        return found
    }

    func testNoColorGivesAFrameWithoutColourUnlessAThemeIsAsked() throws {
        let tmux = try start("demo --from 17:30", env: "TERM=xterm-256color NO_COLOR=1")
        try waitForFrame(tmux)
        let screen = try tmux.captureWithEscapes()
        XCTAssertTrue(screen.contains("\u{1B}["), "attributes still drawn: \(screen.prefix(200))")
        XCTAssertEqual(colourParameters(screen), [], "no colour under NO_COLOR")
        XCTAssertFalse(screen.contains("38;5") || screen.contains("48;5"))

        let explicit = try start("demo --from 17:30 --theme light", env: "TERM=xterm-256color NO_COLOR=1")
        try waitForFrame(explicit)
        XCTAssertFalse(colourParameters(try explicit.captureWithEscapes()).isEmpty, "--theme wins over NO_COLOR")
    }

    func testEightColourTerminalsGetBasicColoursOnly() throws {
        let tmux = try start("demo --from 17:30", env: "TERM=xterm")
        let frame = try waitForFrame(tmux)
        XCTAssertFalse(frame.contains("EXITED="), frame)
        let colours = colourParameters(try tmux.captureWithEscapes())
        XCTAssertFalse(colours.isEmpty)
        let basic = colours.allSatisfy { Int($0).map { (30...37).contains($0) || (40...47).contains($0) } ?? false }
        XCTAssertTrue(basic, "only the 8 basic colours on TERM=xterm: \(Set(colours).sorted())")
    }

    func testEveryThemeDrawsOnTwoHundredFiftySixColours() throws {
        for theme in ["dark", "light", "high-contrast", "mono"] {
            let tmux = try start("demo --from 17:30 --theme \(theme)", env: "TERM=tmux-256color")
            let frame = try waitForFrame(tmux)
            XCTAssertFalse(frame.contains("EXITED="), "\(theme): \(frame)")
            let colours = colourParameters(try tmux.captureWithEscapes())
            XCTAssertEqual(colours.isEmpty, theme == "mono", theme)
        }
    }

    func testASCIIShowsNoBoxDrawingBlockOrBrailleGlyphs() throws {
        let tmux = try start("demo --from 17:30 --ascii", env: "TERM=xterm-256color")
        let screen = try waitForFrame(tmux)
        XCTAssertTrue(screen.contains("Pantau | Kota Tangerang"), screen)
        XCTAssertTrue(screen.contains("+- 1 Traffic"), screen)
        let chrome: Set<Unicode.Scalar> = ["●", "▶", "❚", "■", "·", "›", "…", "↑", "↓", "≥", "≤", "µ", "³"]
        let bad = screen.unicodeScalars.filter {
            (0x2500...0x259F).contains($0.value) || (0x2800...0x28FF).contains($0.value) || chrome.contains($0)
        }
        XCTAssertTrue(bad.isEmpty, "non-ASCII chrome: \(String(String.UnicodeScalarView(bad)))\n\(screen)")
    }

    func testAWrongThemeNameListsTheValidOnes() throws {
        let r = try PantauBinary.run(["demo", "--theme", "solarized"])
        XCTAssertNotEqual(r.status, 0)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        for name in ["dark", "light", "high-contrast", "mono"] { XCTAssertTrue(r.stderr.contains("'\(name)'"), r.stderr) }
    }

    func testSnapshotAcceptsTheDisplayFlags() throws {
        let r = try PantauBinary.run(["snapshot", "--at", "17:30", "--ascii", "--theme", "mono"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Pantau | Kota Tangerang"))
        XCTAssertFalse(r.stdout.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) }, r.stdout)
    }
}

extension TmuxSession {
    /// The visible screen with its colours and attributes as SGR escape sequences.
    func captureWithEscapes() throws -> String {
        try Self.shell(["tmux", "capture-pane", "-e", "-p", "-t", name]).output
    }
}
