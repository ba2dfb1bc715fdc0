import Foundation
import PantauCore
import PantauJournal
import XCTest

/// `pantau journal verify | export | info` through the binary, on a journal written here.
final class JournalCommandTests: XCTestCase {
    let start = RFC3339.parse("2026-11-23T08:00:00+07:00")!
    let callerLine = #"{"v":1,"ts":"2026-11-23T08:00:30+07:00","kind":"action","action_id":"desk-1-1","verb":"create","target":"INC-900","by":"siti","role":"operator","console":"desk-1","category":"fire","severity":4,"title":"Kebakaran ruko","caller_name":"Bu Siti Aminah","caller_phone":"081234567789"}"#
    var file = ""

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        file = FileManager.default.temporaryDirectory.appendingPathComponent("journal-e2e-\(getpid())-\(UUID().uuidString).sqlite").path
        addTeardownBlock { [file] in
            for suffix in ["", "-wal", "-shm", "-notify"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        }
        // 20 incident lines, one a minute, then the caller's action; a checkpoint at 10.
        let journal = try SQLiteJournal(path: file)
        var state = CityState()
        for i in 0..<20 {
            var u = IncidentUpdate(id: "INC-\(i)")
            u.title = "Banjir ruas \(i)"
            u.severity = 1 + i % 5
            let event = FeedEvent(time: start.adding(seconds: Double(i * 60)), payload: .incident(u))
            _ = try journal.append([event], recordedAt: start.adding(seconds: Double(i * 60)))
            state.apply(event)
            if i == 9 { try journal.saveCheckpoint(JournalCheckpoint(sequence: 10, state: state)) }
        }
        _ = try journal.appendLines([callerLine], recordedAt: start.adding(seconds: 20 * 60))
        journal.close()
    }

    func testVerifyAnIntactJournal() throws {
        let r = try PantauBinary.run(["journal", "verify", "--journal", file])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "21 entries, chain intact; 1 checkpoint matches its fingerprint\n")
    }

    /// The file edited byte by byte, as with a hex editor: `verify` names the entry.
    func testVerifyNamesAnEntryEditedInTheFile() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        // Entry 16's title (only in entries: the checkpoint holds incidents 0–9).
        let needle = Data("Banjir ruas 15\"".utf8)
        let range = try XCTUnwrap(bytes.range(of: needle), "the line is in the file as text")
        bytes[range.lowerBound] = UInt8(ascii: "b")
        try bytes.write(to: URL(fileURLWithPath: file))
        let r = try PantauBinary.run(["journal", "verify", "--journal", file])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "pantau: \(file): entry 16 was edited (or entry 15 was rewritten with a new hash): its content does not match its hash\n")
    }

    func testVerifyAMissingJournal() throws {
        let r = try PantauBinary.run(["journal", "verify", "--journal", file + ".none"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "pantau: no journal at \(file).none\n")
    }

    func testVerifyUsesTheDefaultLocation() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("journal-e2e-state-\(getpid())").path
        try FileManager.default.createDirectory(atPath: state + "/pantau", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        try FileManager.default.copyItem(atPath: file, toPath: state + "/pantau/journal.sqlite")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = state
        let r = try PantauBinary.run(["journal", "verify"], environment: environment)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("21 entries, chain intact"))
    }

    func testExportLeavesOutPersonalDataUnlessAsked() throws {
        let r = try PantauBinary.run(["journal", "export", "--journal", file])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 21)
        XCTAssertFalse(r.stdout.contains("Siti Aminah"))
        XCTAssertFalse(r.stdout.contains("081234567789"))
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
            XCTAssertNotNil(object["event"] as? [String: Any])
        }
        XCTAssertTrue(lines[0].hasPrefix(#"{"sequence":1,"recorded_at":"2026-11-23T08:00:00+07:00","hash":""#), lines[0])

        let full = try PantauBinary.run(["journal", "export", "--journal", file, "--include-personal-data"])
        XCTAssertEqual(full.status, 0, full.stderr)
        XCTAssertTrue(full.stdout.contains(#""caller_name":"Bu Siti Aminah","caller_phone":"081234567789""#))
    }

    func testExportCSVBetweenTimes() throws {
        let r = try PantauBinary.run(["journal", "export", "--journal", file, "--format", "csv", "--from", "08:05", "--to", "2026-11-23T08:07:00+07:00"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "sequence,recorded_at,kind,ts,by,role,console,verb,target,hash,line")
        XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }, ["6", "7", "8"])
        XCTAssertTrue(lines[1].hasPrefix("6,2026-11-23T08:05:00+07:00,incident,2026-11-23T08:05:00+07:00,,,,,,"), lines[1])

        let bad = try PantauBinary.run(["journal", "export", "--journal", file, "--from", "end"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--from takes an RFC 3339 time or HH:MM, not 'end'"), bad.stderr)
    }

    func testInfo() throws {
        let r = try PantauBinary.run(["journal", "info", "--journal", file])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "journal      \(file)")
        XCTAssertEqual(lines[1], "entries      21")
        XCTAssertEqual(lines[2], "first        2026-11-23T08:00:00+07:00")
        XCTAssertEqual(lines[3], "last         2026-11-23T08:20:00+07:00")
        XCTAssertTrue(lines[4].hasPrefix("checkpoints  1, latest at entry 10 ("), lines[4])
        XCTAssertTrue(lines[5].hasPrefix("size         "), lines[5])
    }
}
