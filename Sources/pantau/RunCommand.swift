import ArgumentParser
import PantauCore
import PantauFeeds
import PantauJournal

/// `pantau run --sources FILE`: the live dashboard.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the live dashboard, fed by the sources in a sources file.",
        discussion: """
        The sources file (YAML) lists named sources: file, exec, http, mqtt (stdin only \
        with 'record'). A file with an error is refused before the screen opens, with \
        file:line:column and what was expected. On screen, s shows every source's health \
        (state, failure reason and next retry, last event, events per minute, errors), and \
        a pane fed by a stale or failing source says so in its title.

        With --follow the console follows a shared journal that 'pantau ingest' processes \
        and other consoles append to: it shows the fold of the journal, learns of new entries \
        as they are committed, and appends only its user's actions. On exit it prints the \
        last entry it applied and its state's fingerprint, which 'pantau journal info' prints \
        for the whole journal. --sources with --follow adds sources of this console's own \
        (local-only data): their events show here and are never journaled.

        Examples:
          pantau run --sources sources.yaml
          pantau run --sources sources.yaml --layout flood-watch
          pantau run --journal /srv/pantau/journal.sqlite --follow --user siti
          pantau run --journal postgres://pantau@db.kota/pantau --follow --user siti
          pantau run --journal /srv/pantau/journal.sqlite --follow --sources room-cctv.yaml
        """
    )

    @Option(help: ArgumentHelp("The sources file (YAML); with --follow, local-only sources.", valueName: "file"))
    var sources: String?

    @Flag(help: "Follow a shared journal (--journal) written by 'pantau ingest' and other consoles, instead of running sources.")
    var follow = false

    @Option(help: "A shipped layout name (see Layouts/) or a layout file.")
    var layout: String = "command-center"

    @OptionGroup var display: DisplayOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var rules: RulesOptions

    @OptionGroup var console: ConsoleOptions

    @Option(help: ArgumentHelp("Where the file sources' read positions are kept, so a restart goes on where they stopped instead of journaling their files again (default: run/JOURNAL.positions.json in Pantau's state directory). Not with --follow (its sources are never journaled).", valueName: "file"))
    var positions: String?

    func validate() throws {
        if !follow, sources == nil { throw ValidationError("missing --sources FILE (or --follow with --journal)") }
        if follow, console.journal == nil { throw ValidationError("--follow needs --journal: the shared journal to follow") }
    }

    func run() throws {
        let list = try sources.map { try SourcesLoader.load($0, dashboard: true) } ?? []
        let desk = try self.desk.load()
        // Keyed by the journal: each journal's console keeps its own.
        let journalName = console.journal.map { JournalAddress($0).displayName } ?? JournalLocation.defaultPath()
        let positionsPath = follow ? nil : positions ?? FileSourcePositions.defaultPath("run", name: journalName)
        try LiveSession.run(sources: list, layoutName: layout, theme: display.resolvedTheme(),
                            console: console, desk: desk, rules: rules, follow: follow,
                            positions: positionsPath.map { (path: $0, journal: journalName) })
    }
}

/// Reads a sources file, turning its problems into one CLI error (every problem, one a line);
/// `dashboard` for `run`, which refuses `stdin` sources.
enum SourcesLoader {
    static func load(_ path: String, dashboard: Bool = false) throws -> [ConfiguredSource] {
        do {
            return try SourcesFile.loadConfigured(path: path, dashboard: dashboard)
        } catch let e as SourcesFileError {
            throw CLIError(e.problems.map(\.description).joined(separator: "\npantau: "))
        }
    }
}
