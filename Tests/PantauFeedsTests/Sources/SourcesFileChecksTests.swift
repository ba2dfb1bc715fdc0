import Foundation
import PantauCore
@testable import PantauFeeds
import XCTest

/// What a sources file is checked for before the screen opens (issue 8, point 10): every
/// problem at its line and column, all of them at once.
final class SourcesFileChecksTests: XCTestCase {
    private func problems(_ yaml: String, dashboard: Bool = false) -> [String] {
        do {
            _ = try SourcesFile.parse(yaml, file: "s.yaml", dashboard: dashboard)
            XCTFail("accepted:\n\(yaml)")
            return []
        } catch {
            return (error as? SourcesFileError)?.problems.map(\.description) ?? ["\(error)"]
        }
    }

    /// Problems in several entries, and several in one entry, are all reported in file order.
    func testEveryProblemInTheFileIsReported() {
        XCTAssertEqual(problems("""
        sources:
          - name: laksa
            type: exec
            command: "laksa-export --since 1h"
            restart_backoff: 0s
          - name: web
            type: http
            url: http://127.0.0.1:8080/x
            every: 0s
            timeout: 1m30s
            evry: 5s
          - name: sensors
            type: mqtt
            host: broker
            topics: ["a/#/b", "sport+", "", "ok/+/x/#"]
            port: 70000
            qos: 5
            tls: true
            ca_file: /nonexistent/ca.pem
          - name: piped
            type: stdin
            format: cpa
        """, dashboard: true), [
            "s.yaml:4:14: `command` is one text with spaces, and Pantau runs no shell to split it: write the program and each argument as a list, [\"laksa-export\", \"--since\", \"1h\"]",
            "s.yaml:5:22: `restart_backoff` must be longer than zero (from 1ms to 24h), not `0s`",
            "s.yaml:9:12: `every` must be longer than zero (from 1ms to 24h), not `0s`",
            "s.yaml:11:5: unknown key `evry` for an http source; did you mean `every`? (expected one of name, type, format, url, every, timeout, headers, stale_after, clock_skew_tolerance)",
            "s.yaml:15:14: `a/#/b`: `#` must be the whole last level of a topic filter (`a/#`)",
            "s.yaml:15:23: `sport+`: `+` must be a whole level of a topic filter (`a/+/b`)",
            "s.yaml:15:33: an empty topic filter; subscribe to `#` for every topic",
            "s.yaml:16:11: `port` must be a whole number from 1 to 65535, not `70000`",
            "s.yaml:17:10: `qos` must be a whole number from 0 to 2, not `5`",
            "s.yaml:19:14: `ca_file` `/nonexistent/ca.pem` cannot be read: No such file or directory",
            "s.yaml:21:11: source `piped`: a stdin source cannot feed the dashboard, whose standard input is the terminal it reads keys from; use 'pantau record' with it, or a file or exec source",
            "s.yaml:22:13: unknown format `cpa`; did you mean `cap`? expected one of ndjson, cap, open311, waze, sensorthings, ngsi-ld, bmkg-gempa, petabencana",
        ])
    }

    /// `stdin` is refused for the dashboard (its standard input is the terminal), at the
    /// source's `type`, and accepted for `pantau record`.
    func testStdinIsForRecordOnly() throws {
        let yaml = "sources:\n  - name: file\n    type: file\n    path: /tmp/x\n  - name: piped\n    type: stdin\n"
        XCTAssertEqual(problems(yaml, dashboard: true), [
            "s.yaml:6:11: source `piped`: a stdin source cannot feed the dashboard, whose standard input is the terminal it reads keys from; use 'pantau record' with it, or a file or exec source",
        ])
        XCTAssertEqual(try SourcesFile.parse(yaml, file: "s.yaml").map(\.type), ["file", "stdin"])
    }

    /// Compound durations read as their sum; zero and malformed ones are refused.
    func testCompoundAndZeroDurations() throws {
        let s = try SourcesFile.parse("""
        sources:
          - {name: a, type: http, url: "http://x/", every: 1m30s, timeout: 1s500ms}
          - {name: b, type: exec, command: [/bin/true], restart_backoff: 1h15m}
        """, file: "s.yaml")
        XCTAssertEqual((s[0] as? HTTPSource)?.every, 90)
        XCTAssertEqual((s[0] as? HTTPSource)?.timeout, 1.5)
        XCTAssertEqual((s[1] as? ExecSource)?.restartBackoff, 4500)
        XCTAssertEqual(DurationText.parse("2h0m30s"), 7230)
        XCTAssertEqual(DurationText.parse("1.5m"), 90)
        XCTAssertEqual(DurationText.total("0s"), 0)
        XCTAssertNil(DurationText.parse("0s"), "a positive duration")
        XCTAssertNil(DurationText.parse("0m0s"))
        for bad in ["30s1m", "1m1m", "1m 30s", "m30s", "1m30", "1m30x", "1h-5m", "1..5s", "1ms30s"] {
            XCTAssertNil(DurationText.total(bad), bad)
        }
        XCTAssertEqual(problems("sources:\n  - {name: a, type: http, url: \"http://x/\", every: 30s1m}\n"),
                       ["s.yaml:2:52: `every` must be a duration such as 500ms, 6s, 5m or 1h, not `30s1m`"])
    }

