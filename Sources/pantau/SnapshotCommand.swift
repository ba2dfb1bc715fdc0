import ArgumentParser
import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauSession
import PantauUI

/// `pantau snapshot`: print the dashboard at a moment as plain text, with no terminal.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the dashboard at a moment of a recording as plain text.",
        discussion: """
        Applies the recording up to --at and prints the frame to stdout; no terminal needed. \
        With --journal, prints the state of a journal (a live console's, or the one a replay \
        wrote with --journal) at --at instead: the same frame a replay stopped there shows. \
        The skipped-line summary goes to stderr. The text carries no colour, so --theme is \
        accepted (for the same flags as demo) but changes nothing; --ascii prints ASCII only.

        Examples:
          pantau snapshot                                  (the bundled day, at its end)
          pantau snapshot --at 18:30 --size 120x40
          pantau snapshot --feed day.ndjson.gz --at 2026-11-23T08:00:00+07:00
          pantau snapshot --journal ~/.local/state/pantau/journal.sqlite --at 15:42
        """
    )

    @Option(help: "The recording (default: the bundled day).")
    var feed: String?

    @Option(help: ArgumentHelp("A journal (file or postgres:// URL) to print a past moment of, instead of a recording (HH:MM is on its first entry's day).", valueName: "path|url"))
    var journal: String?

    @Option(help: ArgumentHelp("An RFC 3339 time, HH:MM on the recording's first day (WIB), or 'end'.", valueName: "time"))
    var at: String = "end"

    @Option(help: ArgumentHelp("Frame size, \(Layout.widths.lowerBound)x\(Layout.heights.lowerBound) to \(Layout.widths.upperBound)x\(Layout.heights.upperBound).", valueName: "COLSxROWS"))
    var size: String = "120x40"

    @Option(help: "A shipped layout name or a layout file.")
    var layout: String = "command-center"

    @OptionGroup var display: DisplayOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var rules: RulesOptions

    func validate() throws {
        guard TimeSpec(at) != nil else { throw ValidationError("--at takes an RFC 3339 time, HH:MM or 'end', not '\(at)'") }
        if case .failure(let e) = Layout.parseSize(size) { throw ValidationError(e.description) }
        if feed != nil, journal != nil { throw ValidationError("give --feed or --journal, not both") }
    }

    func run() throws {
        if let journal { return try runJournal(journal) }
        let recording = try feed.map { Recording(path: $0, label: $0) } ?? BundledRecording.locate()
        // Decoded on worker threads from now on (while the layout, desk and rules are parsed
        // here), given arrivals on a thread of its own, and played where it was decoded.
        let reader = ParallelScheduledReader(try recording.openReader())
        let layout = try LayoutLoader.load(self.layout)
        let (width, height) = try Layout.parseSize(size).get()
        var state = CityState()
        let deskConfig = try desk.load()
        state.registerUnits(deskConfig.units)
        let session = Session(state: state, layout: layout)
        session.dashboard.take(deskConfig)
        _ = try rules.install(in: session, targets: deskConfig.targets)
        // Only a layout with a log pane pays for the activity log.
        session.recordsActivity = layout.panes.contains { $0.type == .log }
        let spec = TimeSpec(at)!
        var limit: Instant?
        var last: Instant?
        // Old records among the events not played (those that arrived after --at in the run
        // that reached it); the reader counts those in the runs it handed out.
        var olderNotPlayed = 0
        // What arrived by --at, in arrival order as a replay plays it (an event stamped ahead is
        // applied when it arrived; --at end is the last arrival, not the latest timestamp).
        // Arrivals never go backwards, so what arrived by --at is a prefix of each run.
        while var run = try reader.next() {
            if limit == nil, let start = reader.start { limit = spec.resolve(firstEvent: start) }
            // Each event's arrival and time read through a pointer: a subscript or a closure
            // over the elements copied each event.
            let first = run.baseAddress!
            var reachedLimit = false
            if let l = limit, let past = run.indices.first(where: { (first + $0).pointer(to: \.arrival)!.pointee > l }) {
                if let start = reader.start {
                    for i in past..<run.count where ScheduledReader.isOld(time: (first + i).pointer(to: \ScheduledEvent.event.time)!.pointee, start: start) {
                        olderNotPlayed += 1
                    }
                }
                run = UnsafeMutableBufferPointer(rebasing: run[..<past])
                reachedLimit = true
            }
            if !run.isEmpty {
                last = (first + run.count - 1).pointer(to: \.arrival)!.pointee
                session.play(lending: run)
            }
            // Nothing after it arrived by --at: the rest of the recording is not read.
            if reachedLimit { break }
        }
        reader.cancel()
        let stats = reader.stats
        let older = reader.olderThanStart - olderNotPlayed
        // Now is the --at time (for --at end, the last arrival): ages and overdue are measured from it.
        let frame = session.snapshotFrame(now: limit ?? last, width: width, height: height, theme: display.resolvedTheme(),
                                          skippedLines: stats.skippedTotal, message: RecordingHealth.olderNote(older))
        try StandardStream.writeOutput(frame.text + "\n")
        if stats.skippedTotal > 0 {
            StandardStream.writeError("pantau: \(stats.skipSummary)\n")
        }
        // The state of a long recording is let go with the process instead of piece by piece
        // (freeing a million events' state took longer than drawing the frame).
        ProcessExit.keep(session)
    }

    /// `--journal`: the state of the journal at --at (see ``JournalFold``), drawn as a replay
    /// stopped there draws it.
    private func runJournal(_ path: String) throws {
        let layout = try LayoutLoader.load(self.layout)
        let (width, height) = try Layout.parseSize(size).get()
        let deskConfig = try desk.load()
        let journal: any InspectableJournal
        do {
            journal = try SharedJournal.openInspectable(path)
        } catch {
            throw CLIError(error.description)
        }
        defer { journal.close() }
        guard let span = try journal.timeSpan() else { throw CLIError("the journal \(journal.displayName) holds no entries") }
        let now = TimeSpec(at)!.resolve(firstEvent: span.lowerBound) ?? span.upperBound
        let session = try Session.snapshot(of: journal, at: now, layout: layout, desk: deskConfig)
        // The rules raise, as of the moment, what was due by then but journaled later.
        _ = try rules.install(in: session, targets: deskConfig.targets)
        let frame = session.snapshotFrame(now: now, width: width, height: height, theme: display.resolvedTheme())
        try StandardStream.writeOutput(frame.text + "\n")
    }
}
