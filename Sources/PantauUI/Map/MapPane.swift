import Foundation
import PantauCore

/// The city drawn in the terminal: base layers in braille dots (the layout's GeoJSON files, or
/// regions around the kecamatan centres), kecamatan names where they fit, then jammed road
/// segments (◆), gauges at Siaga 3 or worse (▲), both only while current (not stale at now),
/// and open incidents (●) coloured by severity,
/// new ones blinking, and the selected incident (◉ with its id). A legend and a scale bar take
/// the last row when the pane is tall enough. Only what lies in view is drawn.
public enum MapPane {
    /// The area the pane fits at zoom 1: its layers' extent, or Kota Tangerang without layers.
    public static func fitBounds(_ spec: PaneSpec) -> GeoBounds {
        var bounds: GeoBounds?
        for layer in spec.mapLayers { if let b = layer.bounds { bounds = bounds?.union(b) ?? b } }
        return bounds?.expanded(by: 0.002) ?? .kotaTangerang
    }

    /// The base layers drawn: the pane's, or the derived kecamatan regions.
    static func baseLayers(_ spec: PaneSpec) -> [GeoJSONLayer] {
        spec.mapLayers.isEmpty ? [GeoJSONLayer.kecamatanRegions] : spec.mapLayers
    }

    /// The style of each canvas ink (`GeoJSONLayer.Kind` raw values).
    static func inkStyles(_ theme: Theme) -> [Style] {
        [theme.border, theme.border, theme.text.with(.dim), theme.style(for: .moderate), theme.dim]
    }

    /// The projection of the pane's map area (the inner rectangle less the legend row).
    public static func projection(_ spec: PaneSpec, viewport: MapViewport, area: Rect) -> MapProjection {
        MapProjection(fitting: fitBounds(spec), viewport: viewport, columns: area.width, rows: area.height)
    }

