import ArgumentParser
import PantauFeeds

/// Options shared by `demo` and `replay` (with the display options `--theme` and `--ascii`, and
/// the console's `--user`, `--console` and `--journal`).
struct ReplayOptions: ParsableArguments {
    @Option(help: "Replay speed: recorded seconds per real second (60 = one recorded minute a second).")
    var speed: Double = 60

    @Option(help: ArgumentHelp("Where to start: an RFC 3339 time or HH:MM on the recording's first day (WIB). Everything before it is applied at once.", valueName: "time"))
    var from: String?

    @Option(help: "A shipped layout name (see Layouts/) or a layout file.")
    var layout: String = "command-center"

    @OptionGroup var display: DisplayOptions

    @OptionGroup var console: ConsoleOptions

    func validate() throws {
        guard speed > 0, speed <= 86_400 else { throw ValidationError("--speed must be between 0 and 86400") }
        if let from, TimeSpec(from) == nil || TimeSpec(from) == .end {
            throw ValidationError("--from takes an RFC 3339 time or HH:MM, not '\(from)'")
        }
    }
}
