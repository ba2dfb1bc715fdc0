import ArgumentParser
import PantauConfig
import PantauCore

/// `pantau desk`: check a desk file, or print the shipped one to start your own.
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Check a desk file (units, users and roles, dispositions, targets), or print the shipped one.",
        discussion: """
        Examples:
          pantau desk example > desk.yaml     the shipped Kota Tangerang desk, commented: start here
          pantau desk check desk.yaml         check a desk file: every problem as file:line:column
          pantau run --sources s.yaml --desk desk.yaml
        """,
        subcommands: [CheckDesk.self, DeskExample.self]
    )
}

/// `pantau desk check FILE`.
struct CheckDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a desk file; exit 1 with every problem as file:line:column: message.")

    @Argument(help: "The desk file.")
    var file: String

    func run() throws {
        let desk: DeskConfig
        do {
            desk = try DeskConfig.load(path: file)
        } catch let e as DeskConfigError {
            StandardStream.writeError(e.description + "\n")
            throw ExitCode(1)
        }
        try StandardStream.writeOutput("\(file): ok: \(Self.summary(of: desk))\n")
    }

    /// `35 units (Damkar 9, BPBD 5, …), 4 users (1 supervisor, 2 operators, 1 viewer), 7 dispositions`.
    static func summary(of desk: DeskConfig) -> String {
        var agencies: [String] = []
        var perAgency: [String: Int] = [:]
        for unit in desk.units {
            if perAgency[unit.agency] == nil { agencies.append(unit.agency) }
            perAgency[unit.agency, default: 0] += 1
        }
        let units = agencies.map { "\($0) \(perAgency[$0]!)" }.joined(separator: ", ")
        let roles = Role.allCases.reversed().compactMap { role -> String? in
            let n = desk.users.filter { $0.role == role }.count
            return n == 0 ? nil : "\(n) \(role.rawValue)\(n == 1 ? "" : "s")"
        }.joined(separator: ", ")
        let users = desk.users.isEmpty ? "no users (everyone is a viewer)"
            : "\(count(desk.users.count, "user")) (\(roles))"
        return "\(count(desk.units.count, "unit")) (\(units)), \(users), \(count(desk.dispositions.count, "disposition"))"
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

/// `pantau desk example`.
struct DeskExample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example",
        abstract: "Print the shipped desk file (the Kota Tangerang roster), commented: the way to start your own.")

    func run() throws {
        try StandardStream.writeOutput(DeskConfig.shippedYAML + "\n")
    }
}
