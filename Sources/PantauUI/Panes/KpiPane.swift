import PantauCore

/// Big counters for a wall screen: open incidents by severity, overdue tickets, the worst air
/// quality and the highest river against its alert level, readable across a room. Air and
/// river come from current readings (stale ones are counted beside them: `· 3 stale`); only
/// when every reading of the kind is stale is the worst stale one shown, as `stale 42m`, in
/// a neutral colour.
public enum KpiPane {
    /// One tile: a label, a big value, a line of detail, a tone.
    struct Tile {
        var label: String
        var value: String
        var detail: String
        var tone: BandTone
    }

    static func tiles(_ state: CityState, rules: BandRules, theme: Theme, now: Instant) -> [Tile] {
        let g = theme.glyphs, t = theme.t
        let sep = g.separator
        let counts = state.openCountsBySeverity
        let critical = counts[4] + counts[5]
        var tiles = [
            Tile(label: "Open incidents", value: "\(state.openIncidentCount)",
                 detail: "sev5 \(counts[5])\(sep)sev4 \(counts[4])\(sep)sev3 \(counts[3])\(sep)sev\(g.atMost)2 \(counts[1] + counts[2])",
                 tone: critical > 0 ? .danger : state.openIncidentCount > 0 ? .warning : .good),
        ]
        let totals = state.ticketTotals(at: now)
        tiles.append(Tile(label: "Overdue tickets", value: "\(totals.overdue)", detail: "\(t("of")) \(totals.open) \(t("open"))",
                          tone: totals.overdue > 0 ? .danger : .good))
        // Worst air (ISPU directly or from PM2.5) and highest river among current readings; a
        // stale one counts only when no reading of its kind is current, and then says so.
        var air = Worst<Double>(), river = Worst<(FloodAlertLevel, Double)>()
        for s in state.stations.values {
            let staleAge = state.staleAge(of: s, now: now)
            switch s.kind {
            case .ispu, .pm25:
                let ispu = s.kind == .ispu ? s.value : ISPUCategory.ispu(fromPM25: s.value)
                air.consider(s, ispu, staleAge: staleAge) { $0 > $1 }
            case .waterLevel:
                let t = rules.thresholds(for: s)
                river.consider(s, (t.level(for: s.value), s.value / t.waspada), staleAge: staleAge) { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 > $1.1 }
            default: break
            }
        }
        if let (s, ispu, staleAge) = air.pick {
            let c = ISPUCategory(ispu: ispu)
            tiles.append(Tile(label: "Worst ISPU", value: "\(Int(saturating: ispu.rounded()))",
                              detail: air.note(staleAge, theme: theme) + "\(c.label)\(sep)\(s.name)" + air.staleCount(theme: theme),
                              tone: staleAge == nil ? c.tone : .neutral))
        }
        if let (s, (level, _), staleAge) = river.pick {
            let t = rules.thresholds(for: s)
            tiles.append(Tile(label: "Highest river", value: "\(Int(saturating: s.value.rounded()))",
                              detail: river.note(staleAge, theme: theme) + "cm\(sep)\(level.label)\(sep)\(s.name) (waspada \(Int(saturating: t.waspada)))" + river.staleCount(theme: theme),
                              tone: staleAge == nil ? level.tone : .neutral))
        }
        return tiles
    }

    /// The worst reading of one kind: the worst current one, else (when every reading is stale)
    /// the worst stale one; and how many were stale.
    struct Worst<Key> {
        private var current: (SensorStation, Key)?
        private var stale: (SensorStation, Key, Double)?
        private(set) var staleReadings = 0

