/// A key a layout wants for one action that another action in the same place already has.
public struct KeyClash: Error, Equatable, Sendable {
    public var key: Key
    public var boundTo: String
}
