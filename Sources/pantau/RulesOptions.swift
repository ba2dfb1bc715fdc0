import ArgumentParser
import PantauConfig
import PantauCore
import PantauSession

/// `--rules FILE`: the alert rules a console evaluates, shared by run, demo, replay and
/// snapshot. Without it, the shipped Kota Tangerang rules.
struct RulesOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The alert rules file: when alarms are raised and what a console does then. Default: the shipped Kota Tangerang rules (print them with 'pantau rules example'). Reloaded when saved.",
        valueName: "file"))
    var rules: String?

    /// A rules file with problems is refused before the screen opens, every problem listed.
    /// The shipped rules (no file given) are not parsed here but where they are used: the tests
    /// check them, and a snapshot starts reading its recording before parsing them.
    func validate() throws {
        guard rules != nil else { return }
        _ = try load()
    }

    /// The rules: the file's, checked, or the shipped ones.
    /// - Throws: `ValidationError` after writing every problem to stderr as `file:line:column: message`.
    func load() throws -> RulesFile {
        guard let rules else { return .shipped }
        do {
            return try RulesFile.load(path: rules)
        } catch let e as RulesFileError {
            StandardStream.writeError(e.description + "\n")
            let count = e.problems.count == 1 ? "a problem" : "\(e.problems.count) problems"
            throw ValidationError("the rules file \(rules) has \(count), listed above; check it with 'pantau rules check \(rules)'")
        }
    }

    /// Gives `session` the rules (with `targets` for the unacknowledged-incident rules) and
    /// returns what reloads the file when it is saved (nil for the shipped rules).
    func install(in session: Session, targets: ResponseTargets) throws -> RulesReloader? {
        session.rules = RuleEvaluator(rules: try load().withTargets(targets).rules)
        return rules.map { RulesReloader(path: $0, targets: targets) }
    }
}

/// Reloads a rules file when it is saved (watched like a layout file): the session evaluates
/// the new rules from then on; a bad edit keeps the rules in force and says why.
final class RulesReloader {
    let path: String
    let targets: ResponseTargets
    private let watcher: LayoutFileWatcher?

    init(path: String, targets: ResponseTargets) {
        self.path = path
        self.targets = targets
        watcher = LayoutFileWatcher(path: path)
    }

    /// Reloads the file into `session` if it was saved; returns the status-line message.
    func reloadIfSaved(into session: Session) -> String? {
        guard let watcher, watcher.changed() else { return nil }
        do {
            let file = try RulesFile.load(path: path)
            session.rules = RuleEvaluator(rules: file.withTargets(targets).rules)
            return "Rules reloaded from \(path): \(file.rules.count) rule\(file.rules.count == 1 ? "" : "s")"
        } catch let e as RulesFileError {
            let first = e.problems.first.map(\.description) ?? "\(e)"
            let more = e.problems.count > 1 ? " (and \(e.problems.count - 1) more)" : ""
            return "\(first)\(more) (not reloaded: the rules in force kept)"
        } catch {
            return "\(error) (not reloaded: the rules in force kept)"
        }
    }
}
