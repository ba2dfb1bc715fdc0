/// One kind of source (`file`, `http`, …): its `type:` name, the keys its entries may use,
/// and how to make a source from an entry.
///
/// Each kind lives in its own file and is listed once in ``SourceRegistry/standard``:
///
/// ```swift
/// extension FileSource {
///     public static let kind = SourceKind(type: "file", keys: ["path"], required: ["path"]) { config in
///         try FileSource(config: config)
///     }
/// }
/// ```
public struct SourceKind: Sendable {
    /// The `type:` name.
    public let type: String
    /// Keys an entry of this type may have besides `name`, `type` and `format`.
    public let keys: [String]
    /// Keys it must have.
    public let required: [String]
    /// Makes a source from a checked entry; throws ``SourcesFileError`` for bad values.
    public let make: @Sendable (SourceConfig) throws -> any FeedSource

    /// A kind named `type`.
    public init(type: String, keys: [String], required: [String] = [],
                make: @escaping @Sendable (SourceConfig) throws -> any FeedSource) {
        self.type = type
        self.keys = keys
        self.required = required
        self.make = make
    }
}
