import Foundation
import PantauFeeds
import PantauJournal

/// How far the `file` sources of `pantau ingest` (or of a `pantau run` console) had read when
/// their events were last journaled, kept in a small JSON file so a restart goes on from there
/// instead of journaling every file's events again (see ``FileSource/resume(from:)``).
///
/// Written after an append that took every event read up to a source's position (so the
/// events a position covers are in the journal), by writing a new file and renaming it over
/// the old one. A crash between an append and that write journals the last batch again on
/// restart, never loses one. The file names the journal and its last entry then: positions
/// for another journal, or for one that now ends earlier (recreated), are not used.
struct FileSourcePositions: Codable, Equatable {
    /// The journal the positions were appended to (its display name: a path, or a URL without
    /// its password).
    var journal: String
    /// The journal's last entry after that append.
    var lastSequence: Int64
    /// By source name.
    var sources: [String: SourcePosition]

    /// The default file for `directory` (`ingest`, `run`) and `name`:
    /// `DIRECTORY/NAME.positions.json` in Pantau's state directory (beside the default journal).
    static func defaultPath(_ directory: String, name: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = (JournalLocation.defaultPath(environment: environment) as NSString).deletingLastPathComponent
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        return ((state as NSString).appendingPathComponent(directory) as NSString)
            .appendingPathComponent("\(safe.isEmpty ? directory : safe).positions.json")
    }

    /// The positions in `path`, or nil when there is no such file. Throws when it cannot be
    /// read or is not such a file (a message naming it).
    static func load(_ path: String) throws(CLIError) -> FileSourcePositions? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(FileSourcePositions.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIError("cannot read the file sources' positions in \(path) (\(error.localizedDescription)); remove it to read every file source from its start")
        }
    }

    /// The positions kept in `path` for the journal `journalName` (empty when there are none,
    /// or they are another journal's, or `journal` now ends before the entry they were kept
    /// at); what is not used is said with `say`.
    static func kept(in path: String, journalName: String, journal: (any Journal)?, say: (String) -> Void) -> FileSourcePositions {
        let empty = FileSourcePositions(journal: journalName, lastSequence: 0, sources: [:])
        let saved: FileSourcePositions?
        do {
            saved = try load(path)
        } catch {
            say("\(error.message); file sources read from their starts")
            return empty
        }
        guard let saved else { return empty }
        if saved.journal != journalName {
            say("the positions in \(path) are for \(saved.journal), not this journal; file sources read from their starts")
            return empty
        }
        if let journal, let last = try? journal.lastSequence(), last < saved.lastSequence {
            say("the journal ends at entry \(last), before entry \(saved.lastSequence) the positions in \(path) were kept at (a new journal?); file sources read from their starts")
            return empty
        }
        return saved
    }

    /// Makes each of `configured`'s file sources with a kept position resume there (before
    /// they start), saying so with `say`.
    func resume(_ configured: [ConfiguredSource], path: String, say: (String) -> Void) {
        for c in configured {
            guard let file = c.source as? FileSource, let position = sources[file.name] else { continue }
            file.resume(from: position)
            say("\(file.name): going on in \(file.path) at byte \(position.offset) (positions: \(path))")
        }
    }

    /// Writes the positions to `path` (creating its directory), replacing the file in one rename.
    /// The new file's bytes reach the disk before the rename, and the rename before this returns
    /// (`fsync` of the file, then of its directory): after a power cut the file holds the old
    /// positions or the new, never an empty or partial file that would start every source over.
    func save(_ path: String) throws(CLIError) {
        let temporary = path + ".new"
        func failure(_ why: String) -> CLIError { CLIError("cannot keep the file sources' positions in \(path): \(why)") }
        let directory = (path as NSString).deletingLastPathComponent
        let data: Data
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(self)
        } catch {
            throw failure(error.localizedDescription)
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        var problem = data.withUnsafeBytes { FileDescriptorWrite.all($0, to: fd) }
        if problem == nil, fsync(fd) != 0 { problem = String(cString: strerror(errno)) }
        close(fd)
        if let problem { throw failure(problem) }
        guard rename(temporary, path) == 0 else { throw failure(String(cString: strerror(errno))) }
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }
}
