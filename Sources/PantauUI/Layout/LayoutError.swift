import PantauCore

/// A problem in a layout file, with its position: prints as `file:line:column: message`.
public typealias LayoutError = FileProblem

/// Several layout problems at once (a checker reports them all).
public struct LayoutErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [LayoutError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
