import Foundation

/// Where a journal is, as `--journal` gives it: a SQLite file's path, or a PostgreSQL database's
/// URL (`postgres://user@host:port/db?sslmode=require`, also `postgresql://`). Credentials
/// for a URL come from the environment (`PGPASSWORD`) or `~/.pgpass`, which libpq reads
/// itself; a password in the URL works but shows in `ps`.
public enum JournalAddress: Sendable, Equatable {
    case file(String)
    case postgres(url: String)

    /// `argument` as `--journal` gives it.
    public init(_ argument: String) {
        let lower = argument.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: argument)
        } else {
            self = .file(argument)
        }
    }

    /// For messages: the path, or the URL without its password.
    public var displayName: String {
        switch self {
        case .file(let path): return path
        case .postgres(let url): return Self.redacted(url)
        }
    }

    /// `url` with any password (`user:secret@`, `?password=secret`) left out.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "postgres://…" }
        components.password = nil
        if let items = components.queryItems {
            let kept = items.filter { $0.name.lowercased() != "password" }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string ?? "postgres://…"
    }
}
