import ArgumentParser
import Foundation
import PantauConfig
import PantauUI

/// `pantau layouts`: list the shipped layouts, or check a layout file.
struct LayoutsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layouts",
        abstract: "List the shipped layouts, or check a layout file.",
        discussion: """
        Examples:
          pantau layouts                         list the shipped layouts
          pantau layouts check my-desk.yaml      check a layout: every problem as file:line:column
          pantau layouts check my-desk.yaml --size 80x24
        """,
        subcommands: [ListLayouts.self, CheckLayout.self],
        defaultSubcommand: ListLayouts.self
    )
}

/// `pantau layouts list`.
struct ListLayouts: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the shipped layouts.")

    func run() throws {
        var lines: [String] = []
        let width = ShippedLayouts.sources.map(\.name.count).max() ?? 0
        for (name, _) in ShippedLayouts.sources {
            let layout = try ShippedLayouts.named(name)!
            let pad = String(repeating: " ", count: width - name.count)
            let min = layout.minimumSize
            lines.append("\(name)\(pad)  \(layout.description) (min \(min.width)x\(min.height))")
        }
        print(lines.joined(separator: "\n"))
    }
}

/// `pantau layouts check FILE`.
struct CheckLayout: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a layout file; exit 1 with every problem as file:line:column: message.")

    @Argument(help: "The layout file.")
    var file: String

    @Option(help: ArgumentHelp("Also check that the layout fits a terminal of this size (\(Layout.widths.lowerBound)x\(Layout.heights.lowerBound) to \(Layout.widths.upperBound)x\(Layout.heights.upperBound)).", valueName: "COLSxROWS"))
    var size: String?

    func validate() throws {
        if let size, case .failure(let e) = Layout.parseSize(size) { throw ValidationError(e.description) }
    }

    func run() throws {
        let text: String
        switch ConfigFile.read(path: file, file: file) {
        case .success(let t): text = t
        case .failure(let problem):
            StandardStream.writeError(problem.description + "\n")
            throw ExitCode(1)
        }
        do {
            let layout = try LayoutParser.parse(text, file: file)
            if let size {
                let (w, h) = try Layout.parseSize(size).get()
                let problems = layout.fitProblems(width: w, height: h)
                if !problems.isEmpty {
                    StandardStream.writeError(problems.map { $0.located(in: file) }.joined(separator: "\n") + "\n")
                    throw ExitCode(1)
                }
            }
            let min = layout.minimumSize
            print("\(file): ok: \(layout.panes.count) panes (\(layout.panes.map(\.type.rawValue).joined(separator: ", "))), needs at least \(min.width)x\(min.height)")
        } catch let e as LayoutErrors {
            StandardStream.writeError(e.description + "\n")
            throw ExitCode(1)
        }
    }
}
