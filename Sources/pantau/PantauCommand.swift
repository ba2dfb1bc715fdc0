import ArgumentParser

/// `pantau`: the command center in a terminal.
struct PantauCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "pantau",
        abstract: "A terminal command center for city operations, modelled on Kota Tangerang.",
        discussion: """
        Live panes for traffic, incidents, sensor readings and complaint queues, fed by
        recordings in the Pantau feed format (NDJSON, plain or .gz).

        Examples:
          pantau demo                           replay the bundled day from 06:00 at 60x
          pantau demo --from 15:00 --speed 120  watch the afternoon storm arrive
          pantau replay day.ndjson.gz           replay any recording
          pantau snapshot --at 18:30 --size 120x40
          pantau simulate --seed 7 --hours 24 > day.ndjson
        """,
        version: version,
        subcommands: [DemoCommand.self, ReplayCommand.self, SnapshotCommand.self, SimulateCommand.self, LayoutsCommand.self, DeskCommand.self, RulesCommand.self, RunCommand.self, RecordCommand.self, IngestCommand.self, ConvertCommand.self, JournalCommand.self, ReportCommand.self]
    )
}
