import ArgumentParser
import Foundation
import PantauTerminal

// A write to a closed pipe is an error its writer reports, not death.
ProcessSignals.installBrokenPipePolicy()

// Parse and run, turning every error into one line on stderr and a non-zero exit
// (help and --version still print in full). A dashboard stopped by a signal ends by it.
do {
    var command = try PantauCommand.parseAsRoot()
    try command.run()
    ProcessSignals.endIfInterrupted()
} catch let error as CLIError {
    StandardStream.writeError("pantau: \(error.message)\n")
    exit(error.exitCode)
} catch let error as ExitCode {
    // The command has said what was wrong already (e.g. `layouts check`'s problems).
    exit(error.rawValue)
} catch {
    let code = PantauCommand.exitCode(for: error)
    if code == .success || error is CleanExit {
        PantauCommand.exit(withError: error)
    }
    let message = PantauCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    StandardStream.writeError("pantau: \(message) (see 'pantau --help')\n")
    exit(code.rawValue == 0 ? 1 : code.rawValue)
}
