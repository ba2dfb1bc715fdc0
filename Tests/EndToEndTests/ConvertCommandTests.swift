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
        XCTAssertTrue(r.stderr.hasPrefix("converted 3000 events (2000 traffic, 1000 incidents); skipped 0; ignored 500: irregularity 500"), r.stderr)
    }

    /// The flood desk shows floods, not Waze's road hazards: a Waze feed of road hazards and
    /// one flood, converted and drawn with `flood-watch`, puts one incident in its flood pane
    /// and all four on the command center's.
    func testFloodDeskShowsWazeFloodsNotRoadHazards() throws {
        func alert(_ uuid: String, _ type: String, _ subtype: String, minute: Int) -> String {
            #"{"uuid":"\#(uuid)","type":"\#(type)","subtype":"\#(subtype)","reliability":6,"street":"Jl. Daan Mogot","location":{"x":106.62,"y":-6.17},"pubMillis":\#(1_795_918_800_000 + minute * 60_000)}"#
        }
        let feed = #"{"startTimeMillis":1795918800000,"endTimeMillis":1795919400000,"alerts":["#
            + [alert("c", "WEATHERHAZARD", "HAZARD_ON_ROAD_CONSTRUCTION", minute: 1),
               alert("s", "WEATHERHAZARD", "HAZARD_ON_SHOULDER_CAR_STOPPED", minute: 2),
               alert("p", "HAZARD", "HAZARD_ON_ROAD_POT_HOLE", minute: 3),
               alert("f", "WEATHERHAZARD", "HAZARD_WEATHER_FLOOD", minute: 4)].joined(separator: ",")
            + #"],"irregularities":[{"id":1}]}"#
        let converted = try PantauBinary.run(["convert", "--from", "waze", try write(Data(feed.utf8), "hazards.json").path])
        XCTAssertEqual(converted.status, 0, converted.stderr)
        XCTAssertEqual(converted.stderr, "converted 4 events (4 incidents); skipped 0; ignored 1: irregularity 1\n")
        let ndjson = try write(Data(converted.stdout.utf8), "hazards.ndjson")
        let flood = try PantauBinary.run(["snapshot", "--feed", ndjson.path, "--at", "end", "--size", "160x40", "--layout", "flood-watch", "--lang", "en"])
        XCTAssertEqual(flood.status, 0, flood.stderr)
        XCTAssertTrue(flood.stdout.contains("Flood and storm incidents (1 open)"), flood.stdout)
        XCTAssertTrue(flood.stdout.contains("waze-f"), flood.stdout)
        XCTAssertFalse(flood.stdout.contains("waze-c") || flood.stdout.contains("waze-s") || flood.stdout.contains("waze-p"), flood.stdout)
        let all = try PantauBinary.run(["snapshot", "--feed", ndjson.path, "--at", "end", "--size", "160x40", "--lang", "en"])
        XCTAssertTrue(all.stdout.contains("Incidents (4 open)"), all.stdout)
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

    /// Bytes that are not UTF-8 in a UTF-8 CAP alert (its names and a comment) used to trap in
    /// the XML parser (exit 132): the alert is read and the repair named; a payload that cannot
    /// be decoded at all is a named skip.
    func testXMLWithBadBytesIsReadOrSkippedNotFatal() throws {
        let alert = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- dibuat oleh M\u{1}t\u{1}o -->
        <cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2" xmlns:x\u{1}="urn:x"><cap:identifier>X2</cap:identifier>
        <x\u{1}:extra a\u{1}="1"/><?pi\u{1} x?>
        <cap:sent>2026-11-23T15:00:00+07:00</cap:sent><cap:status>Actual</cap:status><cap:msgType>Alert</cap:msgType>
        <cap:info><cap:category>Met</cap:category><cap:event>Hujan</cap:event><cap:headline>Orage pr\u{1}vu</cap:headline></cap:info></cap:alert>
        """
        let latin1 = Data(alert.utf8.map { $0 == 1 ? 0xE9 : $0 })
        let r = try PantauBinary.run(["convert", "--from", "cap", try write(latin1, "latin1.xml").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(#""title":"Orage prévu""#), r.stdout)
        XCTAssertEqual(r.stderr, "converted 1 event (1 incident); skipped 0; repaired 1: invalid_utf8 1\n")

        let undecodable = Data(alert.replacingOccurrences(of: "UTF-8", with: "x-no-such-charset").utf8.map { $0 == 1 ? 0xE9 : $0 })
        let u = try PantauBinary.run(["convert", "--from", "cap", try write(undecodable, "undecodable.xml").path])
        XCTAssertEqual(u.status, 0, u.stderr)
        XCTAssertEqual(u.stdout, "")
        XCTAssertEqual(u.stderr, "converted 0 events; skipped 1: invalid_encoding 1\n")

        let open311 = Data("<service_requests><request\u{1}/><!-- \u{1} --></service_requests>".utf8.map { $0 == 1 ? 0xFF : $0 })
        let o = try PantauBinary.run(["convert", "--from", "open311", try write(open311, "requests.xml").path])
        XCTAssertEqual(o.status, 0, o.stderr)
        XCTAssertEqual(o.stderr, "converted 0 events; skipped 0; repaired 1: invalid_utf8 1\n")
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
