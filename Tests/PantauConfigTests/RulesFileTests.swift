import PantauConfig
import PantauCore
import XCTest

/// Rules files: every kind read as written, every problem at its line and column, and the
/// shipped rules valid.
final class RulesFileTests: XCTestCase {
    private func parse(_ yaml: String) throws -> RulesFile {
        try RulesFile.parse(yaml, file: "rules.yaml")
    }

    /// The problems of `yaml`, as `line:column: message`.
    private func problems(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try parse(yaml)
            XCTFail("expected problems", file: file, line: line)
            return []
        } catch let e as RulesFileError {
            XCTAssertTrue(e.problems.allSatisfy { $0.file == "rules.yaml" }, file: file, line: line)
            return e.problems.map { "\($0.line):\($0.column): \($0.message)" }
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return []
        }
    }

    func testEveryKindReadsAsWritten() throws {
        let file = try parse("""
        rules:
          - name: water-siaga2
            when: band
            sensor: water_level
            at: Siaga 2
            stations: [pa-sepuluh, situ-cipondoh]
            for: 10m
            severity: 4
            then:
              bell: false
              incident: true
              command: [/usr/local/bin/notify, --urgent]
              timeout: 5s
              mqtt: pantau/alarms
          - name: air
            when: band
            sensor: ispu
            at: tidak sehat
            clear_below: 90
          - name: rain
            when: above
            sensor: rainfall
            value: 20
            clear_below: 10
            stations: arg-ciledug
          - name: rise
            when: rising
            sensor: water_level
            per_hour: 30
            over: 30m
          - name: jam
            when: jam
            level: 4
            roads: [Jl. Daan Mogot]
            for: 15m
          - name: overdue
            when: overdue_tickets
            more_than: 5
            offices: [Dinas PUPR]
          - name: unack
            when: unacknowledged
            severity_at_least: 5
          - name: silent
            when: no_signal
            sources: [bmkg]
            for: 10m
        """)
        XCTAssertEqual(file.rules.map(\.name), ["water-siaga2", "air", "rain", "rise", "jam", "overdue", "unack", "silent"])
        let r = file.rules
        XCTAssertEqual(r[0], AlertRule(name: "water-siaga2", severity: 4,
                                      condition: .band(kind: .waterLevel, raise: .flood(.siaga2), clear: .below(.flood(.siaga3)), stations: ["pa-sepuluh", "situ-cipondoh"]),
                                      minDuration: 600,
                                      response: AlarmResponse(bell: false, flash: true, createIncident: true, command: ["/usr/local/bin/notify", "--urgent"],
                                                              commandTimeout: 5, mqttTopic: "pantau/alarms")))
        XCTAssertEqual(r[1].condition, .band(kind: .ispu, raise: .ispu(.tidakSehat), clear: .belowValue(90), stations: []))
        XCTAssertEqual(r[1].severity, 3, "the default severity")
        XCTAssertEqual(r[1].response, AlarmResponse())
        XCTAssertEqual(r[2].condition, .threshold(kind: .rainfall, raise: 20, clear: 10, stations: ["arg-ciledug"]))
        XCTAssertEqual(r[3].condition, .rateOfRise(kind: .waterLevel, raise: 30, clear: 15, window: 1800, stations: []))
        XCTAssertEqual(r[4].condition, .jam(raise: 4, clear: 3, roads: ["Jl. Daan Mogot"]))
        XCTAssertEqual(r[4].minDuration, 900)
        XCTAssertEqual(r[5].condition, .overdueTickets(moreThan: 5, clearAtOrBelow: 4, offices: ["Dinas PUPR"]))
        XCTAssertEqual(r[6].condition, .unacknowledgedIncident(minSeverity: 5, targets: .standard))
        XCTAssertEqual(r[7].condition, .noSignal(seconds: 600, sources: ["bmkg"]))
        XCTAssertEqual(r[7].minDuration, 0, "a no-signal rule's `for` is its silence")
        // A desk's targets replace the standard ones.
        var targets = ResponseTargets.standard
        targets.bySeverity[5].acknowledge = 30
        XCTAssertEqual(file.withTargets(targets).rules[6].condition, .unacknowledgedIncident(minSeverity: 5, targets: targets))
    }

    func testEveryProblemIsReportedAtItsPlace() {
        let yaml = """
        rules:
          - name: w
            when: band
            sensor: water_level
            at: Siaga 5
          - name: x y
            when: jam
          - name: j
            when: jamm
          - name: k
            when: jam
            level: 4
            clear_below: 5
            fro: 10m
            severity: 7
            then:
              command: notify-send
              mqtt: pantau/#
          - name: k
            when: no_signal
            for: 10s
          - name: t
            when: above
            sensor: rainfall
            value: 20
            clear_below: 25
        """
        XCTAssertEqual(problems(yaml), [
            "5:9: `at` must be a band above the lowest: Siaga 3 (Waspada), Siaga 2 (Siaga), Siaga 1 (Awas), not `Siaga 5`",
            "6:11: rule name `x y` must be letters, digits, `-`, `_` or `.` only (it is part of every alarm id), e.g. water-siaga2",
            "9:11: unknown rule kind `jamm`; did you mean `jam`? expected one of band, above, rising, jam, overdue_tickets, unacknowledged, no_signal",
            "13:18: `clear_below` must be at or below `level` (4)",
            "14:5: unknown key `fro` in rule `k` (when: jam); did you mean `for`?",
            "15:15: `severity` must be a whole number from 1 to 5, not `7`",
            "17:16: `command` must be a non-empty list: the program and its arguments, e.g. [notify-send, Pantau] (never run through a shell)",
            "18:13: `mqtt` must be a topic to publish to, without wildcards (+ or #)",
            "21:10: a no_signal rule needs `for`: the silence to wait for, at least 1m",
            "26:18: `clear_below` must be below `value` (20): the gap keeps a value that hovers at the level from flapping",
        ])
        XCTAssertEqual(problems("rules:\n  - name: a\n    when: jam\n    level: 4\n  - name: a\n    when: jam\n    level: 3\n"),
                       ["5:11: a rule named `a` is already defined at line 2; names must be unique"])
        XCTAssertEqual(problems("rule: []\n"), ["1:1: expected a mapping with `rules:`, a list of rules (see `pantau rules example`)"])
        XCTAssertEqual(problems("rules:\n  - name: a\n\twhen: jam\n").count, 1, "a YAML error is one problem")
    }

    func testTheShippedRulesAreValidAndTheDefault() throws {
        let parsed = try RulesFile.parse(RulesFile.shippedYAML, file: RulesFile.shippedFileName)
        XCTAssertEqual(parsed, RulesFile.shipped)
        XCTAssertEqual(parsed.rules.count, 8)
        // Every kind of condition the issue names is shipped, but the plain threshold (a gauge's
        // bands say it better).
        let kinds = Set(parsed.rules.map { "\($0.condition.input)" })
        XCTAssertEqual(kinds.count, 5)
    }
}
