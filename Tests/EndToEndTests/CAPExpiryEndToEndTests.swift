import Foundation
import PantauTestSupport
import XCTest

/// `pantau run` in tmux with a CAP alert over http that is in force when read and expires a
/// few seconds later: the source polls only hourly, so nothing but the clock can close it, and
/// the incidents pane must drop it as it lapses.
final class CAPExpiryEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        try PantauBinary.requireBuilt()
    }

    func testAnAlertThatExpiresOnScreenLeavesTheOpenList() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-cap-expiry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let now = Date()
        // Whole seconds, as the alert states it.
        let expires = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 12).rounded(.down))
        let alert = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>EXP-1</identifier><sender>bmkg@bmkg.go.id</sender>
          <sent>\(LiveTimeEndToEndTests.stamp(now.addingTimeInterval(-60)))</sent>
          <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
          <info><language>id-ID</language><category>Met</category><event>Hujan Lebat</event>
            <urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty>
            <expires>\(LiveTimeEndToEndTests.stamp(expires))</expires>
            <headline>Hujan lebat di Kota Tangerang</headline></info>
        </alert>
        """
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.handler = { _ in .init(body: Data(alert.utf8)) }
        let sources = """
        sources:
          - name: bmkg
            type: http
            url: \(server.url("/cap.xml").absoluteString)
            format: cap
            every: 1h
        """
        let sourcesFile = dir.appendingPathComponent("sources.yaml")
        try sources.write(to: sourcesFile, atomically: true, encoding: .utf8)

        let tmux = try TmuxSession(command: "'\(PantauBinary.url.path)' run --sources '\(sourcesFile.path)'")
        let shown = try tmux.waitFor("the alert open while in force", timeout: 30) { $0.contains("EXP-1") }
        XCTAssertLessThan(Date(), expires, "seen before it expired:\n\(shown)")
        XCTAssertTrue(shown.contains("(1 open)"), shown)
        // No poll comes for an hour: only the clock can close it.
        let after = try tmux.waitFor("the alert gone from the open list once expired", timeout: 60) {
            !$0.contains("EXP-1") && $0.contains("(0 open)")
        }
        XCTAssertGreaterThanOrEqual(Date(), expires, after)
        XCTAssertEqual(server.requests.count, 1, "fetched once: the close came from the clock, not from the source")
        try tmux.send("q")
    }
}
