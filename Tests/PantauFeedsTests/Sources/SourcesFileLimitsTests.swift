import Foundation
import PantauCore
import PantauFeeds
import XCTest

/// Every number a sources file carries is bounded at its line and column, and a file that is
/// not UTF-8 or not YAML says why and where (issue 7, points 3 and 5).
final class SourcesFileLimitsTests: XCTestCase {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try SourcesFile.parse(yaml, file: "s.yaml")
            XCTFail("accepted:\n\(yaml)")
            return []
        } catch {
            return (error as? SourcesFileError)?.problems.map(\.description) ?? ["\(error)"]
        }
    }

    func testOutOfRangeIntegersAreRefusedAtTheirLineAndColumn() {
        XCTAssertEqual(problems("""
        sources:
          - { name: a, type: mqtt, host: h, topics: [t], port: 99999999999999999999 }
          - { name: b, type: mqtt, host: h, topics: [t], port: 0 }
          - { name: c, type: mqtt, host: h, topics: [t], qos: 9223372036854775807 }
        """), [
            "s.yaml:2:56: `port` must be a whole number from 1 to 65535, not `99999999999999999999`",
            "s.yaml:3:56: `port` must be a whole number from 1 to 65535, not `0`",
            "s.yaml:4:55: `qos` must be a whole number from 0 to 2, not `9223372036854775807`",
        ])
    }

    func testDurationsAreBoundedToAMillisecondToADay() {
        XCTAssertEqual(problems("""
        sources:
          - { name: a, type: http, url: "http://x", every: 99999999999999999999999h }
          - { name: b, type: http, url: "http://x", timeout: 25h }
          - { name: c, type: exec, command: [x], restart_backoff: 0.0001s }
        """), [
            "s.yaml:2:52: `every` must be from 1ms to 24h, not `99999999999999999999999h`",
            "s.yaml:3:54: `timeout` must be from 1ms to 24h, not `25h`",
            "s.yaml:4:59: `restart_backoff` must be from 1ms to 24h, not `0.0001s`",
        ])
        XCTAssertNoThrow(try SourcesFile.parse("sources:\n  - {name: a, type: http, url: \"http://x\", every: 24h, timeout: 1ms}\n", file: "s.yaml"))
    }

    func testDurationTextFormatsAnyNumber() {
        XCTAssertEqual(DurationText.format(1e300), "\(Int.max)s")
        XCTAssertEqual(DurationText.format(.infinity), "\(Int.max)s")
        XCTAssertEqual(DurationText.format(-.infinity), "\(Int.min)ms")
        XCTAssertEqual(DurationText.format(.nan), "?")
        XCTAssertEqual(DurationText.format(90), "90s")
    }

    func testAFileThatIsNotUTF8NamesItsFirstBadByte() throws {
        let path = NSTemporaryDirectory() + "pantau-sources-\(getpid())-latin1.yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = Array("sources:\n  - name: caf".utf8)
        bytes += [0xE9] + Array("\n    type: stdin\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SourcesFile.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path):2:14: not UTF-8 text: 0xE9 is not a UTF-8 character (save the file as UTF-8)")
        }
        // A truncated multi-byte character at the end of a later line, after multi-byte text.
        try Data(Array("sources:\n  - {name: é, type: stdin}\n# ü ".utf8) + [0xE2, 0x82]).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SourcesFile.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path):3:5: not UTF-8 text: 0xE2 0x82 is not a UTF-8 character (save the file as UTF-8)")
        }
    }

    func testAFileThatCannotBeReadSaysWhy() {
        XCTAssertThrowsError(try SourcesFile.load(path: "/nonexistent/sources.yaml")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/sources.yaml:1:1: cannot read the file: no such file")
        }
        XCTAssertThrowsError(try SourcesFile.load(path: NSTemporaryDirectory())) { error in
            XCTAssertTrue("\(error)".hasSuffix(":1:1: cannot read the file: it is a directory"), "\(error)")
        }
    }

    func testYAMLErrorsAreInPlainWords() {
        let deep = problems("sources: " + String(repeating: "[", count: 1100) + String(repeating: "]", count: 1100) + "\n")
        XCTAssertEqual(deep.count, 1)
        XCTAssertTrue(deep[0].hasSuffix("YAML: lists and mappings nested more than 1000 deep"), deep[0])
        XCTAssertEqual(problems("sources:\n  - name: a: b\n"),
                       ["s.yaml:2:12: YAML: a `:` that YAML reads as a new key here; quote a text that holds \": \", or check the indentation"])
        XCTAssertEqual(problems("sources:\n\t- {name: a, type: stdin}\n"),
                       ["s.yaml:2:1: YAML: a character that cannot start a value here (a tab, or one of @ ` %); quote the text"])
        XCTAssertEqual(problems("sources: *nowhere\n"), ["s.yaml:1:10: YAML: an alias (`*name`) with no anchor (`&name`) before it"])
        XCTAssertEqual(problems("sources: [a\n"), ["s.yaml:2:1: YAML: a list in [ ] that is not closed, or whose items are not separated by commas"])
        XCTAssertEqual(problems("sources: \"a\n"), ["s.yaml:2:1: YAML: the file ends inside a quoted text or an open [ or {"])
        XCTAssertEqual(problems("sources: \u{1}\n"), ["s.yaml:1:10: YAML: a control character, which YAML does not allow in text"])
        for message in deep + problems("sources: [a\n") {
            XCTAssertFalse(message.contains("yaml_"), message)
        }
    }
}
