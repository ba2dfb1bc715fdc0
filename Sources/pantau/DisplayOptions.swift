import ArgumentParser
import Foundation
import PantauUI

/// The names `--theme` takes; a wrong one is refused with the list of these.
enum ThemeChoice: String, CaseIterable, ExpressibleByArgument {
    case dark, light
    case highContrast = "high-contrast"
    case mono

    var theme: Theme { Theme.named(rawValue) ?? .dark }
}

extension Language: ExpressibleByArgument {}

/// How the dashboard looks and speaks: `--theme`, `--ascii` and `--lang`, shared by demo,
/// replay, run and snapshot.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Colours: dark (default), light (light-background terminals), high-contrast, or mono (no colour; the default when NO_COLOR is set).",
        valueName: "name"))
    var theme: ThemeChoice?

    @Flag(help: "Draw with ASCII only: no box-drawing, block or braille glyphs (for fonts that lack them).")
    var ascii = false

    @Option(help: ArgumentHelp(
        "Language of Pantau's labels: id (Bahasa Indonesia) or en (English). Default: from LC_ALL, LC_MESSAGES or LANG (id_* gives id). Feed text and official band names (ISPU, Siaga) stay as they are.",
        valueName: "lang"))
    var lang: Language?

    /// The theme to draw with: `--theme` when given, else mono when `NO_COLOR` is set and not
    /// empty (https://no-color.org), else dark; with ASCII glyphs under `--ascii`.
    func resolvedTheme(environment: [String: String] = ProcessInfo.processInfo.environment) -> Theme {
        var t: Theme
        if let theme {
            t = theme.theme
        } else if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            t = .mono
        } else {
            t = .dark
        }
        t.ascii = ascii
        t.language = lang ?? Language.fromEnvironment(environment)
        return t
    }
}