        /// Equal readings go to the station whose key sorts first, not to the store's hashing
        /// order (a state restored from a checkpoint would pick another station).
        mutating func consider(_ s: SensorStation, _ key: Key, staleAge: Double?, worse: (Key, Key) -> Bool) {
            func wins(over other: (SensorStation, Key)) -> Bool {
                worse(key, other.1) || (!worse(other.1, key) && s.key < other.0.key)
            }
            if let staleAge {
                staleReadings += 1
                if stale == nil || wins(over: (stale!.0, stale!.1)) { stale = (s, key, staleAge) }
            } else if current == nil || wins(over: current!) {
                current = (s, key)
            }
        }

        /// The reading to show, with its stale age when it is stale.
        var pick: (SensorStation, Key, Double?)? {
            if let (s, k) = current { return (s, k, nil) }
            return stale.map { ($0.0, $0.1, $0.2) }
        }

        /// `stale 42m · ` before a stale pick's detail.
        func note(_ staleAge: Double?, theme: Theme) -> String {
            staleAge.map { "\(theme.t("stale")) \(durationText(seconds: $0))\(theme.glyphs.separator)" } ?? ""
        }

        /// ` · 3 stale` after a current pick's detail when other readings of its kind are stale.
        func staleCount(theme: Theme) -> String {
            current != nil && staleReadings > 0 ? "\(theme.glyphs.separator)\(staleReadings) \(theme.t("stale"))" : ""
        }
    }

    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        var rules = c.rules
        for (id, t) in spec.thresholds { rules.gaugeThresholds[id] = t }
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid)
        let tiles = tiles(c.state, rules: rules, theme: c.theme, now: c.now)
        guard !tiles.isEmpty, inner.width > 4, inner.height > 2 else { return }
        // Tiles side by side when wide enough, else in a grid of two columns.
        let columns = inner.width >= tiles.count * 24 ? tiles.count : min(2, tiles.count)
        let rows = (tiles.count + columns - 1) / columns
        let tileWidth = inner.width / columns
        let tileHeight = inner.height / rows
        for (i, tile) in tiles.enumerated() {
            let r = Rect(x: inner.x + (i % columns) * tileWidth, y: inner.y + (i / columns) * tileHeight,
                         width: tileWidth - 1, height: tileHeight)
            drawTile(tile, in: r, theme: c.theme, into: &grid)
        }
    }

    static func drawTile(_ t: Tile, in r: Rect, theme: Theme, into grid: inout CellGrid) {
        guard r.height >= 2, r.width >= 4 else { return }
        let style = theme.style(for: t.tone)
        grid.put(theme.t(t.label).uppercased(), x: r.x + 1, y: r.y, style: theme.dim, maxWidth: r.width - 1)
        let big = BigDigits.lines(t.value, glyphs: theme.glyphs)
        if r.height >= BigDigits.height + 2, BigDigits.width(of: t.value) <= r.width - 1 {
            for (k, line) in big.enumerated() {
                grid.put(line, x: r.x + 1, y: r.y + 1 + k, style: style.with(.bold), maxWidth: r.width - 1)
            }
            grid.put(t.detail, x: r.x + 1, y: r.y + 1 + BigDigits.height, style: theme.text, maxWidth: r.width - 1)
        } else {
            grid.put(t.value, x: r.x + 1, y: r.y + 1, style: style.with(.bold), maxWidth: r.width - 1)
            if r.height >= 3 { grid.put(t.detail, x: r.x + 1, y: r.y + 2, style: theme.text, maxWidth: r.width - 1) }
        }
    }
}

/// Digits three cells wide and three rows high, for counters read from afar: block glyphs, or
/// seven-segment ASCII with ``Glyphs/ascii`` (see ``Glyphs/bigDigits``).
public enum BigDigits {
    public static let height = 3

    /// The rows of `text` in big digits (other characters become blanks).
    public static func lines(_ text: String, glyphs: Glyphs = .unicode) -> [String] {
        (0..<height).map { row in text.map { glyphs.bigDigits[$0]?[row] ?? "   " }.joined(separator: " ") }
    }

    public static func width(of text: String) -> Int { max(0, text.count * 4 - 1) }
}
