import Foundation
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

    /// Who is at the keyboard when `--user` is not given: `$USER`, else `$LOGNAME`, else the
    /// name the system's user database gives this process's user (a container or a service
    /// often sets neither variable), else `unknown`.
    public static func loginName(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 userID: uid_t = getuid()) -> String {
        for variable in ["USER", "LOGNAME"] {
            if let name = environment[variable], !name.isEmpty { return name }
        }
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        if getpwuid_r(userID, &entry, &buffer, buffer.count, &found) == 0, found != nil, let name = entry.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return "unknown"
    }

    /// A wallboard: acts on nothing.
    public static let wallboard = ConsoleIdentity(user: "viewer", role: .viewer, console: "console")
}
