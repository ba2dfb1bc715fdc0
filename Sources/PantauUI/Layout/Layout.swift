import PantauCore

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

    /// The terminal widths Pantau draws a frame for (`--size`, `layouts check --size`).
    public static let widths = 1...1000
    /// The terminal heights Pantau draws a frame for.
    public static let heights = 1...500

    /// Parses `COLSxROWS` (`120x40`) within ``widths`` and ``heights``; the error says what is
    /// wrong and, for a size out of range, the limits.
    public static func parseSize(_ text: String) -> Result<(width: Int, height: Int), SizeError> {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else {
            return .failure(SizeError("--size takes COLSxROWS, e.g. 120x40, not '\(text)'"))
        }
        guard widths.contains(w), heights.contains(h) else {
            return .failure(SizeError("--size \(text) is out of range: columns \(widths.lowerBound)…\(widths.upperBound), rows \(heights.lowerBound)…\(heights.upperBound)"))
        }
        return .success((w, h))
    }

    /// What does not fit a terminal of `width` × `height`: one problem per pane that needs more
    /// room, saying how much and at which line of the layout file the pane is.
    public func fitProblems(width: Int, height: Int) -> [FitProblem] {
        let minimum = minimumSize
        guard width < minimum.width || height < minimum.height else { return [] }
        var problems: [FitProblem] = []
        for short in panesShortOfRoom(width: width, height: height) {
            let place = short.pane.line.map { ", layout line \($0)" } ?? ""
            problems.append(FitProblem(line: short.pane.line, column: short.pane.column,
                                       message: "pane \"\(short.pane.title)\" (\(short.pane.type.rawValue)\(place)) needs \(Self.roomText(short)) at \(width)x\(height)"))
        }
        if problems.isEmpty {
            problems.append(FitProblem(line: nil, column: nil,
                                       message: "the layout needs at least \(minimum.width)x\(minimum.height), the terminal is \(width)x\(height)"))
        }
        return problems
    }

    /// The panes that get less than their minimum in a terminal of `width` × `height`, with how
    /// many columns and rows each lacks, in focus order.
    public func panesShortOfRoom(width: Int, height: Int) -> [(pane: PaneSpec, columns: Int, rows: Int)] {
        let body = Rect(x: 0, y: 1, width: width, height: height.subtractingSaturated(2))
        return root.place(in: body).compactMap { pane, rect in
            let columns = pane.minWidth.subtractingSaturated(rect.width), rows = pane.minHeight.subtractingSaturated(rect.height)
            return columns > 0 || rows > 0 ? (pane, max(0, columns), max(0, rows)) : nil
        }
    }

    /// `3 more columns and 2 more rows`.
    static func roomText(_ short: (pane: PaneSpec, columns: Int, rows: Int)) -> String {
        var parts: [String] = []
        if short.columns > 0 { parts.append("\(short.columns) more column\(short.columns == 1 ? "" : "s")") }
        if short.rows > 0 { parts.append("\(short.rows) more row\(short.rows == 1 ? "" : "s")") }
        return parts.joined(separator: " and ")
    }

    /// The smallest terminal the layout can be drawn in (panes plus header and footer).
    public var minimumSize: (width: Int, height: Int) {
        let m = root.minimumSize
        return (max(m.width, 60), m.height.addingSaturated(2))
    }
}
