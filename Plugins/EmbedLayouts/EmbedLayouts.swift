import Foundation
import PackagePlugin

/// Embeds every `Layouts/*.yaml` of the package into the target as Swift string literals,
/// so the binary carries its shipped layouts and finds them from any directory.
@main
struct EmbedLayouts: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let layoutsDir = context.package.directoryURL.appending(path: "Layouts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layoutsDir.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".yaml") }.sorted().map { layoutsDir.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLayouts.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) layouts from Layouts/",
                executable: try context.tool(named: "pantau-embed").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
