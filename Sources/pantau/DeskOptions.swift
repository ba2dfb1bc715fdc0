import ArgumentParser
import PantauConfig

/// `--desk FILE`: the desk file (units roster, users and roles, disposition codes, response
/// targets), shared by run, demo, replay and snapshot. Without it, the shipped Kota Tangerang desk.
struct DeskOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The desk file: units roster, users and roles, disposition codes, response targets. Default: the shipped Kota Tangerang desk (print it with 'pantau desk example').",
        valueName: "file"))
    var desk: String?

    /// A desk file with problems is refused before the screen opens, every problem listed.
    /// The shipped desk (no file given) is not parsed here but where it is used: the tests check
    /// it, and a snapshot starts reading its recording before parsing it.
    func validate() throws {
        guard desk != nil else { return }
        _ = try load()
    }

    /// The desk to act from: the file's, checked, or the shipped one.
    /// - Throws: `ValidationError` after writing every problem to stderr as `file:line:column: message`.
    func load() throws -> DeskConfig {
        guard let desk else { return .shipped }
        do {
            return try DeskConfig.load(path: desk)
        } catch let e as DeskConfigError {
            StandardStream.writeError(e.description + "\n")
            let count = e.problems.count == 1 ? "a problem" : "\(e.problems.count) problems"
            throw ValidationError("the desk file \(desk) has \(count), listed above; check it with 'pantau desk check \(desk)'")
        }
    }
}
