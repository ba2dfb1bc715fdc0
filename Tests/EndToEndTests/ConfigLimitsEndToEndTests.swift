import Foundation
import XCTest

/// The binary's messages for config files and sizes out of bounds (issue 7, points 3 and 5):
/// each says what and where, and none crashes.
final class ConfigLimitsEndToEndTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        try PantauBinary.requireBuilt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-limits-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// A shipped layout's file in the repository.
    private let commandCenter: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Layouts/command-center.yaml").path

    private func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testSizeLimitsAreSaidAndTheirBoundsWork() throws {
        for size in ["0x1", "1x0", "1001x40", "99999x99999", "120x501"] {
            for args in [["snapshot", "--size", size], ["layouts", "check", commandCenter, "--size", size]] {
                let r = try PantauBinary.run(args)
                XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("--size \(size) is out of range: columns 1…1000, rows 1…500"), r.stderr)
            }
        }
        let malformed = try PantauBinary.run(["snapshot", "--size", "12x"])
        XCTAssertEqual(malformed.status, 64)
        XCTAssertTrue(malformed.stderr.contains("--size takes COLSxROWS, e.g. 120x40, not '12x'"), malformed.stderr)
        for size in ["1x1", "1000x500", "1x500", "1000x1"] {
            let r = try PantauBinary.run(["snapshot", "--size", size])
            XCTAssertEqual(r.status, 0, "\(size): \(r.stderr)")
            let rows = Int(size.split(separator: "x")[1])!
            XCTAssertEqual(r.stdout.split(separator: "\n", omittingEmptySubsequences: false).count, rows + 1, size)
        }
        let small = try PantauBinary.run(["layouts", "check", commandCenter, "--size", "1x1"])
        XCTAssertEqual(small.status, 1)
        XCTAssertTrue(small.stderr.contains("needs"), small.stderr)
    }

    func testHugeLayoutNumbersAreRefusedAtTheirLineAndColumnEverywhere() throws {
        let path = try write("big.yaml", Array("""
        name: big
        layout:
          columns:
            - type: traffic
              weight: 300000000000000000
            - type: incidents
              min_width: 9223372036854775807
        """.utf8))
        let check = try PantauBinary.run(["layouts", "check", path])
        XCTAssertEqual(check.status, 1)
        XCTAssertEqual(check.stderr, """
        \(path):5:15: `weight` must be a whole number from 1 to 1000, not `300000000000000000`
        \(path):7:18: `min_width` must be a whole number from 4 to 1000, not `9223372036854775807`

        """)
        let snapshot = try PantauBinary.run(["snapshot", "--layout", path])
        XCTAssertEqual(snapshot.status, 1)
        XCTAssertTrue(snapshot.stderr.contains("\(path):5:15: `weight` must be"), snapshot.stderr)
    }

    func testALayoutThatIsNotUTF8NamesTheBadByte() throws {
        let path = try write("latin1.yaml", Array("name: x\nlayout:\n  type: traffic\n  title: \"caf".utf8) + [0xE9] + Array("\"\n".utf8))
        for args in [["layouts", "check", path], ["snapshot", "--layout", path]] {
            let r = try PantauBinary.run(args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.contains("\(path):4:14: not UTF-8 text: 0xE9 is not a UTF-8 character (save the file as UTF-8)"), r.stderr)
        }
    }

    func testASourcesFileThatIsNotUTF8NamesTheBadByte() throws {
        let path = try write("sources.yaml", Array("sources:\n  - name: caf".utf8) + [0xE9] + Array("\n    type: stdin\n".utf8))
        let r = try PantauBinary.run(["record", "--sources", path, "--out", dir.appendingPathComponent("o.ndjson").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(path):2:14: not UTF-8 text: 0xE9"), r.stderr)
    }

    func testYAMLNestedTooDeepIsAPlainMessage() throws {
        let path = try write("deep.yaml", Array(("name: d\nlayout: " + String(repeating: "[", count: 1500) + String(repeating: "]", count: 1500)).utf8))
        let r = try PantauBinary.run(["layouts", "check", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("YAML: lists and mappings nested more than 1000 deep"), r.stderr)
        XCTAssertFalse(r.stderr.contains("yaml_set_max_nest_level"), r.stderr)
    }
}
