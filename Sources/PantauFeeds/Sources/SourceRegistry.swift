/// The source kinds known by `type:` name. Adding a kind: one new file defining its
/// ``SourceKind``, and one line in ``standard``.
public struct SourceRegistry: Sendable {
    /// The registered kinds, in the order help texts list them.
    public private(set) var kinds: [SourceKind]

    /// A registry of `kinds`.
    public init(_ kinds: [SourceKind]) { self.kinds = kinds }

    /// The kinds Pantau ships.
    public static let standard = SourceRegistry([
        FileSource.kind,
        StdinSource.kind,
        ExecSource.kind,
        HTTPSource.kind,
        MQTTSource.kind,
    ])

    /// Adds (or replaces) a kind.
    public mutating func register(_ kind: SourceKind) {
        kinds.removeAll { $0.type == kind.type }
        kinds.append(kind)
    }

    /// The kind registered as `type`.
    public func kind(_ type: String) -> SourceKind? { kinds.first { $0.type == type } }

    /// The registered type names.
    public var types: [String] { kinds.map(\.type) }
}
