/// A `--size` that is not `COLSxROWS` or lies outside the sizes Pantau draws.
public struct SizeError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
