import Foundation
import PantauCore

/// The Pantau incident category of a CAP alert, as the README's "Category mappings" tables
/// state it: the `event` text decides when it names a hazard Pantau knows (Indonesian or
/// English: `gempa`/earthquake, `banjir`/flood, `tanah longsor`/landslide, …); otherwise the
/// first of the info's CAP `category` values that maps to something more specific than
/// `other`.
enum CAPCategory {
    /// Event phrases, in the order they are tried (a flood warning that mentions rain is a
    /// flood; a storm that fells trees is a fallen tree). A phrase matches at the start of a
    /// word, so `banjir` matches `Banjir` and `banjir rob`, `flood` matches `Flooding`.
    static let eventPhrases: [(IncidentCategory, [String])] = [
        (.earthquake, ["gempa", "earthquake", "seismic", "tsunami"]),
        (.landslide, ["tanah longsor", "longsor", "landslide", "mudslide", "debris flow", "tanah bergerak"]),
        (.flood, ["banjir", "genangan", "rob", "flood", "inundation"]),
        (.fire, ["kebakaran", "karhutla", "fire", "wildfire", "bushfire"]),
        (.fallenTree, ["pohon tumbang", "fallen tree", "tree down"]),
        (.weather, ["hujan", "angin", "puting beliung", "petir", "badai", "cuaca", "siklon", "gelombang tinggi",
                    "kabut", "suhu", "rain", "wind", "storm", "thunderstorm", "gale", "cyclone", "typhoon",
                    "hurricane", "tornado", "hail", "fog", "heat", "weather", "lightning"]),
        (.accident, ["kecelakaan", "tabrakan", "accident", "crash", "collision"]),
        (.medical, ["wabah", "penyakit", "outbreak", "epidemic", "pandemic", "disease"]),
    ]

    /// CAP 1.2 `category` values (case-insensitive) → Pantau categories. `Geo` stays `other`
    /// unless the event names an earthquake or a landslide (a volcano, say, keeps its name
    /// in the title); `Env` (pollution) is not weather.
    static func of(capCategory: String) -> IncidentCategory {
        switch capCategory.lowercased() {
        case "met": return .weather
        case "fire": return .fire
        case "safety", "security": return .publicOrder
        case "rescue", "health": return .medical
        case "transport": return .accident
        case "infra": return .infrastructure
        default: return .other // geo, env, cbrne, other
        }
    }

    /// Phrases that match only as whole words (`rob`, a tidal flood, is not `robbery`).
    static let wholeWords: Set<String> = ["rob"]

    /// The category for an `event` text, if a phrase matches.
    static func of(event: String) -> IncidentCategory? {
        let text = " " + words(event).joined(separator: " ") + " "
        for (category, phrases) in eventPhrases {
            for p in phrases where text.contains(wholeWords.contains(p) ? " \(p) " : " " + p) { return category }
        }
        return nil
    }

    /// The category of an alert's info: its event, else its first specific CAP category.
    static func of(event: String?, capCategories: [String]) -> IncidentCategory {
        if let event, let c = of(event: event) { return c }
        return capCategories.lazy.map(of(capCategory:)).first { $0 != .other } ?? .other
    }

    /// Lower-case, accent-free words of a text.
    private static func words(_ text: String) -> [Substring] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
            .split { !$0.isLetter && !$0.isNumber }
    }
}
