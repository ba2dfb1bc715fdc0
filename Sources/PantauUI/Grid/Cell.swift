/// One terminal cell. A wide character (CJK, most emoji) occupies its cell with `width` 2 and
/// the cell to its right is a continuation (`width` 0) that the backend does not write.
public struct Cell: Equatable, Sendable {
    public var scalar: Unicode.Scalar
    public var style: Style
    /// 1 normal, 2 the first half of a wide character, 0 the second half.
    public var width: UInt8

    public init(_ scalar: Unicode.Scalar = " ", style: Style = .plain, width: UInt8 = 1) {
        self.scalar = scalar
        self.style = style
        self.width = width
    }

    public static let blank = Cell()
}
