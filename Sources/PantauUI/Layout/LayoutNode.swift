import PantauCore

/// A layout tree: panes, and rows or columns of nodes sharing space by weight.
public indirect enum LayoutNode: Sendable {
    /// Children stacked top to bottom (`rows`) or placed left to right (`columns`).
    case split(Axis, [LayoutNode], weight: Int)
    case pane(PaneSpec)

    public enum Axis: Sendable { case rows, columns }

    public var weight: Int {
        switch self {
        case .split(_, _, let w): return w
        case .pane(let p): return p.weight
        }
    }

    /// The panes in reading order (this order numbers them 1, 2, 3 … for focus keys).
    public var panes: [PaneSpec] {
        switch self {
        case .pane(let p): return [p]
        case .split(_, let children, _): return children.flatMap(\.panes)
        }
    }

    /// The smallest size the node can be drawn at.
    public var minimumSize: (width: Int, height: Int) {
        switch self {
        case .pane(let p): return (p.minWidth, p.minHeight)
        case .split(let axis, let children, _):
            let sizes = children.map(\.minimumSize)
            switch axis {
            case .rows: return (sizes.map(\.width).max() ?? 0, sizes.map(\.height).saturatingSum())
            case .columns: return (sizes.map(\.width).saturatingSum(), sizes.map(\.height).max() ?? 0)
            }
        }
    }

    /// Places every pane in `rect`: weights share the space, each child gets at least its minimum
    /// when there is room, and rounding leftovers go to the last child so nothing overlaps or gaps.
    public func place(in rect: Rect) -> [(PaneSpec, Rect)] {
        switch self {
        case .pane(let p): return [(p, rect)]
        case .split(let axis, let children, _):
            guard !children.isEmpty else { return [] }
            let total = axis == .rows ? rect.height : rect.width
            let mins = children.map { axis == .rows ? $0.minimumSize.height : $0.minimumSize.width }
            let weights = children.map { max(1, $0.weight) }
            var sizes = Self.share(total: total, weights: weights, minimums: mins)
            var out: [(PaneSpec, Rect)] = []
            var offset = 0
            for (i, child) in children.enumerated() {
                if i == children.count - 1 { sizes[i] = total - offset }
                let r = axis == .rows
                    ? Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: sizes[i])
                    : Rect(x: rect.x + offset, y: rect.y, width: sizes[i], height: rect.height)
                out += child.place(in: r)
                offset += sizes[i]
            }
            return out
        }
    }

    /// Splits `total` cells by `weights`, then raises children below their minimum. Total for any
    /// input: weights and minimums as large as `Int.max` share without overflowing.
    static func share(total: Int, weights: [Int], minimums: [Int]) -> [Int] {
        let total = max(0, total)
        var weights = weights.map { max(1, $0) }
        // Weights whose sum does not fit are halved together until it does (their ratios kept).
        while weights.saturatingSum() == Int.max { weights = weights.map { max(1, $0 >> 1) } }
        // A minimum beyond the whole space cannot be met anyway; held at `total`, the steps
        // below stay within 0…total and cannot overflow.
        let minimums = minimums.map { min(total, max(0, $0)) }
        let weightSum = weights.reduce(0, +)
        // total × weight / weightSum ≤ total, computed at double width so the product cannot overflow.
        var sizes = weights.map { weightSum.dividingFullWidth(total.multipliedFullWidth(by: $0)).quotient }
        // Raise children below their minimum, taking from those with room to spare.
        for i in sizes.indices where sizes[i] < minimums[i] {
            var need = minimums[i] - sizes[i]
            for j in sizes.indices where j != i && need > 0 {
                let spare = sizes[j] - minimums[j]
                if spare > 0 {
                    let take = min(spare, need)
                    sizes[j] -= take
                    sizes[i] += take
                    need -= take
                }
            }
        }
        return sizes
    }
}

extension LayoutNode {
    /// This tree with the pane at `index` (in focus order) changed by `change`.
    public func updatingPane(at index: Int, _ change: (inout PaneSpec) -> Void) -> LayoutNode {
        var remaining = index
        return updating(&remaining, change)
    }

    private func updating(_ remaining: inout Int, _ change: (inout PaneSpec) -> Void) -> LayoutNode {
        switch self {
        case .pane(var p):
            if remaining == 0 { change(&p) }
            remaining -= 1
            return .pane(p)
        case .split(let axis, let children, let weight):
            return .split(axis, children.map { $0.updating(&remaining, change) }, weight: weight)
        }
    }
}
