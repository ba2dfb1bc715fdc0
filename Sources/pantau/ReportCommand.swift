import ArgumentParser
import Foundation
import PantauCore
import PantauFeeds
import PantauJournal
import PantauReport

/// `pantau report`: the shift report of a journal or a recording, as Markdown, CSV or HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the shift report of a journal or a recording (Markdown, CSV or HTML).",
        discussion: """
        Incidents by category and outcome, response intervals (report to acknowledged, \
        dispatched, on scene, resolved: median and p90 per category and severity), targets \
        missed, alarms and how fast they were acknowledged, tickets per office and actions per \
        user. Exercise incidents ("exercise": true) are counted apart. No personal data. \
        HTML is one self-contained file with inline SVG charts.

        Examples:
          pantau report                                          (the bundled day, Markdown)
          pantau report --journal ~/.local/state/pantau/journal.sqlite --from 07:00 --to 19:00
          pantau report --feed day.ndjson.gz --format html --out shift.html
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, csv, html
    }

    @Option(help: ArgumentHelp("A journal to report on: a file or a postgres:// URL.", valueName: "PATH|URL"))
    var journal: String?

    @Option(help: ArgumentHelp("A recording to report on (.ndjson or .ndjson.gz; default: the bundled day).", valueName: "FILE"))
    var feed: String?

    @Option(help: ArgumentHelp("Start of the period: an RFC 3339 time or HH:MM on the input's first day (WIB). Default: the first event.", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("End of the period: an RFC 3339 time, HH:MM or 'end' (the default: the last event).", valueName: "time"))
    var to: String?

    @Option(help: "md, csv or html.")
    var format: Format = .md

    @Option(help: ArgumentHelp("Write the report to this file instead of stdout.", valueName: "FILE"))
    var out: String?

    @OptionGroup var desk: DeskOptions

    func validate() throws {
        if journal != nil, feed != nil { throw ValidationError("give --journal or --feed, not both") }
        if let from {
            guard let spec = TimeSpec(from), spec != .end else {
                throw ValidationError("--from takes an RFC 3339 time or HH:MM, not '\(from)'")
            }
        }
        if let to, TimeSpec(to) == nil { throw ValidationError("--to takes an RFC 3339 time, HH:MM or 'end', not '\(to)'") }
    }

    func run() throws {
        let deskConfig = try desk.load()
        let builder = ReportBuilder(targets: deskConfig.targets, units: deskConfig.units,
                                    from: from.flatMap { TimeSpec($0) }, to: to.flatMap { TimeSpec($0) })
        if let journal {
            do {
                let opened = try SharedJournal.openInspectable(journal)
                defer { opened.close() }
                try builder.read(opened)
            } catch {
                throw CLIError(error.description)
            }
        } else {
            let recording = try feed.map { Recording(path: $0, label: $0) } ?? BundledRecording.locate()
            try builder.read(try recording.openReader())
        }
        let report = builder.finish()
        let text: String
        switch format {
        case .md: text = MarkdownReportRenderer.render(report)
        case .csv: text = CSVReportRenderer.render(report)
        case .html: text = HTMLReportRenderer.render(report)
        }
        if let out {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw CLIError("cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            try StandardStream.writeOutput(text)
        }
        if report.skippedLines > 0 {
            StandardStream.writeError("pantau: \(report.skippedLines) input lines skipped as bad input\n")
        }
    }
}
