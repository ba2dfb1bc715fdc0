import PantauCore

extension Dashboard {
    /// The banner under the header while an alarm is raised and nobody has acknowledged it:
    /// `▲ ALARM Siaga 2 · Pintu Air Sepuluh · 14:52 (+2 more) — a: acknowledge in alarms pane`,
    /// the first such alarm in the alarms pane's order; nil when there is none. The hint names
    /// the key as bound (a layout may rebind it) and is left out where there is no such key (a
    /// viewer) or no alarms pane to press it in.
    public func alarmBanner(state: CityState) -> String? {
        // `14:52`, or `22/11 23:40` for an alarm raised another day than now's.
        func raisedText(_ time: Instant) -> String {
            let raised = CivilTime(time)
            guard let now, !raised.isSameDay(as: CivilTime(now)) else { return raised.shortClockText }
            return "\(raised.shortText(today: CivilTime(now))) \(raised.shortClockText)"
        }
        guard state.unacknowledgedAlarmCount > 0,
              let first = state.alarmsInPaneOrder.first(where: \.needsAttention) else { return nil }
        let g = theme.glyphs
        let subject = RecordKey(first.subject)
        let headline = first.raise.level ?? first.title
        var text = "\(g.isASCII ? "^" : "▲") \(theme.t("ALARM")) \(headline)"
        // The place by its name; a subject with none (an office: "DLH: 4 overdue tickets") is
        // named once, not again after a headline that already says it.
        if let place = state.stations[subject]?.name ?? state.segments[subject]?.road {
            text += "\(g.separator)\(place)"
        } else if !headline.contains(first.subject) {
            text += "\(g.separator)\(first.subject)"
        }
        text += "\(g.separator)\(raisedText(first.raisedAt))"
        let more = state.unacknowledgedAlarmCount - 1
        if more > 0 { text += " (+\(more) \(theme.t("more")))" }
        let acknowledge = keys.available(to: role).bindings.first { $0.action == .desk(.acknowledgeAlarm) }
        if let acknowledge, role.may(.acknowledgeAlarm), layout.panes.contains(where: { $0.type == .alarms }) {
            text += " \(g.isASCII ? "-" : "—") " + theme.t("a: acknowledge in alarms pane")
                .replacingOccurrences(of: "a:", with: "\(g.chrome(acknowledge.label)):")
        }
        return text
    }

    /// The panes' area: under the header (and the alarm banner when it shows), above the footer
    /// and `bottomRows` more (the rewind timeline).
    static func bodyRect(banner: Bool, bottomRows: Int, width: Int, height: Int) -> Rect {
        let top = banner ? 2 : 1
        return Rect(x: 0, y: top, width: width, height: max(0, height - 1 - top - bottomRows))
    }

    /// The rows the rewind timeline takes above the footer at a screen `height` (0: not rewound,
    /// or no room for it).
    func timelineRows(height: Int) -> Int {
        rewind == nil || height < layout.minimumSize.height + 1 ? 0 : 1
    }

    /// Draws `banner` on the row under the header, in the alarm tone.
    func drawAlarmBanner(_ banner: String, into grid: inout CellGrid) {
        let style = theme.style(for: .danger).with([.reverse, .bold])
        grid.fill(Rect(x: 0, y: 1, width: grid.width, height: 1), style: style)
        grid.put(" " + banner, x: 0, y: 1, style: style, maxWidth: grid.width)
    }
}
