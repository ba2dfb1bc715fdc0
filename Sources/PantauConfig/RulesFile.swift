import PantauCore

/// A rules file (`--rules FILE`): the alert rules a console evaluates. See `pantau rules
/// example` for the format, and ``shipped`` for Kota Tangerang's default.
public struct RulesFile: Sendable, Equatable {
    public var rules: [AlertRule]

    public init(rules: [AlertRule]) { self.rules = rules }

    /// Reads and checks the rules file at `path` (named so in messages).
    public static func load(path: String) throws -> RulesFile {
        switch ConfigFile.read(path: path, file: path) {
        case .success(let text): return try parse(text, file: path)
        case .failure(let problem): throw RulesFileError(problems: [problem])
        }
    }

    /// Checks `yaml` (named `file` in messages) and makes the rules; every problem in the file
    /// is reported, in file order, not only the first.
    public static func parse(_ yaml: String, file: String) throws -> RulesFile {
        var parser = RulesParser(file: file)
        let rules = parser.parseDocument(yaml)
        guard parser.problems.isEmpty else {
            throw RulesFileError(problems: parser.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return RulesFile(rules: rules)
    }

    /// The rules with `targets` as the acknowledge targets of `unacknowledged` rules (a desk
    /// file's targets, when the console has one).
    public func withTargets(_ targets: ResponseTargets) -> RulesFile {
        var copy = self
        for i in copy.rules.indices {
            if case .unacknowledgedIncident(let minSeverity, _) = copy.rules[i].condition {
                copy.rules[i].condition = .unacknowledgedIncident(minSeverity: minSeverity, targets: targets)
            }
        }
        return copy
    }
}

/// A rules file that cannot be used: every problem found, in file order.
public struct RulesFileError: Error, Sendable, CustomStringConvertible {
    /// The problems, at least one.
    public var problems: [FileProblem]

    public init(problems: [FileProblem]) { self.problems = problems }

    /// One problem per line, as `file:line:column: message`.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
