import PantauCore

/// Who acts at this console: every action and journal entry carries it.
public struct ConsoleIdentity: Sendable, Equatable {
    /// The user (`--user`, else `$USER`).
    public var user: String
    /// The user's role (from the users roster; a user not in it is a viewer).
    public var role: Role
    /// The console's name (`--console`, else the host name).
    public var console: String

    public init(user: String, role: Role, console: String) {
        self.user = user
        self.role = role
        self.console = console
    }

    /// Pantau itself at `console`: what a rule does on its own (an automatic incident from an
    /// alarm), journaled as user `pantau`; a supervisor, as rules are the supervisors' config.
    public static func system(console: String) -> ConsoleIdentity {
        ConsoleIdentity(user: "pantau", role: .supervisor, console: console)
    }

    /// A wallboard: acts on nothing.
    public static let wallboard = ConsoleIdentity(user: "viewer", role: .viewer, console: "console")
}
