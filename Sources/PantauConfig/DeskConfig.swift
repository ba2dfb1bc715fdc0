import PantauCore

/// The supervisor's desk file: the units roster, the users and their roles, the disposition
/// codes an incident is resolved with, and the response targets per severity.
///
/// Every section is optional: one left out is the shipped default's (``shipped``, the Kota
/// Tangerang roster, printed by `pantau desk example`). A given `units`, `users` or
/// `dispositions` replaces the default's; a given `targets` changes only the steps it names.
public struct DeskConfig: Sendable, Equatable {
    /// One user of the roster: who may act at a console, and how far.
    public struct User: Sendable, Equatable {
        /// The login name (`--user`, `$USER`).
        public var name: String
        public var role: Role
        /// The name shown in timelines and the status line, when not the login name.
        public var displayName: String?

        public init(name: String, role: Role, displayName: String? = nil) {
            self.name = name
            self.role = role
            self.displayName = displayName
        }
    }

    /// A code an incident is resolved with (APCO-style: `handled`, `false_alarm`, …).
    public struct Disposition: Sendable, Equatable {
        /// What the action event carries (`disposition`).
        public var code: String
        /// What the picker shows.
        public var label: String

        public init(code: String, label: String) {
            self.code = code
            self.label = label
        }
    }

    /// The response units, in the file's order.
    public var units: [UnitDefinition]
    /// The users, in the file's order.
    public var users: [User]
    /// The disposition codes, in the file's order (the picker's).
    public var dispositions: [Disposition]
    /// Time to acknowledge, dispatch and reach an incident, per severity.
    public var targets: ResponseTargets

    public init(units: [UnitDefinition], users: [User], dispositions: [Disposition], targets: ResponseTargets) {
        self.units = units
        self.users = users
        self.dispositions = dispositions
        self.targets = targets
    }

    /// The disposition code that merging an incident into another closes the duplicate with;
    /// every desk has it.
    public static let duplicateDisposition = "duplicate"

    /// The role of `user`: the roster's, or viewer for a user not in it.
    public func role(of user: String) -> Role {
        self.user(named: user)?.role ?? .viewer
    }

    /// The roster's entry for `name`, if any.
    public func user(named name: String) -> User? {
        users.first { $0.name == name }
    }

    /// The unit with `id`, if any.
    public func unit(id: String) -> UnitDefinition? {
        units.first { $0.id == id }
    }

    /// The disposition with `code`, if any.
    public func disposition(code: String) -> Disposition? {
        dispositions.first { $0.code == code }
    }
}
