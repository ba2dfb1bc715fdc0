import Foundation

// Build tool: writes a Swift file holding the given YAML files as string literals.
// Usage: pantau-embed OUTPUT.swift FILE.yaml...
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: pantau-embed OUTPUT.swift FILE.yaml...\n".utf8))
    exit(2)
}
var source = """
// Generated at build time from Layouts/ by the EmbedLayouts plugin. Do not edit.

/// The shipped layouts, by name (file name without `.yaml`), as their YAML text.
let embeddedLayoutSources: [(name: String, yaml: String)] = [

"""
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    let name = url.deletingPathExtension().lastPathComponent
    let text = try String(contentsOf: url, encoding: .utf8)
    // A raw string with enough # that no sequence in the file can close it.
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    source += "    (name: \(String(reflecting: name)), yaml: \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)),\n"
}
source += "]\n"
try source.write(toFile: output, atomically: true, encoding: .utf8)
