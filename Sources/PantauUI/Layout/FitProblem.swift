/// A pane (or the layout as a whole) that does not fit a terminal size: prints as
/// `line:column: message` when the pane's place in the layout file is known.
public struct FitProblem: Sendable, Equatable, CustomStringConvertible {
    /// The pane's line and column in the layout file; nil for the layout as a whole.
    public var line: Int?
    public var column: Int?
    /// What needs how much more room.
    public var message: String

    public init(line: Int?, column: Int?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// The problem in a file: `file:line:column: message` (`file: message` without a line).
    public func located(in file: String) -> String {
        guard let line else { return "\(file): \(message)" }
        return "\(file):\(line):\(column ?? 1): \(message)"
    }

    public var description: String { message }
}
