import ArgumentParser
import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauPostgres

/// `pantau ingest --sources FILE --journal PATH|URL`: the sources' events into a shared journal,
/// with no terminal.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Write the sources' events into a shared journal, headless, for consoles that follow it.",
        discussion: """
        Each turn's events are appended in one transaction, applied at the wall clock, after the \
        journal's last entry: a restart resumes appending where the journal ends, and several \
        ingest processes (each with its own sources) may append to one journal. Consoles read it \
        with 'pantau run --journal PATH|URL --follow'. One line of counts a minute goes to stderr. \
        SIGINT and SIGTERM end it after the batch being appended. File sources go on where they \
        had read to when their events were last appended (kept in --positions), so a restart does \
        not append a file's events again (after a crash, at most its last batch).

        Exit status: 0 when stopped by a signal or when every source has ended (stdin closed, an \
        exec source's command done); 1 when it cannot start (a sources file with problems, a \
        journal that cannot be opened) or the journal refuses appends for good (read-only, not a \
        Pantau journal); 64 for a usage error. While the journal is busy, the disk full or the \
        database server away it keeps the batch, says so once, and retries each second (reconnecting); \
        started while the database server is away, it waits for it the same way.

        Examples:
          pantau ingest --sources sensors.yaml --journal /srv/pantau/journal.sqlite
          pantau ingest --sources waze.yaml --journal /srv/pantau/journal.sqlite --name ingest-waze
          pantau ingest --sources sensors.yaml --journal postgres://pantau@db.kota/pantau
        """
    )

    @Option(help: ArgumentHelp("The sources file (YAML).", valueName: "file"))
    var sources: String

    @Option(help: ArgumentHelp("The shared journal: a file (SQLite) or a postgres:// URL (PostgreSQL).", valueName: "path|url"))
    var journal: String

    @Option(help: ArgumentHelp("This process's name in its log lines (default: ingest-HOST).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Where the file sources' read positions are kept, so a restart goes on where they stopped (default: ingest/NAME.positions.json in Pantau's state directory, beside its default journal).", valueName: "file"))
    var positions: String?

    @Flag(help: "Also evaluate the alert rules (--rules, default the shipped ones) over the journal and append the alarms they raise and clear: one ingest per shared journal should, as consoles following it evaluate none.")
    var evaluateRules = false

    @OptionGroup var rules: RulesOptions
    @OptionGroup var desk: DeskOptions

    /// Events appended per transaction at most.
    static let batchLimit = 20_000
    /// Seconds between the lines of counts.
    static let reportInterval = 60.0
    /// Seconds a stop waits for the sources' threads to return.
    static let stopWait = 5.0

    func run() throws {
        let list = try SourcesLoader.load(sources)
        let label = name ?? "ingest-\(ProcessInfo.processInfo.hostName)"
        let spec = self.journal
        let sourceCount = "\(list.count) source\(list.count == 1 ? "" : "s")"
        let open = { () throws(JournalError) -> any Journal in
            let journal = try SharedJournal.open(spec)
            let last = try journal.lastSequence()
            StandardStream.writeError("pantau ingest: \(label): appending to \(JournalAddress(spec).displayName) after entry \(last), \(sourceCount)\n")
            return journal
        }
        var ingest: Ingest
        do {
            ingest = Ingest(journal: try open(), label: label, open: open)
        } catch where SharedJournal.isURL(spec) && PostgresJournal.mayComeBack(error) {
            // The database is away: the sources run, their events wait (bounded) until it opens.
            ingest = Ingest(journal: nil, label: label, open: open)
            ingest.failing = error.description
            log("\(label): \(error.description); waiting for it, keeping the events of \(sourceCount)")
        } catch {
            throw CLIError(error.description)
        }
        ingest.lastSequence = (try? ingest.journal?.lastSequence()) ?? 0
        var positionKeeper = FileSourcePositionKeeper(
            path: positions ?? FileSourcePositions.defaultPath("ingest", name: label),
            journalName: JournalAddress(spec).displayName, journal: ingest.journal, resuming: list) { log("\(label): \($0)") }
        // Once a turn's events are all in the journal, so are those its positions cover.
        func keepReached() {
            guard ingest.pending.isEmpty, ingest.failing == nil, ingest.journal != nil else { return }
            positionKeeper.journaled(through: ingest.lastSequence)
        }
        let alerts = evaluateRules ? IngestRules(journal: spec, rules: try rules.load(), desk: try desk.load(), label: label) : nil
        let set = SourceSet(configured: list, capacity: 1_000_000)
        let stop = StopRequest()
        let handlers = stop.onSignals([SIGINT, SIGTERM, SIGHUP]) { [inbox = set.inbox] in inbox.wake() }
        defer { handlers.forEach { $0.cancel() } }

        set.start()
        defer { set.stop() }
        var nextReport = Date().addingTimeInterval(Self.reportInterval)
        while true {
            if ingest.failing == nil {
                // Sleep until events arrive or a signal wakes the inbox; at most a second (the
                // line of counts, a source's end).
                var pfd = pollfd(fd: set.inbox.wakeFD, events: Int16(POLLIN), revents: 0)
                _ = poll(&pfd, 1, 1000)
            } else {
                // The journal refused the last batch: retry in a second (events wait in the inbox).
                _ = poll(nil, 0, 1000)
            }
            let room = Self.batchLimit - ingest.pending.count
            if room > 0 {
                let batch = set.inbox.drain(max: room)
                ingest.dropped += batch.dropped
                ingest.pending += batch.events
                positionKeeper.drained(batch.positions)
            }
            if let fatal = ingest.appendPending() {
                throw CLIError("\(label): \(fatal.description); \(ingest.pending.count) events not appended")
            }
            keepReached()
            alerts?.turn()
            if Date() >= nextReport {
                nextReport = Date().addingTimeInterval(Self.reportInterval)
                log(ingest.report(health: set.health()))
            }
            if stop.requested { break }
            if set.health().allSatisfy(\.ended), set.inbox.pending == 0, ingest.pending.isEmpty { break }
        }
        // The sources' threads end before the last drain: what they received (MQTT messages
        // the broker counts as delivered) is appended, not dropped with the process.
        if !set.stopAndWait(timeout: Self.stopWait) {
            log("\(label): a source did not stop within \(Int(Self.stopWait)) s; appending what arrived")
        }
        let last = set.inbox.drain()
        ingest.pending += last.events
        ingest.dropped += last.dropped
        positionKeeper.drained(last.positions)
        if let fatal = ingest.appendPending() {
            throw CLIError("\(label): \(fatal.description); \(ingest.pending.count) events not appended")
        }
        keepReached()
        log(ingest.report(health: set.health(), final: true))
    }

    private func log(_ line: String) {
        StandardStream.writeError("pantau ingest: \(line)\n")
    }
}

