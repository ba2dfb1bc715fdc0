import PantauCore

extension ShiftReport {
    /// The report's tables, in the order every format writes them.
    public var tables: [ReportTable] {
        [summaryTable, categoryTable(byCategory, section: "incidents_by_category", title: "Incidents by category"),
         outcomeTable, responseTable(responseByCategory, section: "response_by_category", group: "category",
                                     title: "Response intervals by category"),
         responseTable(responseBySeverity, section: "response_by_severity", group: "severity",
                       title: "Response intervals by severity"),
         targetsTable, alarmsTable, ticketsTable, usersTable, exerciseTable, hoursTable]
    }

    private var summaryTable: ReportTable {
        var rows: [[ReportCell]] = [
            [.text("period from"), .text(RFC3339.format(from))],
            [.text("period to"), .text(RFC3339.format(to))],
            [.text("events in period"), .count(eventsInPeriod)],
            [.text("incidents reported"), .count(incidentsReported)],
            [.text("incidents not measured (first seen past new)"), .count(incidentsNotMeasured)],
            [.text("exercise incidents (left out)"), .count(exercise.incidents)],
            [.text("alarms raised"), .count(alarmsByRule.reduce(0) { $0 + $1.raised })],
            [.text("alarms: median time to acknowledge"), .seconds(alarmsToAcknowledge.median)],
            [.text("alarms: p90 time to acknowledge"), .seconds(alarmsToAcknowledge.p90)],
            [.text("tickets opened"), .count(ticketsByOffice.reduce(0) { $0 + $1.opened })],
            [.text("tickets overdue at end"), .count(ticketsByOffice.reduce(0) { $0 + $1.overdue })],
            [.text("console actions"), .count(actionsByUser.reduce(0) { $0 + $1.actions })],
            [.text("skipped input lines"), .count(skippedLines)],
        ]
        if let g = worstGauge {
            rows.append([.text("highest water"), .text("\(g.name): \(ReportText.number(g.peak)) cm at \(ReportText.time(g.peakAt)), \(g.peakLevel.label)")])
        }
        return ReportTable(section: "summary", title: "Summary", columns: ["figure", "value"], rows: rows)
    }

    private func categoryTable(_ rows: [CategoryRow], section: String, title: String, note: String? = nil) -> ReportTable {
        ReportTable(section: section, title: title, columns: ["category", "reported", "open", "finished"],
                    rows: rows.map { [.text($0.category), .count($0.reported), .count($0.open), .count($0.finished)] },
                    note: note)
    }

    private var outcomeTable: ReportTable {
        ReportTable(section: "incidents_by_outcome", title: "Incidents by outcome", columns: ["outcome", "incidents"],
                    rows: byOutcome.map { [.text($0.outcome), .count($0.incidents)] },
                    note: "The disposition the incident was resolved with; 'no disposition' when it finished without one, 'open' when it had not finished by the end.")
    }

    private func responseTable(_ rows: [ResponseRow], section: String, group: String, title: String) -> ReportTable {
        var columns = [group, "incidents"]
        for step in ReportStep.allCases { columns += ["\(step.heading) median", "\(step.heading) p90"] }
        return ReportTable(section: section, title: title, columns: columns, rows: rows.map { row in
            var cells: [ReportCell] = [.text(row.group), .count(row.incidents)]
            for stats in row.steps { cells += [.seconds(stats.median), .seconds(stats.p90)] }
            return cells
        }, note: "From the report (first sight) of each incident first seen as new in the period; nearest-rank median and 90th percentile.")
    }

    private var targetsTable: ReportTable {
        ReportTable(section: "targets_missed", title: "Response targets missed",
                    columns: ["severity", "incidents", "acknowledge missed", "dispatch missed", "on scene missed", "any missed"],
                    rows: targetsMissed.map {
                        [.count($0.severity), .count($0.incidents), .count($0.acknowledgeMissed), .count($0.dispatchMissed),
                         .count($0.onSceneMissed), .count($0.anyMissed)]
                    }, note: "A step done after its target, or still not done past it at the end of the period.")
    }

    private var alarmsTable: ReportTable {
        ReportTable(section: "alarms_by_rule", title: "Alarms by rule",
                    columns: ["rule", "raised", "cleared", "acknowledged", "to acknowledge median", "to acknowledge p90",
                              "never acknowledged"],
                    rows: alarmsByRule.map {
                        [.text($0.rule), .count($0.raised), .count($0.cleared), .count($0.toAcknowledge.count),
                         .seconds($0.toAcknowledge.median), .seconds($0.toAcknowledge.p90), .count($0.neverAcknowledged)]
                    })
    }

    private var ticketsTable: ReportTable {
        ReportTable(section: "tickets_by_office", title: "Complaint tickets by office",
                    columns: ["office", "opened", "closed", "open at end", "overdue at end"],
                    rows: ticketsByOffice.map { [.text($0.office), .count($0.opened), .count($0.closed), .count($0.open), .count($0.overdue)] })
    }

    private var usersTable: ReportTable {
        ReportTable(section: "actions_by_user", title: "Actions by user", columns: ["user", "actions", "rejected", "by verb"],
                    rows: actionsByUser.map { user in
                        [.text(user.user), .count(user.actions), .count(user.rejected),
                         .text(user.byVerb.map { "\($0.verb) \($0.count)" }.joined(separator: ", "))]
                    })
    }

    private var exerciseTable: ReportTable {
        categoryTable(exercise.byCategory, section: "exercise_incidents", title: "Exercise and test incidents (left out)",
                      note: "\(exercise.incidents) exercise incidents and \(exercise.actions) actions on them, in none of the figures above.")
    }

    private var hoursTable: ReportTable {
        ReportTable(section: "incidents_per_hour", title: "Incidents per hour",
                    columns: ["hour", "incidents"], rows: incidentsPerHour.map { [.text(ReportText.time($0.hour)), .count($0.incidents)] })
    }
}

extension ReportText {
    /// A measurement: whole numbers without a fraction, others with one decimal.
    public static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String((v * 10).rounded() / 10)
    }
}
