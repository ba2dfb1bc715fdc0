import Foundation
import PantauCore

/// Everything about one incident: every field, its timeline, and what is within 2 km of it
/// (sensors, traffic segments, open tickets, other incidents), nearest first.
public enum IncidentDetailView {
    public static let nearbyRadius = 2000.0

    /// Splits `text` into lines of at most `width` columns at spaces (hard cuts for long words);
    /// the last allowed line ends in `…` when text remains.
    static func wrap(_ text: String, width: Int, maxLines: Int, ellipsis: Unicode.Scalar = "…") -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if terminalWidth(of: candidate) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += " \(ellipsis)"
        }
        return lines
    }

    /// Draws the incident `incidentID` as it stands at `now` (ages and "for 18m" are measured
    /// from it; see ``Dashboard/now``).
    ///
    /// `targets` adds each response step's time against its target; `showPersonalData` shows the
    /// caller and the address as they are (a supervisor's screen), else masked; `refusal` is why
    /// the last action on it was refused, shown under the timeline; `presence`, who at other
    /// consoles is on it (``Dashboard/presenceLine(on:)``), above that.
    public static func draw(incidentID: String, in rect: Rect, state: CityState, theme: Theme, rules: BandRules,
                            now: Instant, scroll: Int, targets: ResponseTargets? = nil, showPersonalData: Bool = false,
                            refusal: String? = nil, presence: String? = nil, into grid: inout CellGrid) {
        guard let inc = state.incidents[incidentID] else {
            let inner = Box.draw(rect, title: "\(theme.t("Incident")) \(incidentID)", focused: true, theme: theme, into: &grid)
            grid.put(theme.t("This incident is no longer held (closed and past retention)."), x: inner.x + 1, y: inner.y,
                     style: theme.dim, maxWidth: inner.width - 1)
            return
        }
        let g = theme.glyphs
        let topHeight = max(8, rect.height * 3 / 5)
        let (top, bottom) = rect.splitTop(topHeight)
        // Fields beside the timeline when both fit (the timeline needs ~24 columns to say
        // anything); in a narrow pane, the timeline goes under the fields instead.
        let fieldsWidth = max(34, min(56, top.width * 2 / 5))
        let (left, right) = top.width - fieldsWidth >= 24
            ? top.splitLeft(fieldsWidth)
            : top.splitTop(top.height >= 12 ? top.height - max(4, top.height / 3) : top.height)

        // Fields.
        let f = Box.draw(left, title: "\(inc.id)\(g.separator)\(inc.category.rawValue)", focused: true, theme: theme, into: &grid)
        let titleLines = wrap(inc.title, width: max(8, f.width - 15), maxLines: 3, ellipsis: g.ellipsis)
        var fields: [(String, String, Style?)] = titleLines.enumerated().map { i, line in
            (i == 0 ? theme.t("Title") : "", line, theme.title)
        }
        fields += [
            (theme.t("Category"), "\(inc.category.rawValue) (\(inc.category.respondingOffice))", nil),
            (theme.t("Severity"), "\(inc.severity) " + String(repeating: g.severityOn, count: min(5, max(0, inc.severity))), theme.style(forSeverity: inc.severity)),
            (theme.t("Status"), "\(inc.status.rawValue) for \(durationText(seconds: now.seconds(since: inc.statusChangedAt)))",
             inc.status == .new ? theme.style(for: .warning) : nil),
            (theme.t("Reported"), "\(CivilTime(inc.reportedAt).clockText) WIB, \(durationText(seconds: now.seconds(since: inc.reportedAt))) ago", nil),
        ]
        if let targets {
            for timer in inc.timers(now: now, targets: targets) {
                fields.append((theme.t(stepLabel(timer.step)), timerText(timer, incident: inc, theme: theme),
                               timer.missed ? theme.style(for: .danger) : timer.running ? nil : theme.dim))
            }
        }
        fields += [
            (theme.t("Last change"), "\(CivilTime(inc.updatedAt).clockText) WIB, \(durationText(seconds: now.seconds(since: inc.updatedAt))) ago", nil),
        ]
        if let e = inc.expires {
            // When the alert stops being in force (the store closes it then).
            let left = e.seconds(since: now)
            fields.append((theme.t("Expires"), "\(CivilTime(e).clockText) WIB, "
                           + (left > 0 ? "in \(durationText(seconds: left))" : "\(durationText(seconds: -left)) ago"), nil))
        }
        fields += [
            (theme.t("District"), inc.district ?? "-", nil),
            (theme.t("Address"), inc.address.map { showPersonalData ? $0 : PersonalData.maskAddress($0) } ?? "-", nil),
            (theme.t("Position"), inc.location.map { String(format: "%.5f, %.5f", $0.lat, $0.lon) } ?? "-", nil),
            (theme.t("Unit"), inc.units.isEmpty ? inc.unit ?? "-" : inc.units.joined(separator: ", "), nil),
            (theme.t("Agency"), inc.agency ?? "-", nil),
            (theme.t("Channel"), inc.channel ?? "-", nil),
            (theme.t("Source"), inc.source ?? "-", theme.dim),
        ]
        if inc.callerName != nil || inc.callerPhone != nil {
            let name = inc.callerName.map { showPersonalData ? $0 : PersonalData.maskName($0) }
            let phone = inc.callerPhone.map { showPersonalData ? $0 : PersonalData.maskPhone($0) }
            fields.insert((theme.t("Caller"), [name, phone].compactMap { $0 }.joined(separator: g.separator), nil), at: min(fields.count, 3 + titleLines.count))
        }
        if let d = inc.disposition { fields.append((theme.t("Disposition"), d, nil)) }
        if let d = inc.duplicateOf { fields.append((theme.t("Duplicate of"), d, theme.dim)) }
        if fields.count > f.height { fields = Array(fields.prefix(f.height)) }
        for (row, field) in fields.enumerated() {
            grid.put(field.0, x: f.x + 1, y: f.y + row, style: theme.dim, maxWidth: 12)
            grid.put(field.1, x: f.x + 14, y: f.y + row, style: field.2 ?? theme.text, maxWidth: f.width - 15)
        }

        // Timeline.
        let t = Box.draw(right, title: theme.t("Timeline"), focused: false, theme: theme, into: &grid,
                         rightNote: inc.timeline.dropped > 0 ? "\(inc.timeline.dropped) \(theme.t("older lines dropped"))" : nil)
        let entries = inc.timeline.entries
        let footerRows = DetailFooter.draw(refusal: refusal, presence: presence, in: t, theme: theme, into: &grid)
        let shown = entries.suffix(max(0, t.height - footerRows))
        for (row, e) in shown.enumerated() {
            grid.put(CivilTime(e.time).clockText, x: t.x + 1, y: t.y + row, style: theme.dim, maxWidth: 8)
            let style: Style
            switch e.change {
            case .status, .acknowledged, .dispatched, .unitStatus, .disposition, .mergedInto, .mergedFrom: style = theme.accent
            case .severity(let s): style = theme.style(forSeverity: s)
            case .note: style = theme.text
            default: style = theme.dim
            }
            grid.put(g.chrome(e.text), x: t.x + 10, y: t.y + row, style: style, maxWidth: t.width - 11)
        }

        // Nearby.
        guard bottom.height >= 3 else { return }
        let items: [NearbyItem] = inc.location.map { state.nearby($0, radius: nearbyRadius, excludingIncident: inc.id) } ?? []
        let n = Box.draw(bottom, title: "\(theme.t("Within 2 km")) (\(items.count))", focused: false, theme: theme, into: &grid,
                         rightNote: theme.t(inc.location == nil ? "no position" : "nearest first"))
        let columns = [
            TableColumn("Dist", width: 7, rightAligned: true),
            TableColumn("What", width: 8),
            TableColumn("Name", width: 16, flex: 2),
            TableColumn("State", width: 16, flex: 2),
        ]
        let start = min(scroll, max(0, items.count - (n.height - 1)))
        let rows: [[TableCell]] = items.dropFirst(start).prefix(max(0, n.height - 1)).map { item in
            let dist = TableCell(distanceText(meters: item.meters))
            switch item.thing {
            case .station(let s):
                // A stale reading says so in place of its band, dimmed, as in the sensors pane.
                if let age = state.staleAge(of: s, now: now) {
                    return [dist, TableCell(s.kind.label), TableCell(s.name),
                            TableCell("\(SensorsPane.valueText(s.value)) \(g.chrome(s.unit)) \(theme.t("stale")) \(durationText(seconds: age))", theme.dim)]
                }
                let band = rules.band(of: s)
                return [dist, TableCell(s.kind.label), TableCell(s.name),
                        TableCell("\(SensorsPane.valueText(s.value)) \(g.chrome(s.unit)) \(band?.label ?? "")", theme.style(for: band?.tone ?? .neutral))]
            case .segment(let s):
                if let age = state.staleAge(of: s, now: now) {
                    return [dist, TableCell("traffic"), TableCell(s.road),
                            TableCell("\(theme.t("stale")) \(durationText(seconds: age))", theme.dim)]
                }
                return [dist, TableCell("traffic"), TableCell(s.road),
                        TableCell("jam \(s.jamLevel) \(JamLevel.label(s.jamLevel))", theme.style(for: JamLevel.tone(s.jamLevel)))]
            case .ticket(let tk):
                let overdue = tk.isOverdue(at: now)
                return [dist, TableCell("ticket"), TableCell("\(tk.id) \(tk.category)"),
                        TableCell("\(tk.agency)\(overdue ? "\(g.separator)overdue" : "")", overdue ? theme.style(for: .danger) : nil)]
            case .incident(let other):
                return [dist, TableCell("incident"), TableCell("\(other.id) \(other.category.rawValue)"),
                        TableCell("sev \(other.severity)\(g.separator)\(other.status.rawValue)", theme.style(forSeverity: other.severity))]
            }
        }
        if rows.isEmpty {
            grid.put(theme.t(inc.location == nil ? "The incident has no coordinates." : "Nothing recorded within 2 km."),
                     x: n.x + 1, y: n.y, style: theme.dim, maxWidth: n.width - 1)
        } else {
            Table.draw(columns: columns, rows: rows, selected: nil, focused: false, in: n, theme: theme, into: &grid)
        }
    }

    static func stepLabel(_ step: ResponseStep) -> String {
        switch step {
        case .acknowledge: return "Acknowledge"
        case .dispatch: return "Dispatch"
        case .onScene: return "On scene"
        }
    }

    /// `10:42 by siti, after 2m (target 1m)`, `running 45s (target 1m)`, `missed by 2m`.
    static func timerText(_ timer: ResponseTimer, incident: Incident, theme: Theme) -> String {
        let target = timer.target.map { " (\(theme.t("target")) \(durationText(seconds: $0)))" } ?? ""
        if let done = timer.doneAt {
            let by = timer.step == .acknowledge ? incident.acknowledgedBy.map { " \(theme.t("by")) \($0)" } ?? "" : ""
            return "\(CivilTime(done).shortClockText)\(by), \(theme.t("after")) \(durationText(seconds: timer.elapsed))\(target)"
        }
        guard timer.running else { return "-" }
        if let left = timer.remaining, left < 0 {
            return "\(theme.t("missed by")) \(durationText(seconds: -left))\(target)"
        }
        return "\(theme.t("running")) \(durationText(seconds: timer.elapsed))\(target)"
    }
}
