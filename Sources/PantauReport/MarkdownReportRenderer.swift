/// Writes a ``ShiftReport`` as Markdown: a heading with the period, then one table per section.
/// Text from the feed (users, offices, rules, dispositions, gauge names) is escaped, so it
/// can neither break a table nor inject markup; the notes under tables are the report's own.
public enum MarkdownReportRenderer {
    public static func render(_ report: ShiftReport, title: String = "Shift report · Kota Tangerang") -> String {
        var out = "# \(escape(title))\n\n\(ReportText.period(report.from, report.to))\n"
        for table in report.tables {
            out += "\n## \(escape(table.title))\n\n"
            if table.rows.isEmpty {
                out += "None.\n"
            } else {
                out += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
                let numeric = table.columns.indices.map { i in table.rows.allSatisfy { $0[i].isNumeric } }
                out += "|" + numeric.map { $0 ? "---:|" : "---|" }.joined() + "\n"
                for row in table.rows {
                    out += "| " + row.map { escape($0.humanText) }.joined(separator: " | ") + " |\n"
                }
            }
            if let note = table.note { out += "\n" + note + "\n" }
        }
        return out
    }

    /// `text` safe in a Markdown table cell: on one line, with `|`, backslash, backticks,
    /// emphasis and link brackets escaped and `<`, `>`, `&` as entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "|", "`", "*", "[", "]", "#": out += "\\" + String(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
