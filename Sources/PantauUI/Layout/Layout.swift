/// A screen arrangement: a named tree of panes, read from a YAML file in `Layouts/`.
public struct Layout: Sendable {
    public var name: String
    public var description: String
    public var root: LayoutNode

    public init(name: String, description: String, root: LayoutNode) {
        self.name = name
        self.description = description
        self.root = root
    }

    /// The panes in focus order.
    public var panes: [PaneSpec] { root.panes }

    /// The smallest terminal the layout can be drawn in (panes plus header and footer).
    public var minimumSize: (width: Int, height: Int) {
        let m = root.minimumSize
        return (max(m.width, 60), m.height + 2)
    }
}
