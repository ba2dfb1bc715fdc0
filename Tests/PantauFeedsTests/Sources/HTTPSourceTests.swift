import Foundation
import PantauCore
@testable import PantauFeeds
import PantauTestSupport
import XCTest

final class HTTPSourceTests: XCTestCase {
    private var server: LoopbackHTTPServer!

    override func setUpWithError() throws { server = try LoopbackHTTPServer() }
    override func tearDown() { server.stop() }

    private func body(_ lines: [String]) -> Data { Data(lines.map { $0 + "\n" }.joined().utf8) }

    func testPollsConditionallyAndNeverRepeatsUnchangedBodies() throws {
        let fixture = body([sensorLine("h", 1), sensorLine("h", 2, minute: 1)])
        server.handler = { req in
            if req.headers["if-none-match"] == "\"v1\"" { return .init(status: 304) }
            return .init(headers: ["ETag": "\"v1\"", "Last-Modified": "Mon, 23 Nov 2026 00:00:00 GMT"], body: fixture)
        }
        let h = SourceHarness(HTTPSource(name: "web", url: server.url("/feed.ndjson"), every: 0.1, timeout: 2))
        XCTAssertTrue(h.waitForEvents(2))
        XCTAssertTrue(waitUntil { self.server.requests.count >= 4 })
        h.collect()
        XCTAssertEqual(stations(h.events), ["h=1", "h=2"], "a 304 delivers nothing")
        XCTAssertEqual(h.health.state, .live)
        let later = server.requests.dropFirst()
        XCTAssertTrue(later.allSatisfy { $0.headers["if-none-match"] == "\"v1\"" })
        XCTAssertTrue(later.allSatisfy { $0.headers["if-modified-since"] == "Mon, 23 Nov 2026 00:00:00 GMT" })

        // A server without validators sending the same body again: still nothing new.
        server.handler = { _ in .init(body: fixture) }
        let before = server.requests.count
        XCTAssertTrue(waitUntil { self.server.requests.count >= before + 4 })
        h.collect()
        XCTAssertEqual(h.events.count, 2, "an unchanged body emits nothing")

        // A changed body is delivered.
        server.handler = { _ in .init(body: self.body([sensorLine("h", 3, minute: 2)])) }
        XCTAssertTrue(h.waitForEvents(3))
        XCTAssertEqual(stations(h.events).last, "h=3")
    }

    func testServerErrorIsFailingAndRecovers() throws {
        server.handler = { _ in .init(status: 500, body: Data("oops".utf8)) }
        let h = SourceHarness(HTTPSource(name: "bmkg", url: server.url("/x"), every: 0.1, timeout: 2))
        XCTAssertTrue(waitUntil { h.health.state.isFailing })
        XCTAssertEqual(h.health.state, .failing("HTTP 500"))
        XCTAssertNotNil(h.health.retryIn)
        XCTAssertLessThanOrEqual(h.health.retryIn ?? 99, 60)
        XCTAssertTrue(h.health.summary.hasPrefix("source bmkg failing: HTTP 500 (retry in "), h.health.summary)
        server.handler = { _ in .init(body: self.body([sensorLine("ok", 1)])) }
        XCTAssertTrue(h.waitForEvents(1, timeout: 10))
        XCTAssertEqual(h.health.state, .live)
        XCTAssertGreaterThanOrEqual(h.health.errorCount, 1)
    }

    func testSlowResponseTimesOut() throws {
        // The answer would come long after the deadline below: only the source's own timeout
        // can make it fail in time, and then with its reason.
        server.handler = { _ in .init(body: self.body([sensorLine("slow", 1)]), delay: 30) }
        let h = SourceHarness(HTTPSource(name: "slow", url: server.url("/slow"), every: 0.2, timeout: 0.5))
        XCTAssertTrue(waitUntil(20) { h.health.state.isFailing })
        XCTAssertTrue(h.health.state.description.contains("timed out"), h.health.state.description)
        XCTAssertEqual(h.collect().count, 0)
    }

