import Foundation
import PantauFeeds
import PantauJournal

/// How far `pantau ingest`'s file sources had read when their events were last appended, kept
/// in a small JSON file so a restart goes on from there instead of appending every file's
/// events again (see ``FileSource/resume(from:)``).
///
/// Written after an append that took every event read up to a source's position (so the
/// events a position covers are in the journal), by writing a new file and renaming it over
/// the old one. A crash between an append and that write appends the last batch again on
/// restart, never loses one. The file names the journal and its last entry then: positions
/// for another journal, or for one that now ends earlier (recreated), are not used.
struct IngestPositions: Codable, Equatable {
    /// The journal the positions were appended to (its display name: a path, or a URL without
    /// its password).
    var journal: String
    /// The journal's last entry after that append.
    var lastSequence: Int64
    /// By source name.
    var sources: [String: SourcePosition]

    /// The default file for the ingest process named `name`: `ingest/NAME.positions.json` in
    /// Pantau's state directory (beside the default journal).
    static func defaultPath(name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = (JournalLocation.defaultPath(environment: environment) as NSString).deletingLastPathComponent
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        return ((state as NSString).appendingPathComponent("ingest") as NSString)
            .appendingPathComponent("\(safe.isEmpty ? "ingest" : safe).positions.json")
    }

    /// The positions in `path`, or nil when there is no such file. Throws when it cannot be
    /// read or is not such a file (a message naming it).
    static func load(_ path: String) throws -> IngestPositions? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(IngestPositions.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIError("cannot read the ingest positions in \(path) (\(error.localizedDescription)); remove it to read every file source from its start")
        }
    }

    /// Writes the positions to `path` (creating its directory), replacing the file in one rename.
    func save(_ path: String) throws(CLIError) {
        let temporary = path + ".new"
        do {
            let directory = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(self).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw CLIError("cannot keep the file sources' positions in \(path): \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            throw CLIError("cannot keep the file sources' positions in \(path): \(String(cString: strerror(errno)))")
        }
    }
}
