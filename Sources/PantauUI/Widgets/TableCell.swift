/// One cell's text and style in a table row.
public struct TableCell: Sendable {
    public var text: String
    public var style: Style?

    public init(_ text: String, _ style: Style? = nil) {
        self.text = text
        self.style = style
    }
}
