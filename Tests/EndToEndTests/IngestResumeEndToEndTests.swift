import Foundation
import XCTest

/// `pantau ingest` stopped and started again on the same file source: the restart goes on where
/// the first run had read to, so each line of the file is in the shared journal once.
final class IngestResumeEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-ingest-resume-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func append(_ stations: [String], to feed: URL) throws {
        let now = ISO8601DateFormatter().string(from: Date())
        let lines = stations.map { #"{"v":1,"kind":"sensor","ts":"\#(now)","station":"\#($0)","sensor":"rainfall","value":1}"# + "\n" }
        let handle = try FileHandle(forWritingTo: feed)
        handle.seekToEndOfFile()
        handle.write(Data(lines.joined().utf8))
        try handle.close()
    }

    /// The stations of the sensor entries in the journal, in order.
    private func journaled(_ journal: String) throws -> [String] {
        let export = try PantauBinary.run(["journal", "export", "--journal", journal])
        return export.stdout.split(separator: "\n").compactMap { line in
            guard line.contains(#""kind":"sensor""#), let r = line.range(of: #""station":""#) else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    private func waitForJournal(_ journal: String, count: Int, log: URL) throws -> [String] {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let stations = try journaled(journal)
            if stations.count >= count { return stations }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("no \(count) sensor entries within 30 s; ingest said: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        return try journaled(journal)
    }

    private func stop(_ ingest: FileIngest) {
        ingest.process.terminate()
        ingest.process.waitUntilExit()
        XCTAssertEqual(ingest.process.terminationStatus, 0)
    }

    func testARestartGoesOnWhereTheFileWasReadTo() throws {
        let journal = dir.appendingPathComponent("journal.sqlite").path
        let first = try FileIngest.start(journal: journal, in: dir, name: "ingest-resume")
        defer { first.stopIfRunning() }
        try append(["a1", "a2", "a3"], to: first.feed)
        XCTAssertEqual(try waitForJournal(journal, count: 3, log: first.log), ["a1", "a2", "a3"])
        stop(first)

        // Lines written while it was down, then a restart on the same file.
        try append(["b1", "b2"], to: first.feed)
        let second = try FileIngest.start(journal: journal, in: dir, name: "ingest-resume", keepFeed: true)
        defer { second.stopIfRunning() }
        XCTAssertEqual(try waitForJournal(journal, count: 5, log: second.log), ["a1", "a2", "a3", "b1", "b2"])
        try append(["c1"], to: first.feed)
        XCTAssertEqual(try waitForJournal(journal, count: 6, log: second.log), ["a1", "a2", "a3", "b1", "b2", "c1"])
        // Turns go on: nothing is appended twice.
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertEqual(try journaled(journal).count, 6)
        stop(second)
        let said = try String(contentsOf: second.log, encoding: .utf8)
        XCTAssertTrue(said.contains("city-feed: going on in \(first.feed.path) at byte"), said)

        // Another journal (a new one at the same path): the positions are not its own, so the
        // file is read from its start.
        for suffix in ["", "-wal", "-shm", "-notify"] { try? FileManager.default.removeItem(atPath: journal + suffix) }
        let third = try FileIngest.start(journal: journal, in: dir, name: "ingest-resume", keepFeed: true)
        defer { third.stopIfRunning() }
        XCTAssertEqual(try waitForJournal(journal, count: 6, log: third.log), ["a1", "a2", "a3", "b1", "b2", "c1"])
        stop(third)
    }
}
