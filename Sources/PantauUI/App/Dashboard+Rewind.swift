import PantauCore

extension Dashboard {
    /// The header's `REWIND 15:42`: reverse video in the alarm (danger) tone, unmistakable.
    var rewindStyle: Style { theme.style(for: .danger).with(.reverse).with(.bold) }

    /// What an action asked for while rewound is refused with.
    public func rewindRefusal(_ time: Instant) -> String {
        let key = keys.bindings.first { $0.action == .returnToLive }?.label ?? ":live"
        return "rewound to \(CivilTime(time).shortClockText) — press \(key) to return to live first"
    }

    /// The rewind keys the footer hints first while rewound (none otherwise, nor in a snapshot).
    func rewindFooterBindings(_ mode: DashboardStatus.Mode) -> [KeyBinding] {
        guard rewind != nil, mode != .snapshot else { return [] }
        let shown: [Action] = [.returnToLive, .rewindBy(minutes: -1), .rewindBy(minutes: -10), .rewindPrompt]
        return shown.compactMap { action in keys.bindings.first { $0.action == action } }.map {
            var b = $0
            b.inFooter = true
            return b
        }
    }

    /// The timeline bar on row `y`: the journal's span, each column shaded by how many entries
    /// it holds, alarms raised marked `!`, the shown moment as the cursor.
    func drawTimeline(_ rewind: RewindView, y: Int, into grid: inout CellGrid) {
        let label = " \(CivilTime(rewind.span.lowerBound).shortClockText) "
        let end = " \(CivilTime(rewind.span.upperBound).shortClockText) "
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: theme.footer)
        let x0 = grid.put(label, x: 0, y: y, style: theme.footer)
        let columns = grid.width - x0 - end.count
        guard columns > 4 else { return }
        grid.put(end, x: x0 + columns, y: y, style: theme.footer)
        let density = rewind.density(columns: columns)
        let peak = max(1, density.max() ?? 1)
        let shades: [String] = theme.ascii ? [" ", ".", ":", "+", "#"] : [" ", "░", "▒", "▓", "█"]
        for (i, n) in density.enumerated() {
            let level = n == 0 ? 0 : 1 + (n * (shades.count - 2)) / peak
            grid.put(shades[min(shades.count - 1, level)], x: x0 + i, y: y, style: theme.dim)
        }
        for alarm in rewind.alarms where rewind.span.contains(alarm) {
            grid.put("!", x: x0 + rewind.column(of: alarm, columns: columns), y: y, style: theme.style(for: .danger))
        }
        let cursor = x0 + rewind.column(of: rewind.time, columns: columns)
        grid.put(theme.ascii ? "|" : "┃", x: cursor, y: y, style: rewindStyle)
    }
}
