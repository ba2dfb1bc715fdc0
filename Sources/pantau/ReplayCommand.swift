import ArgumentParser

/// `pantau replay FILE`: replay any recording.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recording (feed-format NDJSON, plain or .gz) on the dashboard.",
        discussion: """
        Examples:
          pantau replay day.ndjson
          pantau replay archive/2026-11-23.ndjson.gz --from 2026-11-23T15:00:00+07:00 --speed 120
          pantau simulate --seed 3 | pantau replay -     (not from a pipe: needs the terminal)
        """
    )

    @Argument(help: "The recording to replay.")
    var file: String

    @OptionGroup var options: ReplayOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var rules: RulesOptions

    func run() throws {
        let desk = try self.desk.load()
        try ReplaySession.run(recording: Recording(path: file, label: file), options: options, defaultFrom: nil,
                              desk: desk, rules: rules, role: desk.role(of:))
    }
}