    /// A Waze feed's irregularities and JAM alerts are deliberately not mapped: ignored, not
    /// bad input, so the skipped count (the header's) stays 0. A bad body is skipped with its
    /// reason and URL.
    func testIgnoredRecordsAreCountedApartFromBadInput() throws {
        let feed = #"""
        {"startTimeMillis": 1795918800000, "endTimeMillis": 1795918860000,
         "jams": [{"uuid": 1, "street": "Jl. Daan Mogot", "speedKMH": 9, "level": 4, "delay": 120, "line": [{"x": 106.66, "y": -6.17}]}],
         "alerts": [{"uuid": "j1", "type": "JAM", "subtype": "JAM_HEAVY_TRAFFIC"},
                    {"uuid": "f1", "type": "WEATHERHAZARD", "subtype": "HAZARD_WEATHER_FLOOD", "location": {"x": 106.59, "y": -6.17}}],
         "irregularities": [{"id": 1}, {"id": 2}]}
        """#
        server.handler = { _ in .init(body: Data(feed.utf8)) }
        let url = server.url("/waze.json")
        let h = SourceHarness(HTTPSource(name: "waze", url: url, format: "waze", every: 0.1, timeout: 2))
        XCTAssertTrue(h.waitForEvents(2))
        XCTAssertTrue(waitUntil { h.health.ignored == 3 })
        XCTAssertEqual(h.health.skipped, 0, "nothing malformed")
        XCTAssertEqual(h.health.ignoredReasons, ["irregularity": 2, "jam_alert": 1])
        XCTAssertEqual(h.health.skipSummary, "ignored: irregularity 2, jam_alert 1")

        server.handler = { _ in .init(body: Data(#"{"jams": [{"uuid": 2, "street": "Jl. A"#.utf8)) }
        XCTAssertTrue(waitUntil { h.health.skipped >= 1 })
        XCTAssertEqual(h.health.skipReasons.keys.sorted(), ["invalid_json"])
        XCTAssertEqual(h.health.firstSkips, [url.absoluteString])
        XCTAssertTrue(h.health.skipSummary.hasPrefix("invalid_json "), h.health.skipSummary)
    }

    /// A CAP alert declared UTF-8 with a Latin-1 byte in it is read (repaired), and the
    /// source's health says so by reason, once per payload, in the overlay's `why` text.
    func testRepairedPayloadsAreCountedByReason() throws {
        let alert = Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>TNG-7</identifier><sent>2026-11-23T15:42:10+07:00</sent>
          <status>Actual</status><msgType>Alert</msgType>
          <info><language>id-ID</language><category>Met</category><event>Banjir</event>
            <severity>Severe</severity><headline>Banjir di Periuk \u{1}</headline></info>
        </alert>
        """.utf8.map { $0 == 1 ? 0xE9 : $0 })
        server.handler = { _ in .init(body: alert) }
        let h = SourceHarness(HTTPSource(name: "bmkg", url: server.url("/cap.xml"), format: "cap", every: 0.1, timeout: 2))
        XCTAssertTrue(h.waitForEvents(1))
        XCTAssertTrue(waitUntil { h.health.repairedReasons == ["invalid_utf8": 1] }, "\(h.health.repairedReasons)")
        XCTAssertEqual(h.health.skipped, 0, "a repaired payload is read, not skipped")
        XCTAssertEqual(h.health.skipSummary, "repaired: invalid_utf8 1")
        XCTAssertEqual(h.health.state, .live)

