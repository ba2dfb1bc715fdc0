import Foundation

/// The language of Pantau's own labels (`--lang id|en`). Feed text is shown as it came, and
/// official band names (ISPU categories, Siaga levels) stay as they are in either language.
public enum Language: String, CaseIterable, Sendable {
    case en, id

    /// The language the environment asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`
    /// (the first that is set and not empty), Indonesian when it starts with `id` (e.g.
    /// `id_ID.UTF-8`), English otherwise.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("id") ? .id : .en
            }
        }
        return .en
    }
}
