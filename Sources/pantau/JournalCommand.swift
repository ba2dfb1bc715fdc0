import ArgumentParser
import Foundation
import PantauConfig
import PantauCore
import PantauFeeds
import PantauJournal

/// `pantau journal`: check, export and describe a journal (opened read-only).
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Verify, export or describe the journal of events and actions.",
        discussion: """
        The journal is `pantau run`'s event log: every feed event and action, in order, each \
        entry carrying the hash of the one before. Default: $XDG_STATE_HOME/pantau/journal.sqlite \
        (else ~/.local/state/pantau/journal.sqlite).

        Examples:
          pantau journal verify                          check the hash chain: exit 1 at a problem
          pantau journal export --format csv > audit.csv
          pantau journal export --from 2026-11-23T08:00:00+07:00 --to 12:00
          pantau journal info --journal /srv/pantau/journal.sqlite
          pantau journal verify --journal postgres://pantau@db.kota/pantau
        """,
        subcommands: [InitJournal.self, VerifyJournal.self, ExportJournal.self, JournalInfo.self]
    )
}

/// The `--journal PATH|URL` option every `journal` subcommand takes.
struct JournalPathOption: ParsableArguments {
    @Option(name: .customLong("journal"), help: ArgumentHelp("The journal: a file (default: $XDG_STATE_HOME/pantau/journal.sqlite) or a postgres:// URL.", valueName: "PATH|URL"))
    var path: String?

    /// Runs `body` on the journal, opened read-only; a journal failure is one line on stderr.
    func withJournal<T>(_ body: (any InspectableJournal) throws -> T) throws -> T {
        do {
            let journal = try SharedJournal.openInspectable(path ?? JournalLocation.defaultPath())
            defer { journal.close() }
            return try body(journal)
        } catch let error as JournalError {
            throw CLIError(error.description)
        }
    }
}

/// `pantau journal verify`.
struct VerifyJournal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the hash chain: exit 0 when intact, 1 naming the first edited, deleted or reordered entry.")

    @OptionGroup var journal: JournalPathOption

    func run() throws {
        let (report, path) = try journal.withJournal { j in
            (try JournalVerifier.verify(j, checkpoints: j.checkpointSummaries()), j.displayName)
        }
        if let problem = report.problem {
            StandardStream.writeError("pantau: \(path): \(problem.description)\n")
            throw ExitCode(1)
        }
        let checkpoints = report.checkpoints == 1 ? "1 checkpoint matches its fingerprint" : "\(report.checkpoints) checkpoints match their fingerprints"
        try StandardStream.writeOutput("\(report.entries) entries, chain intact; \(checkpoints)\n")
    }
}

/// `pantau journal export`.
struct ExportJournal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the journal's entries for an audit, as NDJSON or CSV.",
        discussion: """
        NDJSON: one object per entry, {"sequence", "recorded_at", "hash", "event"} with the event \
        as the feed-format line. CSV: sequence, recorded_at, kind, ts, by, role, console, verb, \
        target, hash and the line. --from and --to bound when entries were recorded (RFC 3339, or \
        HH:MM on the journal's first day). Callers' names and phone numbers (caller_name, \
        caller_phone of actions) are left out unless --include-personal-data is given.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case ndjson, csv }

    @OptionGroup var journal: JournalPathOption

    @Option(help: ArgumentHelp("Entries recorded at or after this time (RFC 3339 or HH:MM).", valueName: "TIME"))
    var from: String?

    @Option(help: ArgumentHelp("Entries recorded at or before this time (RFC 3339, HH:MM or end).", valueName: "TIME"))
    var to: String?

    @Option(help: "ndjson or csv.")
    var format: Format = .ndjson

    @Flag(help: "Keep callers' names and phone numbers (caller_name, caller_phone) in the export.")
    var includePersonalData = false

    func validate() throws {
        if let from, TimeSpec(from) == nil || TimeSpec(from) == .end {
            throw ValidationError("--from takes an RFC 3339 time or HH:MM, not '\(from)'")
        }
        if let to, TimeSpec(to) == nil { throw ValidationError("--to takes an RFC 3339 time, HH:MM or 'end', not '\(to)'") }
    }

    func run() throws {
        try journal.withJournal { j in
            let summary = try j.summary()
            let first = summary.first ?? Instant(millis: 0)
            let lower = from.flatMap(TimeSpec.init)?.resolve(firstEvent: first)
            let upper = to.flatMap(TimeSpec.init)?.resolve(firstEvent: first)
            let exporter = JournalExporter(format: format == .csv ? .csv : .ndjson, includePersonalData: includePersonalData)
            if format == .csv { try StandardStream.writeOutput(JournalExporter.csvHeader + "\n") }
            var after: Int64 = 0
            while true {
                let page = try j.entries(after: after, limit: 10_000)
                guard let last = page.last else { break }
                var out = ""
                for entry in page {
                    if let lower, entry.recordedAt < lower { continue }
                    if let upper, entry.recordedAt > upper { continue }
                    out += exporter.row(for: entry)
                    out += "\n"
                }
                try StandardStream.writeOutput(out)
                after = last.sequence
            }
        }
    }
}

/// `pantau journal info`.
struct JournalInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the journal's entries, first and last time, checkpoints, size and the fingerprint of its fold.",
        discussion: """
        The state line is the fold of the whole journal (from its latest checkpoint), each entry \
        swept as of its time, as a console following the journal ('pantau run --follow') folds \
        it: a console that has applied the same last entry shows the same fingerprint (with the \
        same --desk: its units roster is part of the state).
        """)

    @OptionGroup var journal: JournalPathOption
    @OptionGroup var desk: DeskOptions

    func run() throws {
        try journal.withJournal { j in
            let summary = try j.summary()
            let checkpoints = try j.checkpointSummaries()
            var lines = ["journal      \(j.displayName)", "entries      \(summary.entries)"]
            if let first = summary.first, let last = summary.last {
                lines.append("first        \(first)")
                lines.append("last         \(last)")
            }
            if let latest = checkpoints.last {
                lines.append("checkpoints  \(checkpoints.count), latest at entry \(latest.sequence) (\(latest.createdAt), \(megabytes(latest.bytes)))")
            } else {
                lines.append("checkpoints  0")
            }
            lines.append("size         \(megabytes(Int(try j.storageSize())))")
            let folded = try Self.fold(j, desk: desk.load())
            lines.append("state        through entry \(folded.sequence), fingerprint \(try StateFingerprint(folded.state).hex)")
            try StandardStream.writeOutput(lines.joined(separator: "\n") + "\n")
        }
    }

    /// The journal's fold as a following console makes it: from the latest checkpoint (with
    /// the desk's units), every later entry swept as of its time and applied.
    static func fold(_ journal: any Journal, desk: DeskConfig) throws -> JournalFold.Folded {
        var base = CityState()
        base.registerUnits(desk.units)
        var folded = JournalFold.start(from: try journal.latestCheckpoint(atOrBefore: nil), base: base)
        try JournalFold.fold(&folded, from: journal, through: Instant(millis: .max))
        return folded
    }

    private func megabytes(_ bytes: Int) -> String {
        bytes < 1_000_000 ? "\(bytes / 1000) kB" : String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}
