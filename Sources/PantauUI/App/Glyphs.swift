/// The symbols Pantau draws around the data (borders, bars, markers, separators), in one of two
/// sets: ``unicode`` (block, box-drawing and geometric glyphs) and ``ascii`` for fonts and
/// terminals that lack them (`--ascii`). Views take them from ``Theme/glyphs``; text that comes
/// from the feed (street names, titles) is data and is never translated.
public struct Glyphs: Sendable, Equatable {
    /// Box corners and lines: top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    public struct BoxLines: Sendable, Equatable {
        public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: Unicode.Scalar
    }

    /// The border of an unfocused box: `┌─┐│└┘` or `+-+|++`.
    public var box: BoxLines
    /// The border of the focused box: heavy `┏━┓┃┗┛`, or `+=+|++` in ASCII.
    public var focusedBox: BoxLines
    /// A horizontal rule inside a pane: `─` or `-`.
    public var rule: Unicode.Scalar
    /// Cut text ends in this (one cell): `…` or `~`.
    public var ellipsis: Unicode.Scalar
    /// Between items of a line of chrome, with its spaces: ` · ` or ` | `.
    public var separator: String
    /// Between breadcrumbs: ` › ` or ` > `.
    public var breadcrumb: String
    /// The new-incident and live marker: `●` or `*`.
    public var bullet: String
    /// Someone at another console is on this (an incidents row, a detail view): `◐` or `@`.
    public var presence: String
    /// Replay running, paused, ended: `▶` `❚❚` `■` or `>` `||` `[]`.
    public var play, pause, stop: String
    /// Severity pips, filled and empty: `■■■··` or `###..`.
    public var severityOn, severityOff: Character
    /// `≥` / `≤`, or `>=` / `<=`.
    public var atLeast, atMost: String
    /// A bar's full cell and its partial cells for 0…7 eighths (index 0 is a blank).
    public var barFull: Unicode.Scalar
    public var barPartials: [Unicode.Scalar]
    /// Sparkline levels, lowest to highest (eight).
    public var sparkBlocks: [Unicode.Scalar]
    /// Big digits for KPI tiles: three rows of three cells per character.
    public var bigDigits: [Character: [String]]
    /// Whether this is the ASCII set.
    public var isASCII: Bool

    /// Block, box-drawing and geometric glyphs (the default).
    public static let unicode = Glyphs(
        box: BoxLines(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│"),
        focusedBox: BoxLines(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃"),
        rule: "─", ellipsis: "…", separator: " · ", breadcrumb: " › ", bullet: "●", presence: "◐",
        play: "▶", pause: "❚❚", stop: "■", severityOn: "■", severityOff: "·", atLeast: "≥", atMost: "≤",
        barFull: "█", barPartials: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        sparkBlocks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        bigDigits: [
            "0": ["█▀█", "█ █", "▀▀▀"], "1": [" ▀█", "  █", "  ▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"],
            "3": ["▀▀█", " ▀█", "▀▀▀"], "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"],
            "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"], "8": ["█▀█", "█▀█", "▀▀▀"],
            "9": ["█▀█", "▀▀█", "▀▀▀"], "-": ["   ", "▀▀▀", "   "],
        ],
        isASCII: false)

    /// Printable ASCII only: `+-|` boxes, `#` bars, seven-segment digits.
    public static let ascii = Glyphs(
        box: BoxLines(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|"),
        focusedBox: BoxLines(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "=", vertical: "|"),
        rule: "-", ellipsis: "~", separator: " | ", breadcrumb: " > ", bullet: "*", presence: "@",
        play: ">", pause: "||", stop: "[]", severityOn: "#", severityOff: ".", atLeast: ">=", atMost: "<=",
        barFull: "#", barPartials: [" ", ".", ".", ":", ":", ":", "=", "="],
        sparkBlocks: ["_", ".", ",", "-", "~", "=", "*", "#"],
        bigDigits: [
            "0": [" _ ", "| |", "|_|"], "1": ["   ", "  |", "  |"], "2": [" _ ", " _|", "|_ "],
            "3": [" _ ", " _|", " _|"], "4": ["   ", "|_|", "  |"], "5": [" _ ", "|_ ", " _|"],
            "6": [" _ ", "|_ ", "|_|"], "7": [" _ ", "  |", "  |"], "8": [" _ ", "|_|", "|_|"],
            "9": [" _ ", "|_|", " _|"], "-": ["   ", " _ ", "   "],
        ],
        isASCII: true)

    /// Replacements for the symbols that strings composed by Pantau (units, key labels, timeline
    /// lines) may hold, when drawing ASCII only.
    static let asciiFold: [Unicode.Scalar: String] = [
        "·": "|", "›": ">", "…": "...", "→": "->", "←": "<-", "↑": "Up", "↓": "Down",
        "≥": ">=", "≤": "<=", "—": "-", "–": "-", "µ": "u", "³": "3", "²": "2", "°": "",
        "■": "#", "●": "*", "◐": "@", "▶": ">", "❚": "|", "─": "-", "×": "x", "⚠": "!",
    ]

    /// `text` with the symbols above spelled in ASCII when this is the ASCII set; unchanged
    /// otherwise. For chrome Pantau composes (units, labels, key names), not for feed text:
    /// letters outside ASCII (a street's `é`) are left alone.
    public func chrome(_ text: String) -> String {
        guard isASCII, text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if let r = Self.asciiFold[s] { out += r } else { out.unicodeScalars.append(s) }
        }
        return out
    }
}
