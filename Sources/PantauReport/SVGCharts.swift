import PantauCore

/// The HTML report's charts, drawn as inline SVG by hand: no script, no external file. Every
/// text in them goes through ``HTMLReportRenderer/escape(_:)``.
enum SVGCharts {
    static let width = 760.0
    private static let left = 52.0, right = 150.0, top = 22.0, bottom = 34.0

    /// Bars: real incidents first seen in each hour.
    static func incidentsPerHour(_ hours: [HourCount]) -> String {
        let height = 220.0
        let plotW = width - left - right, plotH = height - top - bottom
        let peak = max(1, hours.map(\.incidents).max() ?? 0)
        var svg = open(height: height, label: "Incidents per hour")
        svg += axes(height: height, yLabels: [(0, "0"), (1, String(peak))], unit: "incidents")
        let slot = plotW / Double(max(1, hours.count))
        let every = max(1, Int((Double(hours.count) / 12).rounded(.up)))
        for (i, h) in hours.enumerated() {
            let x = left + Double(i) * slot
            let barH = plotH * Double(h.incidents) / Double(peak)
            svg += "<rect class=\"bar\" x=\"\(f(x + slot * 0.1))\" y=\"\(f(top + plotH - barH))\" width=\"\(f(slot * 0.8))\" height=\"\(f(barH))\">"
            svg += "<title>\(HTMLReportRenderer.escape(ReportText.time(h.hour))): \(h.incidents)</title></rect>"
            if i % every == 0 {
                svg += text(x + slot / 2, height - bottom + 16, CivilTime(h.hour).shortClockText, anchor: "middle")
            }
        }
        return svg + "</svg>"
    }