    /// `command:` as one text with spaces is refused with the list to write instead (and a
    /// note when it needs a shell); a single word, or a program path with spaces that exists,
    /// is accepted.
    func testCommandWithSpacesIsRefusedWithTheListToWrite() throws {
        XCTAssertEqual(problems("sources:\n  - {name: e, type: exec, command: [\"curl -s http://x/ | jq .\"]}\n"), [
            "s.yaml:2:37: the program in `command` has spaces in its name, and Pantau runs no shell to split it: write the program and each argument as a list, [\"curl\", \"-s\", \"http://x/\", \"|\", \"jq\", \".\"] (for pipes, redirections or quotes, run a shell yourself: [\"/bin/sh\", \"-c\", \"…\"])",
        ])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pantau exec \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let tool = dir.appendingPathComponent("export tool").path
        XCTAssertTrue(FileManager.default.createFile(atPath: tool, contents: Data("#!/bin/sh\n".utf8),
                                                     attributes: [.posixPermissions: 0o755]))
        let s = try SourcesFile.parse("""
        sources:
          - {name: a, type: exec, command: "\(tool)"}
          - {name: b, type: exec, command: laksa-export}
        """, file: "s.yaml")
        XCTAssertEqual((s[0] as? ExecSource)?.command, [tool])
        XCTAssertEqual((s[1] as? ExecSource)?.command, ["laksa-export"])
    }

    func testTopicFilters() {
        for good in ["#", "+", "a/+/b", "a/#", "/", "+/+", "$SYS/#", "tangerang/sensors/+/level", "a//b"] {
            XCTAssertNil(MQTTSource.topicFilterProblem(good), good)
        }
        XCTAssertEqual(MQTTSource.topicFilterProblem("a/#/b"), "`a/#/b`: `#` must be the whole last level of a topic filter (`a/#`)")
        XCTAssertEqual(MQTTSource.topicFilterProblem("a#"), "`a#`: `#` must be the whole last level of a topic filter (`a/#`)")
        XCTAssertEqual(MQTTSource.topicFilterProblem("a/b+"), "`a/b+`: `+` must be a whole level of a topic filter (`a/+/b`)")
        XCTAssertEqual(MQTTSource.topicFilterProblem(""), "an empty topic filter; subscribe to `#` for every topic")
        XCTAssertEqual(MQTTSource.topicFilterProblem("a\u{0}b"), "a topic filter with a NUL character")
        XCTAssertEqual(MQTTSource.topicFilterProblem(String(repeating: "t", count: 65_536)),
                       "a topic filter of 65536 bytes; MQTT allows 65,535 at most")
        XCTAssertNil(MQTTSource.topicFilterProblem(String(repeating: "t", count: 65_535)))
        // A single text is a list of one, reported at the text.
        XCTAssertEqual(problems("sources:\n  - {name: m, type: mqtt, host: h, topics: a/#/b}\n"),
                       ["s.yaml:2:44: `a/#/b`: `#` must be the whole last level of a topic filter (`a/#`)"])
    }

    /// `ca_file` is read when the file is checked: a folder, or a CA without `tls: true`, is
    /// refused too.
    func testCAFileMustBeAReadableFileWithTLS() throws {
        let dir = FileManager.default.temporaryDirectory.path
        let ca = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-ca-\(UUID().uuidString).pem").path
        try "x".write(toFile: ca, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: ca) }
        XCTAssertEqual(problems("""
        sources:
          - {name: a, type: mqtt, host: h, topics: [t], tls: true, ca_file: "\(dir)"}
          - {name: b, type: mqtt, host: h, topics: [t], ca_file: "\(ca)"}
        """).map { $0.replacingOccurrences(of: dir, with: "TMP").replacingOccurrences(of: ca, with: "CA") }, [
            "s.yaml:2:69: `ca_file` `TMP` is a folder, not a file",
            "s.yaml:3:58: `ca_file` is the CA that verifies the broker over TLS: it needs `tls: true`",
        ])
        let s = try SourcesFile.parse("sources:\n  - {name: a, type: mqtt, host: h, topics: [t], tls: true, ca_file: \"\(ca)\"}\n", file: "s.yaml")
        XCTAssertEqual((s[0] as? MQTTSource)?.caFile, ca)
    }
}