    /// The cells the map itself uses inside the pane's border (the legend row excluded).
    public static func mapArea(inner: Rect) -> Rect {
        Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - (inner.height >= 8 ? 1 : 0))
    }

    /// Draws the pane into `rect`: its box, the base layers, names, markers, the selected
    /// incident and the legend, for the view in `c.mapView`. A pure function of its inputs.
    public static func draw(_ spec: PaneSpec, in rect: Rect, context c: PaneContext, into grid: inout CellGrid) {
        let view = c.mapView
        let ascii = c.theme.ascii
        let note = view.isReset ? nil : String(format: ascii ? "zoom x%.1f" : "zoom ×%.1f", view.zoom)
        let inner = Box.draw(rect, title: spec.title, focused: c.focused, theme: c.theme, into: &grid, rightNote: note)
        guard inner.width >= 4, inner.height >= 2 else { return }
        let area = mapArea(inner: inner)
        let projection = projection(spec, viewport: view, area: area)
        let visible = projection.visibleBounds
        let layers = baseLayers(spec)

        var canvas = BrailleCanvas(columns: area.width, rows: area.height)
        for layer in layers { stroke(layer, projection: projection, visible: visible, into: &canvas) }
        canvas.draw(into: &grid, x: area.x, y: area.y, styles: inkStyles(c.theme), ascii: ascii)
        var markers = Markers(area: area)
        let counts = markers.collect(spec, projection: projection, context: c)
        drawLabels(layers, projection: projection, area: area, avoiding: markers, theme: c.theme, into: &grid)
        markers.draw(theme: c.theme, into: &grid)
        let selected = drawSelection(projection: projection, area: area, context: c, into: &grid)
        if area.height < inner.height {
            drawLegend(counts, selected: selected, projection: projection,
                       row: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), theme: c.theme, into: &grid)
        }
    }

    /// Projects and strokes the layer's paths that reach into view.
    static func stroke(_ layer: GeoJSONLayer, projection p: MapProjection, visible: GeoBounds, into canvas: inout BrailleCanvas) {
        let lons = layer.lons, lats = layer.lats
        for path in layer.paths where path.bounds.intersects(visible) {
            let ink = path.kind.rawValue
            let first = p.dot(lon: lons[path.start], lat: lats[path.start])
            canvas.set(x: Int(saturating: first.x.rounded(.down)), y: Int(saturating: first.y.rounded(.down)), ink: ink)
            guard path.count > 1 else { continue }
            var previous = first
            for k in (path.start + 1)..<(path.start + path.count) {
                let d = p.dot(lon: lons[k], lat: lats[k])
                // Vertices closer than a dot add nothing.
                if abs(d.x - previous.x) < 0.5 && abs(d.y - previous.y) < 0.5 { continue }
                canvas.line(x0: previous.x, y0: previous.y, x1: d.x, y1: d.y, ink: ink)
                previous = d
            }
            if path.closed { canvas.line(x0: previous.x, y0: previous.y, x1: first.x, y1: first.y, ink: ink) }
        }
    }

    /// Writes feature names centred on their label points (or a row below or above, where that
    /// keeps them clear of markers), skipping any that would leave the map or touch a name
    /// already written, also diagonally, so a small map is not all words.
    static func drawLabels(_ layers: [GeoJSONLayer], projection p: MapProjection, area: Rect, avoiding markers: Markers,
                           theme: Theme, into grid: inout CellGrid) {
        var labels = layers.flatMap(\.labels)
        if labels.isEmpty {
            labels = Kecamatan.all.map { GeoJSONLayer.Label(text: $0.name, at: $0.centre) }
        }
        var taken: [Rect] = []
        for label in labels {
            guard let cell = p.cell(label.at) else { continue }
            let text = theme.ascii ? asciiFolded(label.text) : label.text
            let w = terminalWidth(of: text)
            guard w <= area.width else { continue }
            let x = min(max(0, cell.x - w / 2), area.width - w)
            func free(_ y: Int) -> Bool {
                y >= 0 && y < area.height
                    && !taken.contains { abs($0.y - (area.y + y)) <= 1 && $0.x < area.x + x + w + 1 && area.x + x - 1 < $0.maxX }
            }
            let rows = [cell.y, cell.y + 1, cell.y - 1]
            guard let y = rows.first(where: { free($0) && !markers.any(row: $0, from: x, count: w) })
                    ?? rows.first(where: free) else { continue }
            let r = Rect(x: area.x + x, y: area.y + y, width: w, height: 1)
            taken.append(r)
            grid.put(text, x: r.x, y: r.y, style: theme.text, maxWidth: w)
        }
    }

    /// What the markers showed, for the legend.
    struct Counts {
        var incidents = 0
        var unplaced = 0
        var gauges = 0
        var jams = 0
    }

    /// The live things on the map, one marker per cell: the most important wins a shared cell.
    /// Codes are also priorities: jams 13…15 (10 + jam level), gauges 21…23 (Siaga 3…1),
    /// incidents 32…41 (30 + 2 · severity, + 1 when new).
    struct Markers {
        let area: Rect
        private(set) var marks: [UInt8]
        private(set) var isEmpty = true

        init(area: Rect) {
            self.area = area
            marks = [UInt8](repeating: 0, count: area.width * area.height)
        }

        /// Whether any of `count` cells from column `x` of map row `y` holds a marker.
        func any(row y: Int, from x: Int, count: Int) -> Bool {
            guard !isEmpty else { return false }
            let base = y * area.width
            for i in max(0, x)..<min(area.width, x + count) where marks[base + i] != 0 { return true }
            return false
        }

        /// Marks what the pane shows of `c.state`; returns the counts for the legend.
        mutating func collect(_ spec: PaneSpec, projection p: MapProjection, context c: PaneContext) -> Counts {
            var counts = Counts()
            let w = area.width
            var any = false
            @inline(__always) func mark(_ location: GeoPoint, _ code: UInt8) {
                guard let cell = p.cell(lon: location.lon, lat: location.lat) else { return }
                let i = cell.y * w + cell.x
                if code > marks[i] { marks[i] = code; any = true }
            }
            let filter = spec.filter
            let unfiltered = filter.isEmpty
            // Records are read in place by index (a copy of each would cost more than the rest of
            // the frame), and only the fields a marker needs.
            let limits = c.state.staleLimits
            let segments = c.state.segments.values
            var i = segments.startIndex
            while i != segments.endIndex {
                defer { i = segments.index(after: i) }
                let jam = segments[i].jamLevel
                guard jam >= 3, let l = segments[i].location, unfiltered || filter.matches(segments[i]),
                      c.now.millis - segments[i].updatedAt.millis <= Int64(limits.trafficLimit(source: segments[i].source) * 1000) else { continue }
                counts.jams += 1
                mark(l, UInt8(10 + min(5, jam)))
            }
            var rules = c.rules
            for (id, t) in spec.thresholds { rules.gaugeThresholds[id] = t }
            let stations = c.state.stations.values
            var j = stations.startIndex
            while j != stations.endIndex {
                defer { j = stations.index(after: j) }
                guard stations[j].kind == .waterLevel, let l = stations[j].location,
                      unfiltered || filter.matches(stations[j]),
                      c.now.millis - stations[j].updatedAt.millis <= Int64(limits.sensorLimit(source: stations[j].source) * 1000) else { continue }
                let level = rules.thresholds(for: stations[j]).level(for: stations[j].value)
                guard level >= .siaga3 else { continue }
                counts.gauges += 1
                mark(l, UInt8(24 - level.rawValue))
            }
            let seen = c.seenIncidentSequence, blinkOn = c.blinkOn
            let incidents = c.state.incidents.values
            var k = incidents.startIndex
            while k != incidents.endIndex {
                defer { k = incidents.index(after: k) }
                guard incidents[k].status.isOpen, unfiltered || filter.matches(incidents[k]) else { continue }
                guard let l = incidents[k].location else { counts.unplaced += 1; continue }
                counts.incidents += 1
                let isNew = incidents[k].sequence > seen
                // New incidents blink: in the off phase the cell shows what lies beneath.
                if isNew && !blinkOn { continue }
                mark(l, UInt8(30 + 2 * min(5, max(1, incidents[k].severity)) + (isNew ? 1 : 0)))
            }
            isEmpty = !any
            return counts
        }

        /// Writes the markers over the map.
        func draw(theme: Theme, into grid: inout CellGrid) {
            guard !isEmpty else { return }
            let w = area.width
            for row in 0..<area.height {
                for column in 0..<w {
                    let code = marks[row * w + column]
                    guard code != 0 else { continue }
                    let (glyph, style) = MapPane.marker(code, theme: theme, ascii: theme.ascii)
                    grid[area.x + column, area.y + row] = Cell(glyph, style: style)
                }
            }
        }
    }

    /// The glyph and style of a marker code.
    static func marker(_ code: UInt8, theme: Theme, ascii: Bool) -> (Unicode.Scalar, Style) {
        switch code {
        case 30...:
            return (ascii ? "@" : "●", theme.style(forSeverity: Int(code - 30) / 2))
        case 20...:
            let level = FloodAlertLevel(rawValue: 24 - Int(code)) ?? .siaga3
            return (ascii ? "^" : "▲", theme.style(for: level.tone))
        default:
            return (ascii ? "#" : "◆", theme.style(for: JamLevel.tone(Int(code) - 10)))
        }
    }

    /// Where the selected incident is: on the map, off the part in view, or without a position.
    enum Selection {
        case none
        case shown(String)
        case offView(String)
        case unplaced(String)
    }

    /// Highlights the selected incident with a distinct marker and its id beside it.
    static func drawSelection(projection p: MapProjection, area: Rect, context c: PaneContext,
                              into grid: inout CellGrid) -> Selection {
        guard let id = c.selectedIncidentID, let inc = c.state.incidents[id] else { return .none }
        let label = IncidentsPane.shortID(id)
        guard let l = inc.location else { return .unplaced(label) }
        guard let cell = p.cell(l) else { return .offView(label) }
        let style = c.theme.selection.with(.bold)
        let x = area.x + cell.x, y = area.y + cell.y
        grid[x, y] = Cell(c.theme.ascii ? "X" : "◉", style: style)
        let w = terminalWidth(of: label) + 2
        // The id to the right of the marker, else to its left.
        if x + 1 + w <= area.maxX {
            grid.put(" \(label) ", x: x + 1, y: y, style: style, maxWidth: w)
        } else if x - w >= area.x {
            grid.put(" \(label) ", x: x - w, y: y, style: style, maxWidth: w)
        }
        return .shown(label)
    }

    /// One row: what the markers mean with their counts, the selected incident, and a scale bar
    /// at the right, each part only when it fits whole.
    static func drawLegend(_ counts: Counts, selected: Selection, projection p: MapProjection, row: Rect, theme: Theme,
                           into grid: inout CellGrid) {
        let a = theme.ascii
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts: [(String, Style, String)] = [
            (a ? "@" : "●", theme.style(forSeverity: 4), plural(counts.incidents, "incident")),
            (a ? "^" : "▲", theme.style(for: .danger), plural(counts.gauges, "gauge") + " ≥ Siaga 3"),
            (a ? "#" : "◆", theme.style(for: .warning), plural(counts.jams, "jam")),
        ]
        switch selected {
        case .none: break
        case .shown(let id): parts.append((a ? "X" : "◉", theme.selection, id))
        case .offView(let id): parts.append((a ? "X" : "◉", theme.selection, "\(id) out of view"))
        case .unplaced(let id): parts.append((a ? "X" : "◉", theme.selection, "\(id) has no position"))
        }
        if counts.unplaced > 0 { parts.append(("", theme.dim, "\(counts.unplaced) without position")) }
        let scale = scaleBar(metresPerCell: p.metresPerCell, maxCells: min(12, row.width / 4), ascii: a)
        let right = scale.map { terminalWidth(of: $0) + 1 } ?? 0
        // Where it does not all fit: first without the unplaced count, then in fewer words
        // (`● 13 incidents ▲ 2 flooded ◆ 0 jams`), then the counts alone (`● 13 ▲ 2 ◆ 0`).
        let room = row.width - right
        func width() -> Int { parts.map { terminalWidth(of: $0.0) + 1 + terminalWidth(of: $0.2) + 2 }.reduce(0, +) }
        if width() > room, counts.unplaced > 0 { parts.removeLast() }
        if width() > room { parts[1].2 = "\(counts.gauges) flooded" }
        let wide = width()
        if wide > room {
            parts = parts.enumerated().map { i, p in i < 3 ? (p.0, p.1, String(p.2.prefix { $0 != " " })) : p }
        }
        var x = row.x
        for (glyph, style, text) in parts {
            let text = a ? asciiFolded(text) : text
            let w = (glyph.isEmpty ? 0 : terminalWidth(of: glyph) + 1) + terminalWidth(of: text)
            guard x + w <= row.maxX - right else { break }
            if !glyph.isEmpty { x += grid.put(glyph, x: x, y: row.y, style: style) + 1 }
            x += grid.put(text, x: x, y: row.y, style: theme.dim) + (wide > room ? 1 : 2)
        }
        if let scale { grid.putRight(scale, maxX: row.maxX, y: row.y, style: theme.dim) }
    }

    /// A bar of whole cells as long as a round distance, e.g. `├──┤ 2 km`, or nil when none fits.
    static func scaleBar(metresPerCell m: Double, maxCells: Int, ascii: Bool) -> String? {
        guard m > 0, maxCells >= 3 else { return nil }
        let lengths: [Double] = [50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000]
        guard let metres = lengths.last(where: { ($0 / m).rounded() <= Double(maxCells) }),
              Int((metres / m).rounded()) >= 3 else { return nil }
        let cells = Int((metres / m).rounded())
        let bar = ascii ? "|" + String(repeating: "-", count: cells - 2) + "|"
            : "├" + String(repeating: "─", count: cells - 2) + "┤"
        return bar + " " + (metres >= 1000 ? "\(Int(metres / 1000)) km" : "\(Int(metres)) m")
    }

    /// `text` with accents removed and anything else outside ASCII shown as `?`.
    static func asciiFolded(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "≥", with: ">=").folding(options: .diacriticInsensitive, locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
    }
}
