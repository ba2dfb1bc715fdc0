import PantauJournal

/// Writes a ``ShiftReport`` as CSV (RFC 4180, CRLF line ends): each table is a header record
/// (`section` and its columns) and its rows, every record starting with the table's section
/// name. Durations are whole seconds, empty when there is none to measure.
public enum CSVReportRenderer {
    public static func render(_ report: ShiftReport) -> String {
        var out = ""
        for table in report.tables {
            out += record(["section"] + table.columns)
            for row in table.rows { out += record([table.section] + row.map(\.machineText)) }
        }
        return out
    }

    /// One record, its fields quoted as RFC 4180 wants (``JournalExporter/csvField(_:)``).
    static func record(_ fields: [String]) -> String {
        fields.map(JournalExporter.csvField).joined(separator: ",") + "\r\n"
    }
}
