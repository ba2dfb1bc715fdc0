/// A screen arrangement: a named tree of panes, read from a YAML file in `Layouts/`.
public struct Layout: Sendable {
    public var name: String
    public var description: String
    public var root: LayoutNode
    /// The key table with the layout's `keys:` overrides applied.
    public var keys: KeyTable

    public init(name: String, description: String, root: LayoutNode, keys: KeyTable = .standard) {
        self.name = name
        self.description = description
        self.root = root
        self.keys = keys
    }

    /// The panes in focus order.
    public var panes: [PaneSpec] { root.panes }

    /// What does not fit a terminal of `width` × `height`: one line per pane that needs more
    /// room, saying how much.
    public func fitProblems(width: Int, height: Int) -> [String] {
        let minimum = minimumSize
        guard width < minimum.width || height < minimum.height else { return [] }
        var problems: [String] = []
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        for (pane, rect) in root.place(in: body) {
            let needW = pane.minWidth - rect.width, needH = pane.minHeight - rect.height
            if needW > 0 || needH > 0 {
                var parts: [String] = []
                if needW > 0 { parts.append("\(needW) more column\(needW == 1 ? "" : "s")") }
                if needH > 0 { parts.append("\(needH) more row\(needH == 1 ? "" : "s")") }
                problems.append("pane \"\(pane.title)\" (\(pane.type.rawValue)) needs \(parts.joined(separator: " and ")) at \(width)x\(height)")
            }
        }
        if problems.isEmpty {
            problems.append("the layout needs at least \(minimum.width)x\(minimum.height), the terminal is \(width)x\(height)")
        }
        return problems
    }

    /// The smallest terminal the layout can be drawn in (panes plus header and footer).
    public var minimumSize: (width: Int, height: Int) {
        let m = root.minimumSize
        return (max(m.width, 60), m.height + 2)
    }
}
