import Foundation
import XCTest

/// The command line without a terminal: snapshot, simulate, errors.
final class CommandLineTests: XCTestCase {
    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
    }

    func testSnapshotOfTheBundledDayAtEveningShowsTheStorm() throws {
        let r = try PantauBinary.run(["snapshot", "--at", "18:30", "--size", "120x40"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 41) // 40 rows and the final newline
        XCTAssertTrue(r.stdout.contains("2026-11-23 18:30"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Pintu Air Sepuluh"))
        XCTAssertTrue(r.stdout.contains("flood"), "the storm brings flood incidents")
        XCTAssertTrue(r.stdout.contains("Siaga"), "rivers above their alert levels")
    }

    func testDemoWithoutATerminalNamesSnapshot() throws {
        let r = try PantauBinary.run(["demo"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("snapshot"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1)
    }

    func testBadFlagsAndMissingFilesGetOneLine() throws {
        for args in [["replay", "/no/such/file.ndjson"], ["demo", "--sped", "3"], ["snapshot", "--at", "25:99"],
                     ["snapshot", "--size", "huge"], ["bogus"], ["snapshot", "--layout", "nope"]] {
            let r = try PantauBinary.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("pantau: "), r.stderr)
            XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
        }
    }

    func testLayoutsCheckListsEveryProblemAndExitsOne() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-desk-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try "name: desk\nkeys:\n  zom: Z\nlayout:\n  columns:\n    - type: mapp\n    - type: incidents\n      columns: [id, distrct]\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try PantauBinary.run(["layouts", "check", file.path])
        XCTAssertEqual(r.status, 1)
        let all = r.stdout + r.stderr
        XCTAssertTrue(all.contains("\(file.path):3:3: unknown action `zom` in `keys`; did you mean `zoom`?"), all)
        XCTAssertTrue(all.contains("\(file.path):6:13: unknown pane type `mapp`; did you mean `map`?"), all)
        XCTAssertTrue(all.contains("did you mean `district`?"), all)
        XCTAssertFalse(all.contains("ExitCode"), "the problems are the whole message: \(all)")

        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Layouts/flood-watch.yaml")
        let good = try PantauBinary.run(["layouts", "check", shipped.path, "--size", "80x24"])
        XCTAssertEqual(good.status, 0, good.stdout + good.stderr)
    }

    func testHelpAndVersion() throws {
        let v = try PantauBinary.run(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertTrue(v.stdout.contains("0."), v.stdout)
        for sub in ["", "demo", "replay", "snapshot", "simulate"] {
            let h = try PantauBinary.run(sub.isEmpty ? ["--help"] : [sub, "--help"])
            XCTAssertEqual(h.status, 0)
            XCTAssertTrue(h.stdout.contains("Example"), "\(sub) help shows examples")
        }
    }

    func testSnapshotOfAHostileFeedCountsSkips() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(getpid()).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        try HostileFeed.text.write(to: file, atomically: true, encoding: .utf8)
        let r = try PantauBinary.run(["snapshot", "--feed", file.path, "--size", "120x40"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("skipped \(HostileFeed.badLines)"), r.stdout)
        XCTAssertTrue(r.stderr.contains("\(HostileFeed.badLines) skipped"), r.stderr)
        XCTAssertFalse(r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control characters in the frame")
    }

    func testSimulateIsDeterministicAndReplayable() throws {
        let a = try PantauBinary.run(["simulate", "--seed", "5", "--hours", "2"])
        let b = try PantauBinary.run(["simulate", "--seed", "5", "--hours", "2"])
        XCTAssertEqual(a.status, 0)
        XCTAssertEqual(a.stdout, b.stdout)
        XCTAssertGreaterThan(a.stdout.split(separator: "\n").count, 100)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(getpid()).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        try a.stdout.write(to: file, atomically: true, encoding: .utf8)
        let snap = try PantauBinary.run(["snapshot", "--feed", file.path])
        XCTAssertEqual(snap.status, 0, snap.stderr)
        XCTAssertTrue(snap.stdout.contains("skipped 0"))
    }
}
