import Foundation
import PantauFeeds
import PantauJournal

/// The file sources' positions of a process that journals their events (`pantau ingest`, a
/// `pantau run` console), from start to exit: the positions kept for its journal are loaded and
/// its file sources resume at them; positions drained from the inbox wait until their events
/// are journaled, then are kept (see ``FileSourcePositions``).
struct FileSourcePositionKeeper {
    let path: String
    private var kept: FileSourcePositions
    /// Drained with events not known to be journaled yet.
    private var reached: [String: SourcePosition] = [:]
    /// The last failure to write the file, said once.
    private var failure: String?
    private let say: (String) -> Void

    /// Loads the positions in `path` kept for the journal named `journalName` (`journal`, when
    /// open, says where it ends) and makes `configured`'s file sources resume at them; what it
    /// finds, and what it cannot keep later, is said with `say`.
    init(path: String, journalName: String, journal: (any Journal)?, resuming configured: [ConfiguredSource],
         say: @escaping (String) -> Void) {
        self.path = path
        self.say = say
        kept = FileSourcePositions.kept(in: path, journalName: journalName, journal: journal, say: say)
        kept.resume(configured, path: path, say: say)
    }

    /// Notes positions drained from the inbox with events handed on to be journaled.
    mutating func drained(_ positions: [String: SourcePosition]) {
        reached.merge(positions) { _, new in new }
    }

    /// Keeps the positions drained so far: every event before them is journaled now, and the
    /// journal ends at `lastSequence`.
    mutating func journaled(through lastSequence: Int64) {
        guard !reached.isEmpty else { return }
        kept.sources.merge(reached) { _, new in new }
        kept.lastSequence = max(kept.lastSequence, lastSequence)
        reached = [:]
        do {
            try kept.save(path)
            failure = nil
        } catch {
            if failure != error.message { say("\(error.message); a restart would journal the file sources' events again") }
            failure = error.message
        }
    }
}
