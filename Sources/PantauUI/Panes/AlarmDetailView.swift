import PantauCore

/// Everything about one alarm: what the rule saw, who acknowledged it, when it cleared, the
/// incident made of it, and its timeline (raised, acknowledged, notes, incident, cleared).
public enum AlarmDetailView {
    /// Draws the alarm `alarmID` as it stands at `now`; `refusal` is why the last action on it
    /// was refused, shown under the timeline; `presence`, who at other consoles is on it, above that.
    public static func draw(alarmID: String, in rect: Rect, state: CityState, theme: Theme, now: Instant, scroll: Int,
                            refusal: String? = nil, presence: String? = nil, into grid: inout CellGrid) {
        guard let alarm = state.alarms[alarmID] else {
            let inner = Box.draw(rect, title: "\(theme.t("Alarm")) \(alarmID)", focused: true, theme: theme, into: &grid)
            grid.put(theme.t("This alarm is no longer held."), x: inner.x + 1, y: inner.y, style: theme.dim, maxWidth: inner.width - 1)
            return
        }
        let g = theme.glyphs
        let fieldsWidth = max(34, min(60, rect.width * 2 / 5))
        let (left, right) = rect.width - fieldsWidth >= 24 ? rect.splitLeft(fieldsWidth) : rect.splitTop(max(8, rect.height / 2))
        let f = Box.draw(left, title: "\(alarm.rule)\(g.separator)\(alarm.subject)", focused: true, theme: theme, into: &grid)
        func ago(_ t: Instant) -> String {
            "\(CivilTime(t).clockText) WIB, \(durationText(seconds: now.seconds(since: t))) ago"
        }
        let titleLines = IncidentDetailView.wrap(alarm.title, width: max(8, f.width - 15), maxLines: 3, ellipsis: g.ellipsis)
        var fields: [(String, String, Style?)] = titleLines.enumerated().map { i, line in
            (i == 0 ? theme.t("Title") : "", line, theme.title)
        }
        fields += [
            (theme.t("State"), AlarmsPane.stateText(alarm, theme),
             alarm.needsAttention ? theme.style(for: .danger) : alarm.isActive ? theme.style(for: .warning) : theme.dim),
            (theme.t("Severity"), "\(alarm.severity) " + String(repeating: g.severityOn, count: min(5, max(0, alarm.severity))),
             theme.style(forSeverity: alarm.severity)),
            (theme.t("Rule"), alarm.rule, nil),
            (theme.t("Subject"), alarm.subject, nil),
            (theme.t("Level"), AlarmsPane.valueText(alarm), nil),
            (theme.t("Raised"), ago(alarm.raisedAt), nil),
            (theme.t("Acknowledged"), alarm.acknowledgedAt.map { "\(ago($0)) \(theme.t("by")) \(alarm.acknowledgedBy ?? "?")" } ?? "-",
             alarm.needsAttention ? theme.style(for: .danger) : nil),
            (theme.t("Cleared"), alarm.clearedAt.map { t in
                ago(t) + (alarm.clearValue.map { " (\(SensorsPane.valueText($0)))" } ?? "")
            } ?? "-", nil),
            (theme.t("Incident"), alarm.incidentID ?? "-", nil),
            ("Id", alarm.id, theme.dim),
        ]
        for (row, field) in fields.prefix(f.height).enumerated() {
            grid.put(field.0, x: f.x + 1, y: f.y + row, style: theme.dim, maxWidth: 12)
            grid.put(field.1, x: f.x + 14, y: f.y + row, style: field.2 ?? theme.text, maxWidth: f.width - 15)
        }

        let t = Box.draw(right, title: theme.t("Timeline"), focused: false, theme: theme, into: &grid,
                         rightNote: alarm.timeline.dropped > 0 ? "\(alarm.timeline.dropped) \(theme.t("older lines dropped"))" : nil)
        let footerRows = DetailFooter.draw(refusal: refusal, presence: presence, in: t, theme: theme, into: &grid)
        let entries = alarm.timeline.entries
        let rows = max(0, t.height - footerRows)
        let start = min(max(0, scroll), max(0, entries.count - rows))
        for (row, e) in entries.dropFirst(start).prefix(rows).enumerated() {
            grid.put(CivilTime(e.time).clockText, x: t.x + 1, y: t.y + row, style: theme.dim, maxWidth: 8)
            let style: Style
            switch e.change {
            case .note: style = theme.text
            case .acknowledged: style = theme.accent
            default: style = theme.dim
            }
            grid.put(g.chrome(e.text), x: t.x + 10, y: t.y + row, style: style, maxWidth: t.width - 11)
        }
    }
}
