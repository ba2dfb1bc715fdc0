/// A problem in a configuration file (a layout, a sources file), with its position: prints as
/// `file:line:column: message`, the form editors and terminals link to.
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's name as given.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
