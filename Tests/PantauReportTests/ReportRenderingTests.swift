import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PantauCore
import PantauReport
import XCTest

/// The three formats: what they hold, that they parse back, and what they never hold.
final class ReportRenderingTests: XCTestCase {
    private static func scenarioReport() throws -> ShiftReport {
        try ReportFixtures.report(lines: try ShiftScenario.lines(), builder: ShiftScenario.builder())
    }

    func testNoFormatCarriesPersonalDataOrFeedText() throws {
        let report = try Self.scenarioReport()
        for (name, text) in [("md", MarkdownReportRenderer.render(report)), ("csv", CSVReportRenderer.render(report)),
                             ("html", HTMLReportRenderer.render(report))] {
            for data in ShiftScenario.personalData {
                XCTAssertFalse(text.contains(data), "\(name) holds \(data)")
            }
            // Nor the bundled day's incident titles and addresses.
            XCTAssertFalse(text.contains("Jl. Daan Mogot No."), name)
            XCTAssertFalse(text.contains("Dahan patah"), name)
        }
    }

    func testCSVParsesBackIntoItsSections() throws {
        let report = try Self.scenarioReport()
        let records = try parseCSV(CSVReportRenderer.render(report))
        var header: [String]?
        var sections: [String: [[String]]] = [:]
        for record in records {
            if record.first == "section" {
                header = record
                continue
            }
            let h = try XCTUnwrap(header, "a row before any header")
            XCTAssertEqual(record.count, h.count, "\(record)")
            sections[record[0], default: []].append(record)
        }
        XCTAssertEqual(Set(sections.keys).union(report.tables.filter(\.rows.isEmpty).map(\.section)),
                       Set(report.tables.map(\.section)))
        for table in report.tables {
            XCTAssertEqual(sections[table.section]?.map { Array($0.dropFirst()) } ?? [], table.rows.map { $0.map(\.machineText) })
        }
        // Quotes, commas and markup come back as they were.
        XCTAssertEqual(sections["actions_by_user"]?.first { $0[1] == ShiftScenario.oddUser }?[4], "acknowledge_alarm 1")
        XCTAssertEqual(sections["alarms_by_rule"]?.first?[1], "<b>jam|4</b>")
        // Durations in whole seconds.
        XCTAssertEqual(sections["alarms_by_rule"]?.last?[5], "45")
    }

    func testHTMLIsOneWellFormedFileWithThreeChartsAndNoURL() throws {
        let report = try Self.scenarioReport()
        let html = HTMLReportRenderer.render(report)
        let parser = XMLParser(data: Data(html.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(counter.counts["svg"], 3)
        XCTAssertEqual(counter.counts["polyline"], 1, "the water level line")
        XCTAssertEqual(counter.counts["rect", default: 0] >= report.incidentsPerHour.count, true)
        XCTAssertEqual(counter.counts["script"], nil)
        XCTAssertFalse(html.lowercased().contains("http"), "an external URL")
        XCTAssertFalse(html.contains("<b>jam"), "feed text injected raw")
        XCTAssertTrue(html.contains("&lt;b&gt;jam|4&lt;/b&gt;"))
        // The gauge's alert levels are drawn, named as the domain names them.
        for label in ["Siaga 3 Waspada 300 cm", "Siaga 2 Siaga 380 cm", "Siaga 1 Awas 450 cm"] {
            XCTAssertTrue(counter.texts.contains(label), label)
        }
        // A box per category, labelled with its count.
        XCTAssertGreaterThan(report.onSceneDistribution.count, 5)
        for group in report.onSceneDistribution {
            XCTAssertTrue(counter.texts.contains("\(group.group) (\(group.seconds.count))"), group.group)
        }
    }

    func testMarkdownEscapesFeedTextAndKeepsTablesWhole() throws {
        let report = try Self.scenarioReport()
        let md = MarkdownReportRenderer.render(report)
        XCTAssertTrue(md.contains("| &lt;b&gt;jam\\|4&lt;/b&gt; | 1 | 1 | 0 | — | — | 1 |"), md)
        XCTAssertTrue(md.contains("| water-siaga2 | 2 | 0 | 2 | 45s | 3m30s | 0 |"), md)
        // Every table line has as many cells as its header.
        var columns: Int?
        for line in md.split(separator: "\n") {
            guard line.hasPrefix("|") else { columns = nil; continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if columns == nil { columns = cells }
            XCTAssertEqual(cells, columns, String(line))
        }
    }

    /// RFC 4180, written for the test: CRLF records, quoted fields with doubled quotes.
    private func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                XCTAssertTrue(field.isEmpty, "a quote inside an unquoted field")
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                XCTAssertNotEqual(c, "\n", "a bare line feed")
                field.append(c)
            }
        }
        XCTAssertFalse(quoted, "an unterminated quote")
        XCTAssertTrue(record.isEmpty && field.isEmpty, "a last record without CRLF")
        return records
    }
}

/// Counts elements and collects text runs of a parsed document.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var texts: [String] = []
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if !text.isEmpty { texts.append(text) }
        text = ""
    }
}
