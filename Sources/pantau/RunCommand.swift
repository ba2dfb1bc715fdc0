import ArgumentParser
import PantauCore
import PantauFeeds

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

        Examples:
          pantau run --sources sources.yaml
          pantau run --sources sources.yaml --layout flood-watch
        """
    )

    @Option(help: ArgumentHelp("The sources file (YAML).", valueName: "file"))
    var sources: String

    @Option(help: "A shipped layout name (see Layouts/) or a layout file.")
    var layout: String = "command-center"

    @OptionGroup var display: DisplayOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var rules: RulesOptions

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let list = try SourcesLoader.load(sources, dashboard: true)
        let desk = try self.desk.load()
        try LiveSession.run(sources: list, layoutName: layout, theme: display.resolvedTheme(),
                            console: console, desk: desk, rules: rules)
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
