import Foundation
import PantauCore
import PantauJournal
import XCTest

/// `pantau report` through the binary: on the bundled day, a recording and a journal.
final class ReportCommandTests: XCTestCase {
    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
    }

    private func temporary(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-e2e-\(getpid())-\(UUID().uuidString)-\(name)").path
        addTeardownBlock {
            for suffix in ["", "-wal", "-shm", "-notify"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return path
    }

    func testTheBundledDayAsMarkdownForAPeriod() throws {
        let r = try PantauBinary.run(["report", "--from", "06:00", "--to", "18:00"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("# Shift report · Kota Tangerang\n\n2026-11-23 06:00 – 2026-11-23 18:00 WIB\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("## Response intervals by severity"))
        XCTAssertEqual(r.stderr, "")
    }

    func testARecordingAndItsJournalGiveTheSameCSV() throws {
        let lines = [
            #"{"v":1,"ts":"2026-11-23T08:00:00+07:00","kind":"incident","id":"INC-1","category":"fire","severity":5,"status":"new","title":"Kebakaran gudang","address":"Jl. Melati No. 3"}"#,
            #"{"v":1,"ts":"2026-11-23T08:00:50+07:00","kind":"incident","id":"INC-1","status":"acknowledged"}"#,
            #"{"v":1,"ts":"2026-11-23T08:04:00+07:00","kind":"incident","id":"INC-1","status":"dispatched","unit":"Damkar 1"}"#,
            #"{"v":1,"ts":"2026-11-23T08:30:00+07:00","kind":"action","action_id":"c-1","verb":"create","target":"INC-C-1","by":"siti","role":"operator","category":"medical","severity":3,"title":"Pingsan","district":"Cipondoh","caller_name":"Bu Siti Aminah","caller_phone":"081234567789"}"#,
            #"{"v":1,"ts":"2026-11-23T08:31:00+07:00","kind":"action","action_id":"c-2","verb":"acknowledge","target":"INC-C-1","by":"siti","role":"operator"}"#,
        ]
        let feed = temporary("day.ndjson")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: feed))
        let journalPath = temporary("journal.sqlite")
        let journal = try SQLiteJournal(path: journalPath)
        _ = try journal.appendLines(lines, recordedAt: Instant(millis: 0))
        journal.close()

        let fromFeed = try PantauBinary.run(["report", "--feed", feed, "--format", "csv"])
        let fromJournal = try PantauBinary.run(["report", "--journal", journalPath, "--format", "csv"])
        XCTAssertEqual(fromFeed.status, 0, fromFeed.stderr)
        XCTAssertEqual(fromJournal.status, 0, fromJournal.stderr)
        XCTAssertEqual(fromFeed.stdout, fromJournal.stdout)
        XCTAssertTrue(fromFeed.stdout.contains("incidents_by_category,fire,1,1,0\r\n"), fromFeed.stdout)
        XCTAssertTrue(fromFeed.stdout.contains("response_by_severity,5,1,50,50,240,240,,,,\r\n"), fromFeed.stdout)
        XCTAssertTrue(fromFeed.stdout.contains("actions_by_user,siti,2,0,\"acknowledge 1, create 1\"\r\n"), fromFeed.stdout)
        for personal in ["Siti Aminah", "081234567789", "Melati", "Kebakaran"] {
            XCTAssertFalse(fromFeed.stdout.contains(personal), personal)
        }
    }

    func testHTMLToAFile() throws {
        let out = temporary("shift.html")
        let r = try PantauBinary.run(["report", "--format", "html", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 3)
    }

    func testBadOptionsAreRefused() throws {
        let both = try PantauBinary.run(["report", "--journal", "a.sqlite", "--feed", "b.ndjson"])
        XCTAssertNotEqual(both.status, 0)
        XCTAssertTrue(both.stderr.contains("give --journal or --feed, not both"), both.stderr)
        let badTime = try PantauBinary.run(["report", "--from", "25:00"])
        XCTAssertNotEqual(badTime.status, 0)
        XCTAssertTrue(badTime.stderr.contains("--from takes an RFC 3339 time or HH:MM"), badTime.stderr)
        let missing = try PantauBinary.run(["report", "--feed", "/nonexistent/day.ndjson"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no such recording"), missing.stderr)
    }
}
