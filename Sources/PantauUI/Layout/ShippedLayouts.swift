/// The layouts shipped in `Layouts/`, embedded in the binary at build time.
public enum ShippedLayouts {
    /// The name of the layout used when none is chosen.
    public static let defaultName = "command-center"

    /// Names and YAML texts of the shipped layouts.
    public static var sources: [(name: String, yaml: String)] { embeddedLayoutSources }

    /// A shipped layout by name, parsed.
    public static func named(_ name: String) throws -> Layout? {
        guard let src = sources.first(where: { $0.name == name }) else { return nil }
        return try LayoutParser.parse(src.yaml, file: "Layouts/\(name).yaml")
    }
}
