import Foundation

/// Where `pantau run` keeps its journal unless `--journal` says otherwise:
/// `$XDG_STATE_HOME/pantau/journal.sqlite`, else `~/.local/state/pantau/journal.sqlite`.
public enum JournalLocation {
    /// The default journal path for `environment` (the directory is not created).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            // The XDG spec: a relative path is invalid and ignored.
            state = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            state = (home as NSString).appendingPathComponent(".local/state")
        }
        return ((state as NSString).appendingPathComponent("pantau") as NSString).appendingPathComponent("journal.sqlite")
    }

    /// The default journal path, with its directory created if need be.
    public static func preparedDefaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws(JournalError) -> String {
        let path = defaultPath(environment: environment)
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw JournalError(.unavailable, "cannot create \(directory) for the journal: \(error.localizedDescription)")
        }
        return path
    }
}
