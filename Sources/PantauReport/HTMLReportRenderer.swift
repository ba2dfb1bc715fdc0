/// Writes a ``ShiftReport`` as one self-contained HTML file: inline CSS, the three charts as
/// inline SVG (incidents per hour, the worst gauge's water level against its alert levels, the
/// time to on scene per category), then every table. No script and no external URL; every text
/// is escaped, and the document is well-formed XML as well as HTML.
public enum HTMLReportRenderer {
    public static func render(_ report: ShiftReport, title: String = "Shift report · Kota Tangerang") -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
        out += "<title>\(escape(title)) · \(escape(ReportText.period(report.from, report.to)))</title>"
        out += "<style>\(css)</style></head><body>\n"
        out += "<h1>\(escape(title))</h1><p class=\"period\">\(escape(ReportText.period(report.from, report.to)))</p>\n"
        out += "<section><h2>Incidents per hour</h2>\(SVGCharts.incidentsPerHour(report.incidentsPerHour))</section>\n"
        if let gauge = report.worstGauge {
            out += "<section><h2>Water level: \(escape(gauge.name))</h2>"
            out += "<p>Highest \(escape(ReportText.number(gauge.peak))) cm at \(escape(ReportText.time(gauge.peakAt))), \(escape(gauge.peakLevel.label)).</p>"
            out += SVGCharts.waterLevel(gauge, from: report.from, to: report.to) + "</section>\n"
        } else {
            out += "<section><h2>Water level</h2><p>No water level reading in the period.</p></section>\n"
        }
        out += "<section><h2>Time from report to on scene</h2>\(SVGCharts.responseBoxes(report.onSceneDistribution))</section>\n"
        for table in report.tables {
            out += "<section><h2>\(escape(table.title))</h2>"
            if table.rows.isEmpty {
                out += "<p>None.</p>"
            } else {
                out += "<table><thead><tr>" + table.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
                for row in table.rows {
                    out += "<tr>" + row.map { cell in
                        (cell.isNumeric ? "<td class=\"n\">" : "<td>") + escape(cell.humanText) + "</td>"
                    }.joined() + "</tr>"
                }
                out += "</tbody></table>"
            }
            if let note = table.note { out += "<p class=\"note\">\(escape(note))</p>" }
            out += "</section>\n"
        }
        return out + "</body></html>\n"
    }

    /// `text` as HTML (and XML) character data or attribute value: `& < > " '` as entities,
    /// control characters (which XML does not allow) as spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out += " "
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0xFFFE...0xFFFF).contains(scalar.value):
                out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:60em;color:#1b2430;padding:0 1em}\
    h1{margin-bottom:0}.period{color:#5b6675;margin-top:.2em}h2{border-bottom:1px solid #d5dbe3;padding-bottom:.2em;margin-top:1.6em}\
    table{border-collapse:collapse;font-size:.9em}th,td{padding:.25em .6em;border-bottom:1px solid #e6eaef;text-align:left}\
    td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f5f8}.note{color:#5b6675;font-size:.85em}\
    svg.chart{max-width:100%;height:auto;font-size:11px}.axis{stroke:#8a96a6}.label{fill:#3a4552}.unit{fill:#5b6675;font-style:italic}\
    .bar{fill:#3b7dd8}.water{fill:none;stroke:#1f5fae;stroke-width:2}.peak{fill:#c0262d}\
    .level{stroke-dasharray:6 4;stroke-width:1.5}.siaga3{stroke:#d9a400;fill:#9a7400}.siaga2{stroke:#e0691a;fill:#b04f0c}\
    .siaga1{stroke:#c0262d;fill:#c0262d}.levellabel{stroke:none}.whisker{stroke:#5b6675}.box{fill:#cfe0f7;stroke:#3b7dd8}\
    .median{stroke:#1b2430;stroke-width:2}
    """
}
