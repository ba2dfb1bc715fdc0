@testable import PantauFeeds
import XCTest

final class SourcesFileTests: XCTestCase {
    static let example = """
    sources:
      - name: simulator
        type: file
        path: /var/log/pantau/sim.ndjson
      - name: piped
        type: stdin
      - name: laksa
        type: exec
        command: ["/usr/local/bin/laksa-export", "--since", "1h"]
        format: open311
        restart_backoff: 2s
      - name: bmkg-warnings
        type: http
        url: http://127.0.0.1:8080/alerts.xml
        format: cap
        every: 60s
        timeout: 10s
        headers:
          Accept: application/xml
      - name: sensors
        type: mqtt
        host: 127.0.0.1
        port: 1883
        topics: ["tangerang/sensors/#"]
        format: ndjson
        qos: 1
        username_env: PANTAU_MQTT_USER
        password_env: PANTAU_MQTT_PASSWORD
        tls: false
        client_id: pantau-command-room
    """

    func testCompleteExample() throws {
        let sources = try SourcesFile.parse(Self.example, file: "s.yaml")
        XCTAssertEqual(sources.map(\.name), ["simulator", "piped", "laksa", "bmkg-warnings", "sensors"])
        XCTAssertEqual(sources.map(\.type), ["file", "stdin", "exec", "http", "mqtt"])
        XCTAssertEqual(sources.map(\.format), ["ndjson", "ndjson", "open311", "cap", "ndjson"])
        let file = try XCTUnwrap(sources[0] as? FileSource)
        XCTAssertEqual(file.path, "/var/log/pantau/sim.ndjson")
        let exec = try XCTUnwrap(sources[2] as? ExecSource)
        XCTAssertEqual(exec.command, ["/usr/local/bin/laksa-export", "--since", "1h"])
        XCTAssertEqual(exec.restartBackoff, 2)
        let http = try XCTUnwrap(sources[3] as? HTTPSource)
        XCTAssertEqual(http.url.absoluteString, "http://127.0.0.1:8080/alerts.xml")
        XCTAssertEqual(http.every, 60)
        XCTAssertEqual(http.timeout, 10)
        XCTAssertEqual(http.headers, ["Accept": "application/xml"])
        XCTAssertEqual(http.staleAfter, 180)
        let mqtt = try XCTUnwrap(sources[4] as? MQTTSource)
        XCTAssertEqual(mqtt.host, "127.0.0.1")
        XCTAssertEqual(mqtt.port, 1883)
        XCTAssertEqual(mqtt.topics, ["tangerang/sensors/#"])
        XCTAssertEqual(mqtt.qos, 1)
        XCTAssertEqual(mqtt.usernameEnv, "PANTAU_MQTT_USER")
        XCTAssertEqual(mqtt.passwordEnv, "PANTAU_MQTT_PASSWORD")
        XCTAssertFalse(mqtt.tls)
        XCTAssertEqual(mqtt.clientID, "pantau-command-room")
        XCTAssertEqual(mqtt.staleAfter, 300)
    }

