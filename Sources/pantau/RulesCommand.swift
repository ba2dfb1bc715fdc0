import ArgumentParser
import PantauConfig
import PantauCore

/// `pantau rules`: check a rules file, or print the shipped one to start your own.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check an alert rules file, or print the shipped one.",
        discussion: """
        Examples:
          pantau rules example > rules.yaml    the shipped Kota Tangerang rules, commented: start here
          pantau rules check rules.yaml        check a rules file: every problem as file:line:column
          pantau demo --rules rules.yaml       (saving the file reloads the rules)
        """,
        subcommands: [CheckRules.self, RulesExample.self]
    )
}

/// `pantau rules check FILE`.
struct CheckRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a rules file; exit 1 with every problem as file:line:column: message.")

    @Argument(help: "The rules file.")
    var file: String

    func run() throws {
        let rules: RulesFile
        do {
            rules = try RulesFile.load(path: file)
        } catch let e as RulesFileError {
            StandardStream.writeError(e.description + "\n")
            throw ExitCode(1)
        }
        try StandardStream.writeOutput("\(file): ok: \(Self.summary(of: rules))\n")
    }

    /// `8 rules: water-siaga2 (sev 4), water-awas (sev 5), …`.
    static func summary(of file: RulesFile) -> String {
        let names = file.rules.map { "\($0.name) (sev \($0.severity))" }.joined(separator: ", ")
        return "\(file.rules.count) rule\(file.rules.count == 1 ? "" : "s")" + (names.isEmpty ? "" : ": \(names)")
    }
}

/// `pantau rules example`.
struct RulesExample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example",
        abstract: "Print the shipped rules file (Kota Tangerang), commented: the way to start your own.")

    func run() throws {
        try StandardStream.writeOutput(RulesFile.shippedYAML + "\n")
    }
}
