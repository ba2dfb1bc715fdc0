import Foundation
import XCTest

/// The desk file through the binary: `pantau desk example` is a valid start, `pantau desk check`
/// lists every problem at its place, and `--desk` refuses a bad file before any screen opens.
final class DeskEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-desk-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func write(_ text: String, to name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testTheExampleChecksCleanAndAnEditedCopyTooAfterItsMistakesAreFixed() throws {
        let example = try PantauBinary.run(["desk", "example"])
        XCTAssertEqual(example.status, 0, example.stderr)
        XCTAssertTrue(example.stdout.hasPrefix("# Pantau desk file"), example.stdout)
        XCTAssertTrue(example.stdout.contains("  - id: DMK-01\n"), example.stdout)
        let path = try write(example.stdout, to: "desk.yaml")
        let ok = try PantauBinary.run(["desk", "check", path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout, "\(path): ok: 35 units (Damkar 9, BPBD 5, Dinkes 8, Satpol PP 4, Dinas Perhubungan 4, Dinas PUPR 5), 4 users (1 supervisor, 2 operators, 1 viewer), 7 dispositions\n")
        XCTAssertEqual(ok.stderr, "")

        // The same file with three mistakes: all three, at their places, and exit 1.
        let edited = example.stdout
            .replacingOccurrences(of: "  - id: DMK-02\n", with: "  - id: DMK-01\n")
            .replacingOccurrences(of: "  budi: {role: operator,", with: "  budi: {role: operater,")
            .replacingOccurrences(of: "  5: {acknowledge: 1m,", with: "  5: {acknowledge: 1 min,")
        let bad = try write(edited, to: "bad.yaml")
        let lines = edited.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ prefix: String, after: Int = 0) -> Int {
            (lines.indices.first { $0 >= after && lines[$0].hasPrefix(prefix) } ?? -2) + 1
        }
        let secondDMK01 = line("  - id: DMK-01", after: line("  - id: DMK-01"))
        let check = try PantauBinary.run(["desk", "check", bad])
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stdout, "")
        XCTAssertEqual(check.stderr, """
            \(bad):\(secondDMK01):9: a unit with id `DMK-01` is already defined at line \(line("  - id: DMK-01")); ids must be unique
            \(bad):\(line("  budi:")):16: unknown role `operater`; did you mean `operator`? expected one of viewer, operator, supervisor (or a mapping with `role` and `name`)
            \(bad):\(line("  5: {")):20: `acknowledge` must be a duration such as 500ms, 6s, 5m or 1h, or none, not `1 min`

            """)
    }

    func testEveryDashboardCommandRefusesABadDeskFileBeforeItStarts() throws {
        let bad = try write("users:\n  ani: boss\nunits: []\n", to: "bad.yaml")
        let problems = """
            \(bad):2:8: unknown role `boss`; expected one of viewer, operator, supervisor (or a mapping with `role` and `name`)
            \(bad):3:8: `units` must be a non-empty list of units, each with `id`, `name`, `agency` and `kind` (leave it out for the shipped roster)

            """
        for command in [["snapshot"], ["demo"], ["replay", "/dev/null"], ["run", "--sources", dir.appendingPathComponent("none.yaml").path]] {
            let r = try PantauBinary.run(command + ["--desk", bad])
            XCTAssertNotEqual(r.status, 0, "\(command)")
            XCTAssertEqual(r.stdout, "", "\(command)")
            XCTAssertEqual(r.stderr, problems + "pantau: the desk file \(bad) has 2 problems, listed above; check it with 'pantau desk check \(bad)' (see 'pantau --help')\n", "\(command)")
        }
        let good = try write("users:\n  ani: supervisor\n", to: "good.yaml")
        let snapshot = try PantauBinary.run(["snapshot", "--desk", good, "--size", "80x24", "--at", "12:00"])
        XCTAssertEqual(snapshot.status, 0, snapshot.stderr)
        XCTAssertTrue(snapshot.stdout.contains("Pantau · Kota Tangerang"), snapshot.stdout)
    }

    func testAMissingDeskFileSaysSo() throws {
        let missing = dir.appendingPathComponent("missing.yaml").path
        let r = try PantauBinary.run(["desk", "check", missing])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "\(missing):1:1: cannot read the file: no such file\n")
    }
}
