/// The formats `pantau convert` and the sources know, by name.
public enum FormatRegistry {
    /// Every format, in the order help texts list them. Adding a format: one line here.
    public static let all: [any FeedFormat.Type] = [
        NDJSONFormat.self,
        CAPFormat.self,
        Open311Format.self,
        WazeFormat.self,
        SensorThingsFormat.self,
        NGSILDFormat.self,
        BMKGGempaFormat.self,
        PetaBencanaFormat.self,
    ]

    /// The names, in registration order.
    public static var names: [String] { all.map { $0.name } }

    /// The format type registered under `name` (case-insensitive), if any.
    public static func type(named name: String) -> (any FeedFormat.Type)? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }

    /// A converter for `name`, if one is registered.
    public static func format(named name: String) -> (any FeedFormat)? {
        type(named: name).map { $0.init() }
    }
}