    func testDefaults() throws {
        let s = try SourcesFile.parse("""
        sources:
          - { name: a, type: http, url: "http://127.0.0.1/x" }
          - { name: b, type: mqtt, host: broker, topics: t }
        """, file: "d.yaml")
        let http = try XCTUnwrap(s[0] as? HTTPSource)
        XCTAssertEqual(http.format, "ndjson")
        XCTAssertEqual(http.every, 60)
        XCTAssertEqual(http.timeout, 10)
        let mqtt = try XCTUnwrap(s[1] as? MQTTSource)
        XCTAssertEqual(mqtt.qos, 1)
        XCTAssertEqual(mqtt.port, 1883)
        XCTAssertEqual(mqtt.topics, ["t"])
    }

    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try SourcesFile.parse(yaml, file: "bad.yaml")
            XCTFail("accepted:\n\(yaml)")
            return []
        } catch let e as SourcesFileError {
            return e.problems.map(\.description)
        } catch {
            XCTFail("\(error)")
            return []
        }
    }

    func testUnknownKeySuggestsClosest() {
        XCTAssertEqual(problems("""
        sources:
          - name: b
            type: http
            url: http://x/
            evry: 5s
        """), ["bad.yaml:5:5: unknown key `evry` for an http source; did you mean `every`? (expected one of name, type, format, url, every, timeout, headers, stale_after, clock_skew_tolerance)"])
    }

    func testUnknownTypeListsTypes() {
        XCTAssertEqual(problems("""
        sources:
          - name: a
            type: kafka
        """), ["bad.yaml:3:11: unknown type `kafka`; expected one of file, stdin, exec, http, mqtt"])
        XCTAssertEqual(problems("sources:\n  - {name: a, type: htp}\n").first,
                       "bad.yaml:2:21: unknown type `htp`; did you mean `http`? expected one of file, stdin, exec, http, mqtt")
    }

    func testMissingRequiredKeys() {
        XCTAssertEqual(problems("""
        sources:
          - name: f
            type: file
          - type: file
            path: x
          - name: m
            type: mqtt
            host: h
          - name: t
        """), [
            "bad.yaml:2:5: file source `f` needs `path`",
            "bad.yaml:4:5: a source needs `name`",
            "bad.yaml:6:5: mqtt source `m` needs `topics`",
            "bad.yaml:9:5: source `t` needs `type`: one of file, stdin, exec, http, mqtt",
        ])
    }

    func testBadValues() {
        XCTAssertEqual(problems("""
        sources:
          - name: h
            type: http
            url: http://x/
            every: 6x
          - name: g
            type: http
            url: not a url
          - name: m
            type: mqtt
            host: h
            topics: [a]
            port: 70000
          - name: q
            type: mqtt
            host: h
            topics: [a]
            tls: maybe
          - name: e
            type: exec
            command: {a: b}
        """), [
            "bad.yaml:5:12: `every` must be a duration such as 500ms, 6s, 5m or 1h, not `6x`",
            "bad.yaml:8:10: `url` must be an http:// or https:// URL, not `not a url`",
            "bad.yaml:13:11: `port` must be a whole number from 1 to 65535, not `70000`",
            "bad.yaml:18:10: `tls` must be true or false, not `maybe`",
            "bad.yaml:21:14: `command` must be a list of texts, e.g. [\"a\", \"b\"]",
        ])
    }

    func testUnknownFormatAndDuplicateName() {
        XCTAssertEqual(problems("""
        sources:
          - { name: a, type: stdin, format: cpa }
          - { name: b, type: stdin }
          - { name: b, type: stdin }
        """), [
            "bad.yaml:2:37: unknown format `cpa`; did you mean `cap`? expected one of ndjson, cap, open311, waze, sensorthings, ngsi-ld, bmkg-gempa, petabencana",
            "bad.yaml:4:13: a source named `b` is already defined at line 3; names must be unique",
        ])
    }

    func testStructureErrors() {
        XCTAssertEqual(problems("source:\n  - {name: a, type: stdin}\n"), [
            "bad.yaml:1:1: unknown key `source`; did you mean `sources`?",
            "bad.yaml:1:1: missing `sources`: a list of sources, each with `name` and `type`",
        ])
        XCTAssertEqual(problems("sources: []\n"), ["bad.yaml:1:10: `sources` must be a non-empty list of sources, each with `name` and `type`"])
        XCTAssertEqual(problems("sources:\n  - just text\n"), ["bad.yaml:2:5: each source must be a mapping with `name` and `type`"])
        let yaml = problems("sources:\n  - name: [a\n")
        XCTAssertEqual(yaml.count, 1)
        XCTAssertTrue(yaml[0].hasPrefix("bad.yaml:") && yaml[0].contains("YAML:"), yaml[0])
    }

    func testRegistryAddsAKindWithOneLine() throws {
        var registry = SourceRegistry.standard
        registry.register(SourceKind(type: "null", keys: ["x"]) { c in StdinSource(name: c.name, descriptor: -1) })
        XCTAssertEqual(registry.types, ["file", "stdin", "exec", "http", "mqtt", "null"])
        let s = try SourcesFile.parse("sources:\n  - {name: n, type: null, x: 1}\n  - {name: n2, type: null}\n", file: "r.yaml", registry: registry)
        XCTAssertEqual(s.map(\.name), ["n", "n2"])
    }
}
