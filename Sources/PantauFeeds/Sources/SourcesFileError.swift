import PantauCore

/// One problem in a sources file, located by line and column.
public typealias SourcesFileProblem = FileProblem

/// A sources file that cannot be used: every problem found, in file order.
public struct SourcesFileError: Error, Sendable, CustomStringConvertible {
    /// The problems, at least one.
    public var problems: [SourcesFileProblem]

    public init(problems: [SourcesFileProblem]) { self.problems = problems }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
