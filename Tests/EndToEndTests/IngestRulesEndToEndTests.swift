import Foundation
import XCTest

/// `pantau ingest --evaluate-rules`, through the binary: the room's one rule evaluator appends the
/// alarm a river reading raises to the shared journal (a SQLite file here), once, and clears it.
final class IngestRulesEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-ingest-rules-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testTheEvaluatingIngestAppendsTheRaisedAndClearedAlarmOnce() throws {
        let rules = dir.appendingPathComponent("rules.yaml")
        try """
        rules:
          - name: river-high
            when: above
            sensor: water_level
            value: 150
            clear_below: 120
        """.write(to: rules, atomically: true, encoding: .utf8)
        let journal = dir.appendingPathComponent("journal.sqlite").path
        let ingest = try FileIngest.start(journal: journal, in: dir, name: "ingest-rules",
                                          options: ["--evaluate-rules", "--rules", rules.path])
        defer { ingest.stopIfRunning() }
        _ = try CommandRoom.waitForFile(ingest.log, containing: "evaluating 1 alert rule")

        func append(_ cm: Int) throws {
            let now = ISO8601DateFormatter().string(from: Date())
            let line = #"{"v":1,"kind":"sensor","ts":"\#(now)","station":"pintu-air-10","sensor":"water_level","value":\#(cm)}"#
            let handle = try FileHandle(forWritingTo: ingest.feed)
            handle.seekToEndOfFile()
            handle.write(Data((line + "\n").utf8))
            try handle.close()
        }
        func alarmLines() throws -> [String] {
            let export = try PantauBinary.run(["journal", "export", "--journal", journal])
            return export.stdout.split(separator: "\n").map(String.init).filter { $0.contains(#""kind":"alarm""#) }
        }
        func waitForAlarms(_ count: Int) throws -> [String] {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let lines = try alarmLines()
                if lines.count >= count { return lines }
                Thread.sleep(forTimeInterval: 0.2)
            }
            XCTFail("no \(count) alarm entries within 30 s; ingest said: \((try? String(contentsOf: ingest.log, encoding: .utf8)) ?? "")")
            return try alarmLines()
        }

        try append(180)
        let raised = try waitForAlarms(1)
        XCTAssertTrue(raised[0].contains(#""state":"raised""#), raised[0])
        // Turns go on (at least one a second): the alarm is not appended again.
        Thread.sleep(forTimeInterval: 2.5)
        XCTAssertEqual(try alarmLines().count, 1)

        try append(100)
        let both = try waitForAlarms(2)
        XCTAssertTrue(both[1].contains(#""state":"cleared""#), both[1])
        ingest.process.terminate()
        ingest.process.waitUntilExit()
        XCTAssertEqual(ingest.process.terminationStatus, 0)
        XCTAssertEqual(try alarmLines().count, 2)
    }
}