/// The ingest loop's state: events waiting to be appended (kept across a busy journal), and
/// the counts for the log.
struct Ingest {
    /// The journal (nil: not opened yet, its server away).
    var journal: (any Journal)?
    let label: String
    /// Opens the journal, when it could not be opened at the start.
    let open: () throws(JournalError) -> any Journal
    /// Drained from the sources, not yet appended.
    var pending: [FeedEvent] = []
    var appended = 0
    var appendedSinceReport = 0
    var dropped = 0
    var lastSequence: Int64 = 0
    /// The last transient failure logged (logged once until an append works).
    var failing: String?

    init(journal: (any Journal)?, label: String, open: @escaping () throws(JournalError) -> any Journal) {
        self.journal = journal
        self.label = label
        self.open = open
    }

    /// Appends the pending events in one transaction at the wall clock (opening the journal
    /// first if it is not open yet). A failure that may pass (busy, disk full, unavailable)
    /// keeps them for the next turn; one that will not (read-only, damaged, a refused login)
    /// is returned.
    mutating func appendPending() -> JournalError? {
        if journal == nil {
            do {
                journal = try open()
            } catch {
                if PostgresJournal.mayComeBack(error) { return noteFailing(error) }
                return error
            }
        }
        guard let journal, !pending.isEmpty else { return nil }
        do {
            let entries = try journal.append(pending, recordedAt: Instant(date: Date()))
            appended += entries.count
            appendedSinceReport += entries.count
            lastSequence = entries.last?.sequence ?? lastSequence
            pending.removeAll(keepingCapacity: true)
            if failing != nil {
                failing = nil
                StandardStream.writeError("pantau ingest: \(label): journal writable again\n")
            }
            return nil
        } catch {
            switch error.kind {
            case .readOnly, .corrupt: return error
            case .full, .unavailable, .other: return noteFailing(error)
            }
        }
    }

    /// Notes a failure that may pass (logged once until an append works); the events wait.
    private mutating func noteFailing(_ error: JournalError) -> JournalError? {
        if failing != error.description {
            failing = error.description
            StandardStream.writeError("pantau ingest: \(label): \(error.description); keeping \(pending.count) events, retrying each second\n")
        }
        return nil
    }

    /// The line of counts: appended since the last line and in all, the last entry, skipped and
    /// dropped events, failing sources.
    mutating func report(health: [SourceHealth], final: Bool = false) -> String {
        var line = "\(label): \(final ? "stopped; " : "")\(appendedSinceReport) events appended\(final ? "" : " in the last minute"), \(appended) in all, last entry \(lastSequence)"
        appendedSinceReport = 0
        let skipped = health.reduce(0) { $0 + $1.skipped }
        if skipped > 0 { line += ", \(skipped) skipped as bad input" }
        if dropped > 0 { line += ", \(dropped) dropped" }
        let failing = health.filter { $0.state.isFailing }
        if !failing.isEmpty { line += "; " + failing.map { "\($0.name) \($0.state)" }.joined(separator: ", ") }
        return line
    }
}