        var changed = alert
        changed.append(contentsOf: Array("\n".utf8))
        server.handler = { _ in .init(body: changed) }
        XCTAssertTrue(waitUntil { h.health.repairedReasons == ["invalid_utf8": 2] }, "a changed body is another payload")
    }

    func testMalformedBodyIsCountedNotFatal() throws {
        server.handler = { _ in .init(body: Data("{\"v\":1,\"ts\":\ntruncated".utf8)) }
        let h = SourceHarness(HTTPSource(name: "bad", url: server.url("/bad"), every: 0.1, timeout: 2))
        XCTAssertTrue(waitUntil { h.health.state.isFailing && h.health.skipped >= 2 })
        XCTAssertTrue(h.health.state.description.contains("unreadable"), h.health.state.description)
        server.handler = { _ in .init(body: self.body([sensorLine("good", 1)])) }
        XCTAssertTrue(h.waitForEvents(1))
        XCTAssertEqual(h.health.state, .live)
    }

    func testConnectionRefusedIsFailing() throws {
        let port = freeLoopbackPort()
        let h = SourceHarness(HTTPSource(name: "down", url: URL(string: "http://127.0.0.1:\(port)/")!, every: 0.1, timeout: 1))
        XCTAssertTrue(waitUntil { h.health.state.isFailing })
        XCTAssertGreaterThanOrEqual(h.health.errorCount, 1)
    }

    func testHealthGoesStaleWithoutContact() {
        let inbox = EventInbox(capacity: 4)
        let sink = SourceSink(name: "s", type: "http", format: "ndjson", staleAfter: 3, inbox: inbox)
        let t0 = Date()
        sink.touched(at: t0)
        XCTAssertEqual(sink.snapshot(now: t0.addingTimeInterval(2)).state, .live)
        XCTAssertEqual(sink.snapshot(now: t0.addingTimeInterval(4)).state, .stale)
    }

    func testInboxIsBoundedAndWakes() {
        let inbox = EventInbox(capacity: 3)
        var pfd = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&pfd, 1, 0), 0)
        let events = (1...5).map { FeedEvent(time: Instant(seconds: Int64($0)), payload: .sensor(SensorReading(station: "s\($0)", sensor: SensorKind(name: "rainfall"), value: 1))) }
        inbox.post(events)
        XCTAssertEqual(poll(&pfd, 1, 0), 1, "the wake descriptor is readable")
        let batch = inbox.drain()
        XCTAssertEqual(batch.events.map(\.time.millis), [3000, 4000, 5000], "oldest dropped")
        XCTAssertEqual(batch.dropped, 2)
        XCTAssertEqual(poll(&pfd, 1, 0), 0, "drained with the inbox")
        inbox.post(events[0])
        XCTAssertEqual(inbox.drain(max: 0).events.count, 0)
        XCTAssertEqual(poll(&pfd, 1, 0), 1, "still signalled while events remain")
    }
    /// A CAP alert as BMKG-style servers publish one (identifier `id`).
    private func capAlert(_ id: String, status: String = "Actual") -> Data {
        Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(id)</identifier><sender>bmkg@bmkg.go.id</sender><sent>2026-11-23T07:00:00+07:00</sent>
          <status>\(status)</status><msgType>Alert</msgType><scope>Public</scope>
          <info><language>id</language><category>Met</category><event>Hujan Lebat</event>
            <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
            <headline>Hujan lebat \(id)</headline></info>
        </alert>
        """.utf8)
    }

    private func incidentIDs(_ events: [FeedEvent]) -> [String] {
        events.compactMap { if case .incident(let u) = $0.payload { return u.id } else { return nil } }.sorted()
    }

    /// Relative links in an Atom and an RSS index are fetched against the index's URL and its
    /// `xml:base` (the links used to be dropped, leaving the source live with nothing).
    func testRelativeIndexLinksAreResolvedAgainstTheIndex() throws {
        let atom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Peringatan Dini</title>
        <entry><link rel="alternate" type="application/cap+xml" href="alerts/one.xml"/></entry>
        <entry><link href="/cap/two.xml"/></entry>
        <entry xml:base="/archive/2026/"><link href="three.xml"/></entry>
        </feed>
        """
        let rss = """
        <?xml version="1.0"?><rss version="2.0" xml:base="/rss-base/"><channel><title>x</title>
        <item><link>four.xml</link></item>
        </channel></rss>
        """
        server.handler = { req in
            switch req.path {
            case "/feeds/index.atom": return .init(body: Data(atom.utf8))
            case "/feeds/index.rss": return .init(body: Data(rss.utf8))
            case "/feeds/alerts/one.xml": return .init(body: self.capAlert("one"))
            case "/cap/two.xml": return .init(body: self.capAlert("two"))
            case "/archive/2026/three.xml": return .init(body: self.capAlert("three"))
            case "/rss-base/four.xml": return .init(body: self.capAlert("four"))
            default: return .init(status: 404)
            }
        }
        let h = SourceHarness(HTTPSource(name: "bmkg", url: server.url("/feeds/index.atom"), format: "cap", every: 0.2, timeout: 2))
        XCTAssertTrue(h.waitForEvents(3), "got \(incidentIDs(h.events)); requests \(server.requests.map(\.path))")
        XCTAssertEqual(incidentIDs(h.events), ["one", "three", "two"])
        XCTAssertEqual(h.health.state, .live)
        let r = SourceHarness(HTTPSource(name: "rss", url: server.url("/feeds/index.rss"), format: "cap", every: 0.2, timeout: 2))
        XCTAssertTrue(r.waitForEvents(1), "requests \(server.requests.map(\.path))")
        XCTAssertEqual(incidentIDs(r.events), ["four"])
        XCTAssertEqual(r.health.state, .live)
        XCTAssertEqual(HTTPSource.resolve(URL(string: "file:///etc/passwd")!, against: server.url("/i")), nil, "only http(s) links are read")
    }

    /// An index whose links all fail is failing with the reason, not live; it recovers (and
    /// retries the failed links) once they answer.
    func testIndexWhoseLinksAllFailIsFailing() throws {
        let index = Data("""
        <feed xmlns="http://www.w3.org/2005/Atom">
        <entry><link href="a.xml"/></entry><entry><link href="b.xml"/></entry>
        </feed>
        """.utf8)
        let fixed = Locked(false)
        server.handler = { req in
            switch req.path {
            case "/index.atom": return .init(headers: ["ETag": "\"i1\""], body: index)
            case "/a.xml", "/b.xml":
                return fixed.value ? .init(body: self.capAlert(String(req.path.dropFirst().prefix(1)))) : .init(status: 404)
            default: return .init(status: 500)
            }
        }
        let h = SourceHarness(HTTPSource(name: "idx", url: server.url("/index.atom"), format: "cap", every: 0.1, timeout: 2))
        XCTAssertTrue(waitUntil { h.health.state.isFailing })
        XCTAssertEqual(h.health.state, .failing("all 2 linked documents failed: HTTP 404 (\(server.url("/a.xml").absoluteString)) (and 1 more)"))
        XCTAssertNotNil(h.health.retryIn)
        XCTAssertNil(h.health.lastContact, "never live")
        fixed.value = true
        XCTAssertTrue(h.waitForEvents(2), "the failed links are fetched again")
        XCTAssertEqual(incidentIDs(h.events), ["a", "b"])
        XCTAssertEqual(h.health.state, .live)
    }

    /// An index whose alerts are all tests (ignored on purpose, not bad input) is read, not failing.
    func testIndexOfTestAlertsIsLive() throws {
        server.handler = { req in
            req.path == "/index.atom"
                ? .init(body: Data("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link href=\"t.xml\"/></entry></feed>".utf8))
                : .init(body: self.capAlert("drill", status: "Exercise"))
        }
        let h = SourceHarness(HTTPSource(name: "drill", url: server.url("/index.atom"), format: "cap", every: 0.1, timeout: 2))
        XCTAssertTrue(waitUntil { h.health.ignored >= 1 && h.health.state == .live }, "\(h.health.state), ignored \(h.health.ignored)")
        XCTAssertEqual(h.health.skipped, 0)
        XCTAssertEqual(h.health.errorCount, 0)
        XCTAssertEqual(h.collect().count, 0)
    }
}

/// A value shared with a server thread.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
