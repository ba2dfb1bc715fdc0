import Foundation
import PantauCore

/// The `:` command line: the text being typed, what Tab can complete it to, and the commands
/// it understands (`:layout flood-watch`, `:filter district=Periuk`, `:speed 120`, …).
///
/// A pure value: the dashboard feeds it keys and asks it for candidates; running a command is
/// the dashboard's job.
public struct CommandPrompt: Sendable, Equatable {
    /// What has been typed after the colon.
    public var text = ""
    /// The completions Tab found last, shown above the prompt when there are several.
    public var candidates: [String] = []

    public init(text: String = "") { self.text = text }

    /// The commands, with a line of help each.
    public static let commands: [(name: String, usage: String)] = [
        ("layout", "layout NAME|FILE   switch to a layout"),
        ("filter", "filter KEY=VALUE…  narrow the focused pane (district, category, min_severity, agency, sensor_kind); no argument clears"),
        ("speed", "speed X            replay speed (1 = real time)"),
        ("sort", "sort COLUMN [desc]  sort the focused table"),
        ("find", "find TEXT          filter the focused table's rows by text (like /)"),
        ("theme", "theme NAME         dark, light, high-contrast, mono"),
        ("zoom", "zoom               zoom the focused pane / back"),
        ("rewind", "rewind TIME        show the city at HH:MM, HH:MM:SS or an RFC 3339 time"),
        ("live", "live               back from a rewound moment to live"),
        ("sources", "sources            show the data sources"),
        ("help", "help               show the keys"),
        ("quit", "quit               quit Pantau"),
    ]

    /// The keys `:filter` takes.
    public static let filterKeys = ["district", "category", "min_severity", "agency", "sensor_kind"]

    /// What the words being completed can be, given the dashboard's world.
    public struct Vocabulary: Sendable {
        public var layouts: [String] = []
        public var themes: [String] = []
        public var agencies: [String] = []
        public var columns: [String] = []

        public init(layouts: [String] = [], themes: [String] = [], agencies: [String] = [], columns: [String] = []) {
            self.layouts = layouts
            self.themes = themes
            self.agencies = agencies
            self.columns = columns
        }
    }

