import Foundation
import PantauCore
import PantauTestSupport
import XCTest

/// `pantau convert`: real-world payloads in, feed-format NDJSON out, one summary line.
final class ConvertCommandTests: XCTestCase {
    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
    }

    private func write(_ data: Data, _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(getpid())-\(name)")
        try data.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testWazeFeedConvertsToTimeOrderedNDJSONWithOneSummaryLine() throws {
        let feed = SyntheticWazeFeed.data(jams: 2000, alerts: 1000, irregularities: 500)
        XCTAssertGreaterThan(feed.count, 1_600_000, "about 1.7 MB")
        let file = try write(feed, "waze.json")
        let r = try PantauBinary.run(["convert", "--from", "waze", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3000)
        let decoder = FeedLineDecoder()
        var previous = Instant(millis: 0)
        for line in lines {
            guard case .event(let e) = decoder.decode(String(line)) else { return XCTFail("bad line \(line)") }
            XCTAssertGreaterThanOrEqual(e.time, previous, "time order")
            XCTAssertEqual(e.source, "waze")
            previous = e.time
        }
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("converted 3000 events (2000 traffic, 1000 incidents); skipped 500: irregularity 500"), r.stderr)
    }

    func testCAPIndexListsLinksAndSourceOption() throws {
        let rss = """
        <rss version="2.0"><channel><item><link>https://a.example/1.xml</link></item>
        <item><link>https://a.example/2.xml</link></item><item><link>https://a.example/3.xml</link></item></channel></rss>
        """
        let r = try PantauBinary.run(["convert", "--from", "cap", try write(Data(rss.utf8), "index.xml").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.contains("index with 3 alert links; fetch them with an http source"), r.stderr)

        let alert = """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>X1</identifier>
        <sent>2026-11-23T15:00:00+07:00</sent><status>Actual</status><msgType>Alert</msgType>
        <info><category>Met</category><event>Hujan</event><severity>Severe</severity></info></alert>
        """
        let a = try PantauBinary.run(["convert", "--from", "cap", "--source", "bmkg-cap", try write(Data(alert.utf8), "a.xml").path])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertTrue(a.stdout.contains(#""src":"bmkg-cap""#), a.stdout)
        XCTAssertTrue(a.stdout.contains(#""id":"X1""#), a.stdout)
        XCTAssertEqual(a.stderr, "converted 1 event (1 incident); skipped 0\n")
    }

    func testBadInputIsCountedNotFatal() throws {
        let html = try write(Data("<html><body>502 Bad Gateway</body></html>".utf8), "err.html")
        let r = try PantauBinary.run(["convert", "--from", "open311", html.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "converted 0 events; skipped 1: html_error_page 1\n")
        let empty = try PantauBinary.run(["convert", "--from", "waze", "-"]) // stdin is /dev/null
        XCTAssertEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("empty_payload"), empty.stderr)
    }

    func testErrorsAreOneLine() throws {
        for args in [["convert", "--from", "gtfs", "x"], ["convert", "--from", "waze", "/no/such/file.json"],
                     ["convert", "x.json"], ["convert", "--from", "cap", "--now", "yesterday", "-"]] {
            let r = try PantauBinary.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("pantau: "), r.stderr)
        }
        let unknown = try PantauBinary.run(["convert", "--from", "gtfs", "x"])
        XCTAssertTrue(unknown.stderr.contains("ndjson, cap, open311, waze, sensorthings, ngsi-ld, bmkg-gempa, petabencana"), unknown.stderr)
        let help = try PantauBinary.run(["convert", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("Examples"), help.stdout)
        XCTAssertTrue(help.stdout.contains("ngsi-ld"), help.stdout)
    }
}
