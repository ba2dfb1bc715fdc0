import PantauCore

/// A desk file that cannot be used: every problem found, in file order.
public struct DeskConfigError: Error, Sendable, CustomStringConvertible {
    /// The problems, at least one.
    public var problems: [FileProblem]

    public init(problems: [FileProblem]) { self.problems = problems }

    /// One problem per line, as `file:line:column: message`.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