    /// The candidates for the word under the cursor (the end of the text).
    public func completions(_ vocabulary: Vocabulary) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let current = words.last ?? ""
        if words.count <= 1 {
            return Self.commands.map(\.name).filter { $0.hasPrefix(current.lowercased()) }
        }
        let options: [String]
        switch words[0].lowercased() {
        case "layout": options = vocabulary.layouts
        case "theme": options = vocabulary.themes
        case "speed": options = ["1", "10", "60", "120", "300", "600", "3600"]
        case "sort": options = words.count == 2 ? vocabulary.columns : ["asc", "desc"]
        case "filter":
            if let eq = current.firstIndex(of: "=") {
                let key = current[..<eq].lowercased()
                let value = String(current[current.index(after: eq)...])
                let values: [String]
                switch key {
                // Values with spaces complete as one word (`Karang_Tengah`); parsing turns `_` back.
                case "district": values = Kecamatan.all.map { $0.name.replacingOccurrences(of: " ", with: "_") }
                case "category": values = IncidentCategory.allCases.map(\.rawValue)
                case "sensor_kind": values = ["water_level", "rainfall", "ispu", "pm25", "pm10", "temperature", "humidity", "noise"]
                case "agency": values = vocabulary.agencies.map { $0.replacingOccurrences(of: " ", with: "_") }
                case "min_severity": values = ["1", "2", "3", "4", "5"]
                default: values = []
                }
                return values.filter { $0.lowercased().hasPrefix(value.lowercased()) }.map { "\(key)=\($0)" }
            }
            options = Self.filterKeys.map { $0 + "=" } + ["clear"]
        default: options = []
        }
        return options.filter { $0.lowercased().hasPrefix(current.lowercased()) }
    }

    /// Tab: completes the word under the cursor to the candidates' common prefix (a whole
    /// word and a space when there is one candidate) and keeps the candidates to show.
    public mutating func complete(_ vocabulary: Vocabulary) {
        let found = completions(vocabulary)
        candidates = found.count > 1 ? found : []
        guard let first = found.first else { return }
        var prefix = first
        for c in found.dropFirst() {
            while !c.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        words[words.count - 1] = prefix
        text = words.joined(separator: " ")
        if found.count == 1, !prefix.hasSuffix("=") { text += " " }
    }

    /// A parsed command line.
    public enum Command: Equatable, Sendable {
        case layout(String)
        case filter(PaneFilter)
        case speed(Double)
        case sort(column: String, descending: Bool?)
        case find(String)
        case theme(String)
        case zoom, sources, help, quit
        /// Rewind to a time as typed (the session reads it).
        case rewind(String)
        /// Back to live.
        case live
    }

    /// Parses `text`, or says what is wrong in a line for the status bar.
    public static func parse(_ text: String) -> Result<Command, PromptError> {
        let words = text.split(separator: " ").map(String.init)
        guard let name = words.first?.lowercased() else { return .failure(PromptError("type a command; Tab lists them")) }
        let rest = Array(words.dropFirst())
        let argument = rest.joined(separator: " ")
        switch name {
        case "layout", "l":
            guard !argument.isEmpty else { return .failure(PromptError("usage: :layout NAME|FILE")) }
            return .success(.layout(argument))
        case "filter", "f":
            return parseFilter(rest).map { .filter($0) }
        case "speed":
            guard let x = Double(argument), x > 0, x <= 100_000 else {
                return .failure(PromptError("usage: :speed X, with X a number above 0 (60 = a minute a second)"))
            }
            return .success(.speed(x))
        case "sort":
            guard let column = rest.first else { return .failure(PromptError("usage: :sort COLUMN [asc|desc]")) }
            let order = rest.dropFirst().first?.lowercased()
            guard order == nil || order == "asc" || order == "desc" else {
                return .failure(PromptError("sort order is asc or desc, not '\(order!)'"))
            }
            return .success(.sort(column: column, descending: order.map { $0 == "desc" }))
        case "find", "/":
            return .success(.find(argument))
        case "theme":
            guard !argument.isEmpty else { return .failure(PromptError("usage: :theme NAME")) }
            return .success(.theme(argument))
        case "zoom", "z": return .success(.zoom)
        case "rewind", "t":
            guard !argument.isEmpty else { return .failure(PromptError("usage: :rewind HH:MM, HH:MM:SS or an RFC 3339 time")) }
            return .success(.rewind(argument))
        case "live": return .success(.live)
        case "sources": return .success(.sources)
        case "help", "?": return .success(.help)
        case "quit", "q", "q!", "wq": return .success(.quit)
        default:
            let names = commands.map(\.name)
            let hint = closestMatch(to: name, among: names).map { "did you mean '\($0)'?" } ?? "Tab lists the commands"
            return .failure(PromptError("unknown command '\(name)'; \(hint)"))
        }
    }

    /// `district=Periuk category=flood,fire min_severity=3`; a value may hold spaces
    /// (`district=Karang Tengah`) up to the next `key=`. No words (or `clear`) clears.
    static func parseFilter(_ words: [String]) -> Result<PaneFilter, PromptError> {
        var filter = PaneFilter()
        if words.isEmpty || words == ["clear"] { return .success(filter) }
        var pairs: [(String, String)] = []
        for w in words {
            if let eq = w.firstIndex(of: "=") {
                pairs.append((w[..<eq].lowercased(), String(w[w.index(after: eq)...])))
            } else if !pairs.isEmpty {
                pairs[pairs.count - 1].1 += " " + w
            } else {
                return .failure(PromptError("filter takes KEY=VALUE (keys: \(filterKeys.joined(separator: ", ")))"))
            }
        }
        for (key, raw) in pairs {
            // District and agency names may hold spaces, written `_` on the command line.
            let spaced = key == "district" || key == "agency" ? raw.replacingOccurrences(of: "_", with: " ") : raw
            let values = Set(spaced.split(separator: ",").map { $0.lowercased() })
            guard !values.isEmpty else { return .failure(PromptError("filter \(key)= needs a value")) }
            switch key {
            case "district":
                for v in values where Kecamatan.named(v) == nil {
                    let hint = closestMatch(to: v, among: Kecamatan.all.map(\.name)).map { "; did you mean \($0)?" } ?? ""
                    return .failure(PromptError("no kecamatan '\(v)' in Kota Tangerang\(hint)"))
                }
                filter.districts = values
            case "category": filter.categories = values
            case "agency": filter.agencies = values
            case "sensor_kind": filter.sensorKinds = values
            case "min_severity":
                guard let n = Int(raw), (1...5).contains(n) else { return .failure(PromptError("min_severity is 1…5")) }
                filter.minSeverity = n
            default:
                let hint = closestMatch(to: key, among: filterKeys).map { "did you mean '\($0)'?" }
                    ?? "keys: \(filterKeys.joined(separator: ", "))"
                return .failure(PromptError("unknown filter '\(key)'; \(hint)"))
            }
        }
        return .success(filter)
    }
}
