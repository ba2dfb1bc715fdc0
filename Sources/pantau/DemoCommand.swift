import ArgumentParser

/// `pantau demo`: replay the bundled recorded day.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the bundled recording of a day in Kota Tangerang.",
        discussion: """
        Starts at 06:00 so the morning rush is seconds away. Keys: Tab or 1-4 focus a \
        pane, arrows select, Enter opens an incident, Esc goes back, / searches a table, \
        o sorts it, z zooms, s shows the sources, : opens the command line, L cycles \
        layouts, Space pauses, + and - change speed, ? shows them all, q quits.

        Examples:
          pantau demo
          pantau demo --speed 300
          pantau demo --from 15:30             (the storm)
          pantau demo --layout flood-watch     (gauges, flood incidents, the map)
          pantau demo --layout my-desk.yaml    (your own; saving it re-lays the screen)
          pantau demo --lang id                (labels in Bahasa Indonesia)
          pantau demo --theme light            (light terminal; NO_COLOR=1 gives mono)
          pantau demo --ascii                  (fonts without box-drawing glyphs)
        """
    )

    @OptionGroup var options: ReplayOptions
    @OptionGroup var desk: DeskOptions
    @OptionGroup var rules: RulesOptions

    func run() throws {
        let recording = try BundledRecording.locate()
        // In the demo the user acts as a supervisor, into the demo's own journal.
        try ReplaySession.run(recording: recording, options: options, defaultFrom: "06:00", desk: try desk.load(),
                              rules: rules, role: { _ in .supervisor })
    }
}
