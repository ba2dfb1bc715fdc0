/// Why a command line could not run, for the status bar.
public struct PromptError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
