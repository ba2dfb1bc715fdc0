import ArgumentParser

/// `pantau demo`: replay the bundled recorded day.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the bundled recording of a day in Kota Tangerang.",
        discussion: """
        Starts at 06:00 so the morning rush is seconds away. Keys: Tab/1-4 focus a pane,
        ↑/↓ select, Enter opens an incident, Esc goes back, Space pauses, +/- change speed,
        ? shows help, q quits.

        Examples:
          pantau demo
          pantau demo --speed 300
          pantau demo --from 15:30     (the storm)
          pantau demo --theme light    (light-background terminal; NO_COLOR=1 gives mono)
          pantau demo --ascii          (fonts without box-drawing and block glyphs)
        """
    )

    @OptionGroup var options: ReplayOptions

    func run() throws {
        let recording = try BundledRecording.locate()
        try ReplaySession.run(recording: recording, options: options, defaultFrom: "06:00")
    }
}