    /// A line: the gauge's water level over the period, with its Siaga 3/2/1 levels.
    static func waterLevel(_ gauge: GaugeSeries, from: Instant, to: Instant) -> String {
        let height = 260.0
        let plotW = width - left - right, plotH = height - top - bottom
        let th = gauge.thresholds
        let values = gauge.points.map(\.value)
        let lo = min(values.min() ?? 0, th.waspada) * 0.9
        let hi = max(gauge.peak, th.awas) * 1.05
        let span = max(1, hi - lo)
        let timeSpan = Double(max(1, to.millis - from.millis))
        func x(_ t: Instant) -> Double { left + plotW * Double(t.millis - from.millis) / timeSpan }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - lo) / span) }
        var svg = open(height: height, label: "Water level of \(gauge.name)")
        svg += axes(height: height, yLabels: [(0, ReportText.number(lo.rounded())), (1, ReportText.number(hi.rounded()))], unit: "cm")
        let levels: [(Double, FloodAlertLevel, String)] = [(th.waspada, .siaga3, "siaga3"), (th.siaga, .siaga2, "siaga2"),
                                                           (th.awas, .siaga1, "siaga1")]
        for (value, level, css) in levels {
            svg += "<line class=\"level \(css)\" x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\"/>"
            svg += text(left + plotW + 6, y(value) + 4, "\(level.label) \(ReportText.number(value)) cm", css: "levellabel \(css)")
        }
        let line = gauge.points.map { "\(f(x($0.time))),\(f(y($0.value)))" }.joined(separator: " ")
        svg += "<polyline class=\"water\" points=\"\(line)\"/>"
        svg += "<circle class=\"peak\" cx=\"\(f(x(gauge.peakAt)))\" cy=\"\(f(y(gauge.peak)))\" r=\"4\"><title>peak \(ReportText.number(gauge.peak)) cm at \(ReportText.time(gauge.peakAt))</title></circle>"
        let hours = max(1, Int(timeSpan / 3_600_000))
        let step = Double(max(1, Int((Double(hours) / 8).rounded(.up)))) * 3_600_000
        var tick = Double(ReportBuilder.hourStart(from).millis)
        if tick < Double(from.millis) { tick += 3_600_000 }
        while tick <= Double(to.millis) {
            let t = Instant(millis: Int64(tick))
            svg += text(x(t), height - bottom + 16, CivilTime(t).shortClockText, anchor: "middle")
            tick += step
        }
        return svg + "</svg>"
    }

    /// Boxes: time from report to on scene per category (whiskers to the fastest and slowest,
    /// box from the 25th to the 75th percentile, a bar at the median).
    static func responseBoxes(_ groups: [Distribution]) -> String {
        let rowH = 30.0
        let height = top + bottom + rowH * Double(max(1, groups.count))
        let plotW = width - left - right - 70
        let x0 = left + 70
        var svg = open(height: height, label: "Time from report to on scene by category")
        guard let slowest = groups.compactMap(\.seconds.last).max() else {
            svg += text(left, top + 20, "No incident reported in the period was reached on scene.")
            return svg + "</svg>"
        }
        // Ticks at a round number of minutes, four or five of them.
        let step = ([1.0, 2, 5, 10, 15, 30, 60, 120, 240, 480].first { $0 * 60 * 5 >= slowest } ?? 1440) * 60
        let ticks = Int((slowest / step).rounded(.up))
        let scale = plotW / (step * Double(max(1, ticks)))
        func x(_ s: Double) -> Double { x0 + s * scale }
        for (i, g) in groups.enumerated() {
            let mid = top + rowH * (Double(i) + 0.5)
            let q = [0.25, 0.5, 0.75].map { IntervalStats.nearestRank(g.seconds, $0) ?? 0 }
            let lo = g.seconds.first ?? 0, hi = g.seconds.last ?? 0
            svg += text(x0 - 8, mid + 4, "\(g.group) (\(g.seconds.count))", anchor: "end")
            svg += "<line class=\"whisker\" x1=\"\(f(x(lo)))\" x2=\"\(f(x(hi)))\" y1=\"\(f(mid))\" y2=\"\(f(mid))\"/>"
            svg += "<rect class=\"box\" x=\"\(f(x(q[0])))\" y=\"\(f(mid - 9))\" width=\"\(f(max(1, x(q[2]) - x(q[0]))))\" height=\"18\">"
            svg += "<title>\(HTMLReportRenderer.escape(g.group)): median \(ReportText.duration(q[1])), \(ReportText.duration(lo)) to \(ReportText.duration(hi))</title></rect>"
            svg += "<line class=\"median\" x1=\"\(f(x(q[1])))\" x2=\"\(f(x(q[1])))\" y1=\"\(f(mid - 9))\" y2=\"\(f(mid + 9))\"/>"
        }
        let axisY = height - bottom + 4
        svg += "<line class=\"axis\" x1=\"\(f(x0))\" x2=\"\(f(x0 + plotW))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY))\"/>"
        for k in 0...max(1, ticks) {
            let s = step * Double(k)
            svg += text(x(s), axisY + 16, ReportText.duration(s), anchor: "middle")
        }
        return svg + "</svg>"
    }

    // MARK: - Pieces

    private static func open(height: Double, label: String) -> String {
        let l = HTMLReportRenderer.escape(label)
        return "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(l)\"><title>\(l)</title>"
    }

    /// The left and bottom axes, with labels at fractions (0 bottom … 1 top) of the plot.
    private static func axes(height: Double, yLabels: [(Double, String)], unit: String) -> String {
        let plotH = height - top - bottom, plotW = width - left - right
        var s = "<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\"/>"
        s += "<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\"/>"
        for (fraction, label) in yLabels {
            s += text(left - 6, top + plotH * (1 - fraction) + 4, label, anchor: "end")
        }
        s += text(left, top - 8, unit, css: "unit")
        return s
    }

    private static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", css: String = "label") -> String {
        "<text class=\"\(css)\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\">\(HTMLReportRenderer.escape(content))</text>"
    }

    /// A coordinate with one decimal.
    private static func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int64(r)) : String(r)
    }
}
