import ArgumentParser
import Foundation

// Parse and run, turning every error into one line on stderr and a non-zero exit
// (help and --version still print in full).
do {
    var command = try PantauCommand.parseAsRoot()
    try command.run()
} catch let error as CLIError {
    FileHandle.standardError.write(Data("pantau: \(error.message)\n".utf8))
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
    FileHandle.standardError.write(Data("pantau: \(message) (see 'pantau --help')\n".utf8))
    exit(code.rawValue == 0 ? 1 : code.rawValue)
}
