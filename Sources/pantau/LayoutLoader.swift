import Foundation
import PantauConfig
import PantauUI

/// Finds a layout by shipped name or by file path.
enum LayoutLoader {
    static func load(_ nameOrPath: String) throws -> Layout {
        do {
            if let shipped = try ShippedLayouts.named(nameOrPath) { return shipped }
            guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") else {
                let names = ShippedLayouts.sources.map(\.name).joined(separator: ", ")
                throw CLIError("no layout named '\(nameOrPath)' (shipped: \(names))")
            }
            switch ConfigFile.read(path: nameOrPath, file: nameOrPath) {
            case .success(let text): return try LayoutParser.parse(text, file: nameOrPath)
            case .failure(let problem): throw CLIError(problem.description)
            }
        } catch let e as LayoutErrors {
            throw CLIError(e.errors.first.map(\.description) ?? "bad layout")
        }
    }
}
